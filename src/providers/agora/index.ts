import type { CallProvider } from '../../core/provider';
import { preparations } from '../shared/prepared';
import type { AgoraPrepared } from './adapter';
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
  const prepared = preparations<AgoraPrepared>();
  return {
    name: 'agora',
    prepare({ call, media }) {
      const choice = call.type === 'audio' ? { ...media, video: false } : media;
      // The SDK loads and the camera starts while the token is fetched.
      const started = import('./adapter').then((a) => a.prepareAgora(choice, options));
      return prepared.create(
        started,
        (p) => p.release(),
        choice.video ? (p) => p.preview : undefined,
      );
    },
    async join(joinOptions) {
      // Taken at once: from here the join owns (and closes) the prepared tracks.
      const started = prepared.take(joinOptions.prepared);
      try {
        const { joinAgora } = await import('./adapter');
        return joinAgora(joinOptions, options, started);
      } catch (e) {
        void started?.then(
          (p) => p.release(),
          () => {},
        );
        throw e;
      }
    },
  };
}
