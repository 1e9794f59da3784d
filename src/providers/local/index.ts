import { CallKitError } from '../../core/errors';
import type {
  CallProvider,
  MediaChoice,
  PreparedJoin,
  PrepareOptions,
  ProviderJoinOptions,
  ProviderRoom,
  TrackRef,
} from '../../core/provider';
import { mediaTrackRef } from '../shared/media';
import { requestInitial } from './local-media';

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
  /** The getUserMedia call each `prepare` started, until its join takes it (or it is released). */
  const requests = new WeakMap<PreparedJoin, () => Promise<MediaStream> | undefined>();
  return {
    name: 'local',
    prepare({ call, media }: PrepareOptions): PreparedJoin {
      // The connection code loads while the camera starts; a failure shows in `join`.
      import('./adapter').catch(() => {});
      const choice = publishable(call.type, media);
      const requested = requestInitial(choice);
      // Handled here so an unused request never surfaces as an unhandled rejection.
      const settled = requested?.catch(() => undefined);
      let owner: 'prepared' | 'join' | 'released' = 'prepared';
      const camera = settled?.then((stream) =>
        owner === 'released' ? undefined : stream?.getVideoTracks()[0],
      );
      const prepared: PreparedJoin = {
        preview: camera && choice.video ? startingCamera(camera) : undefined,
        release() {
          if (owner !== 'prepared') return;
          owner = 'released';
          void settled?.then(stopAll);
        },
      };
      requests.set(prepared, () => {
        if (owner !== 'prepared') return undefined;
        owner = 'join';
        return requested;
      });
      return prepared;
    },
    async join(join: ProviderJoinOptions): Promise<ProviderRoom> {
      // Taken at once: from here the join owns (and stops) the prepared camera and microphone.
      const requested = join.prepared && requests.get(join.prepared)?.();
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

/** A TrackRef for a camera still starting: attached at once, it plays as soon as the camera is on. */
function startingCamera(camera: Promise<MediaStreamTrack | undefined>): TrackRef {
  return {
    id: 'local-camera-starting',
    kind: 'video',
    source: 'camera',
    attach(element) {
      let detach: (() => void) | undefined;
      let detached = false;
      void camera.then((track) => {
        if (track && !detached) detach = mediaTrackRef(track, 'camera').attach(element);
      });
      return () => {
        detached = true;
        detach?.();
      };
    },
  };
}

/** Audio calls never publish a camera. */
function publishable(type: 'audio' | 'video', media: MediaChoice): MediaChoice {
  return type === 'audio' ? { ...media, video: false } : media;
}

function stopAll(stream: MediaStream | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** `http://host/base` → `ws://host/base/local/signal`. */
export function signalingURLFor(serviceURL: string | undefined): string | undefined {
  if (!serviceURL) return undefined;
  return `${serviceURL.replace(/^http/, 'ws').replace(/\/+$/, '')}/local/signal`;
}
