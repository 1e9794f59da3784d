import { CallKitError } from '../../core/errors';
import type { CallUser, MediaChoice, ProviderRoom, TrackRef } from '../../core/provider';
import { createRoomStore, EMPTY_PARTICIPANT } from '../../providers/shared/room-store';

/** The local participant's id in a joining room (tiles key the local participant apart anyway). */
export const JOINING_LOCAL_ID = 'local';

const connecting = () =>
  Promise.reject(new CallKitError('invalid-transition', 'The call is still connecting.'));

/**
 * The room shown while a call connects: only the user, with the camera the provider prepared.
 * The room UI renders it like the real room, so the user's tile (and its <video>) is already on
 * screen, playing, when the provider's room takes over.
 */
export function createJoiningRoom(
  user: CallUser,
  media: MediaChoice,
  preview: TrackRef | undefined,
): ProviderRoom {
  const store = createRoomStore({
    ...EMPTY_PARTICIPANT,
    id: JOINING_LOCAL_ID,
    userId: user.id,
    name: user.name,
    image: user.image,
    isLocal: true,
    audioEnabled: media.audio,
    videoEnabled: Boolean(preview),
    videoTrack: preview,
  });
  return {
    store,
    setMicrophoneEnabled: connecting,
    setCameraEnabled: connecting,
    setScreenShareEnabled: connecting,
    selectDevice: connecting,
    unlockAudio: async () => {},
    leave: async () => {},
  };
}
