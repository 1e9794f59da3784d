import { CallKitError } from '../../core/errors';
import type { CallProvider, ProviderJoinOptions, ProviderRoom } from '../../core/provider';

export interface LocalProviderOptions {
  /** ICE servers; none are needed between browsers on one machine or LAN. */
  iceServers?: RTCIceServer[];
  /** Signaling WebSocket URL. Default: the service URL with `ws(s):` and `/local/signal`. */
  signalingURL?: string;
  /** Largest mesh this client joins (the dev server admits 6). */
  maxPeers?: number;
}

/**
 * Plain WebRTC mesh through the dev server's signaling: for offline development and tests.
 * The connection code loads with `import()` at join time, so this entry stays tiny.
 */
export function local(options: LocalProviderOptions = {}): CallProvider {
  return {
    name: 'local',
    async join(join: ProviderJoinOptions): Promise<ProviderRoom> {
      const signalingURL = options.signalingURL ?? signalingURLFor(join.serviceURL);
      if (!signalingURL) {
        throw new CallKitError(
          'provider-not-configured',
          'The local provider needs a service URL or a signalingURL.',
          { recoverable: false },
        );
      }
      const { joinLocalRoom } = await import('./adapter');
      return joinLocalRoom(join, {
        signalingURL,
        iceServers: options.iceServers ?? [],
        maxPeers: options.maxPeers ?? 6,
      });
    },
  };
}

/** `http://host/base` → `ws://host/base/local/signal`. */
export function signalingURLFor(serviceURL: string | undefined): string | undefined {
  if (!serviceURL) return undefined;
  return `${serviceURL.replace(/^http/, 'ws').replace(/\/+$/, '')}/local/signal`;
}
