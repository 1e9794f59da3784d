import { CallKitError } from '../../core/errors';
import type {
  CallProvider,
  MediaChoice,
  PreparedJoin,
  PrepareOptions,
  ProviderJoinOptions,
  ProviderRoom,
} from '../../core/provider';
import { preparations } from '../shared/prepared';
import { requestInitial } from './local-media';

/** `local(options)`. Everything is optional. */
export interface LocalProviderOptions {
  /** ICE servers; none are needed between browsers on one machine or LAN. */
  iceServers?: RTCIceServer[];
  /** Signaling WebSocket URL. Default: the service URL with `ws(s):` and `/local/signal`. */
  signalingURL?: string;
  /** Largest mesh this client joins (the dev server admits 6). */
  maxPeers?: number;
}

/**
 * Plain WebRTC mesh through the signaling of the call service (or the dev server): no account
 * needed, for development, tests and small calls (every member sends to every other).
 * The connection code loads with `import()` at join time, so this entry stays tiny.
 */
export function local(options: LocalProviderOptions = {}): CallProvider {
  const prepared = preparations<MediaStream>();
  return {
    name: 'local',
    prepare({ call, media }: PrepareOptions): PreparedJoin {
      // The connection code loads while the camera starts (a failure shows in `join`); it also
      // makes the preview's TrackRef, which keeps this entry small.
      const adapter = import('./adapter');
      adapter.catch(() => {});
      const choice: MediaChoice = call.type === 'audio' ? { ...media, video: false } : media;
      const requested = requestInitial(choice);
      if (!requested) return { release() {} };
      return prepared.create(
        requested,
        stopAll,
        choice.video
          ? (stream) =>
              adapter.then(
                (a) => a.cameraPreview(stream),
                () => undefined,
              )
          : undefined,
      );
    },
    async join(join: ProviderJoinOptions): Promise<ProviderRoom> {
      // Taken at once: from here the join owns (and stops) the prepared camera and microphone.
      const requested = prepared.take(join.prepared);
      try {
        const signalingURL = options.signalingURL ?? signalingURLFor(join.serviceURL);
        if (!signalingURL) {
          throw new CallKitError(
            'provider-not-configured',
            'The local provider needs a service URL or a signalingURL.',
            { recoverable: false },
          );
        }
        const { joinLocalRoom } = await import('./adapter');
        // Not awaited here: from this call on, the room stops the tracks whatever happens.
        return joinLocalRoom(join, {
          signalingURL,
          iceServers: options.iceServers ?? [],
          maxPeers: options.maxPeers ?? 6,
          requested,
        });
      } catch (e) {
        // Not handed to a room: nobody else will stop these tracks.
        void requested?.then(stopAll, () => {});
        throw e;
      }
    },
  };
}

function stopAll(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

/** `http://host/base` → `ws://host/base/local/signal`. */
export function signalingURLFor(serviceURL: string | undefined): string | undefined {
  if (!serviceURL) return undefined;
  return `${serviceURL.replace(/^http/, 'ws').replace(/\/+$/, '')}/local/signal`;
}
