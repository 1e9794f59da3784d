import type { CallProvider } from '../../core/provider';
import type { HmsProviderOptions } from './types';

export type { HmsProviderOptions, HmsSdkLike } from './types';

/**
 * The 100ms provider. Importing it costs almost nothing: the adapter and
 * `@100mslive/hms-video-store` load with `import()` when a call is joined.
 *
 * Behaviour worth knowing:
 * - Media turned off before joining joins muted; audio calls always join with the camera muted.
 * - Remote audio is played by the SDK: audio TrackRefs do not need (and ignore) an element;
 *   video TrackRefs attach through `hmsActions.attachVideo`.
 * - A terminal SDK error rejoins once with a fresh token; a second one fails the room.
 * - The room leaves on `pagehide` (closing the tab leaves the call at once).
 */
export function hms(options: HmsProviderOptions = {}): CallProvider {
  return {
    name: 'hms',
    prepare() {
      // The adapter and the SDK load while the token is fetched; nothing to release.
      import('./adapter').then((a) => a.preloadHms(options)).catch(() => {});
      return { release() {} };
    },
    async join(joinOptions) {
      const { joinHms } = await import('./adapter');
      return joinHms(joinOptions, options);
    },
  };
}
