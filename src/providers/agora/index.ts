import type { CallProvider } from '../../core/provider';
import type { AgoraProviderOptions } from './types';

export type {
  AgoraCodec,
  AgoraProviderOptions,
  AgoraSdkLike,
  AgoraUid,
} from './types';

/**
 * The Agora provider. Importing it costs almost nothing: the adapter and `agora-rtc-sdk-ng/esm`
 * load with `import()` when a call is joined.
 *
 * Behaviour worth knowing:
 * - Media turned off before joining is not captured at all (no permission prompt, no camera
 *   light); turning it on later creates and publishes the track.
 * - A camera or microphone that fails joins anyway (audio-only or receive-only) with
 *   `RoomState.mediaIssue` saying why.
 * - Remote audio is played by the SDK: audio TrackRefs do not need (and ignore) an element.
 * - Agora publishes one video track per client: a screen share replaces the camera while it lasts.
 * - Event reporting to Agora is off unless `eventReporting: true`.
 */
export function agora(options: AgoraProviderOptions = {}): CallProvider {
  return {
    name: 'agora',
    async join(joinOptions) {
      const { joinAgora } = await import('./adapter');
      return joinAgora(joinOptions, options);
    },
  };
}
