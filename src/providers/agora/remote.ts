import type { RoomStore } from '../shared/room-store';
import { agoraTrackRef } from './tracks';
import type { AgoraClient, AgoraProviderOptions, AgoraRemoteUser, AgoraUid } from './types';

/** What remote-user handling needs from the room. */
export interface RemoteContext {
  client: AgoraClient;
  store: () => RoomStore | undefined;
  isClosed: () => boolean;
  resolveUser?: AgoraProviderOptions['resolveUser'];
  /** Where remote audio should play (selectDevice('audiooutput')). */
  playbackDeviceId: () => string | undefined;
}

export const participantId = (uid: AgoraUid): string => String(uid);

/** Adds a remote user once; resolves the app's user for it when the app can. */
export function addRemoteUser(ctx: RemoteContext, user: AgoraRemoteUser): void {
  const store = ctx.store();
  if (!store) return;
  const id = participantId(user.uid);
  if (store.getSnapshot().participants[id]) return;
  store.upsertParticipant(id, { userId: id, isLocal: false });
  if (!ctx.resolveUser) return;
  void Promise.resolve()
    .then(() => ctx.resolveUser?.(user.uid))
    .then((resolved) => {
      if (!resolved || ctx.isClosed() || !store.getSnapshot().participants[id]) return;
      store.upsertParticipant(id, {
        userId: resolved.id,
        name: resolved.name,
        image: resolved.image,
      });
    })
    .catch(() => {
      // The uid stays the label: a failed lookup must not break the call.
    });
}

/** Subscribes to what a remote user published; the SDK plays remote audio itself. */
export async function subscribeRemote(
  ctx: RemoteContext,
  user: AgoraRemoteUser,
  mediaType: 'audio' | 'video',
): Promise<void> {
  // Before the join resolved there is no room yet: reconcileRemoteUsers() subscribes then.
  if (!ctx.store()) return;
  addRemoteUser(ctx, user);
  try {
    await ctx.client.subscribe(user, mediaType);
  } catch {
    return; // Unpublished or left meanwhile: its own event follows.
  }
  const store = ctx.store();
  if (ctx.isClosed() || !store) {
    user.audioTrack?.stop();
    return;
  }
  const id = participantId(user.uid);
  if (mediaType === 'audio' && user.audioTrack) {
    const track = user.audioTrack;
    const device = ctx.playbackDeviceId();
    if (device) void track.setPlaybackDevice?.(device).catch(() => {});
    track.play();
    store.upsertParticipant(id, {
      audioEnabled: true,
      audioTrack: agoraTrackRef(track, 'audio', 'microphone'),
    });
  } else if (mediaType === 'video' && user.videoTrack) {
    store.upsertParticipant(id, {
      videoEnabled: true,
      videoTrack: agoraTrackRef(user.videoTrack, 'video', 'camera'),
    });
  }
}

export function unsubscribeRemote(
  ctx: RemoteContext,
  user: AgoraRemoteUser,
  mediaType: 'audio' | 'video',
): void {
  const id = participantId(user.uid);
  if (mediaType === 'audio') user.audioTrack?.stop();
  else user.videoTrack?.stop();
  void ctx.client.unsubscribe(user, mediaType).catch(() => {
    // Already unsubscribed by the SDK.
  });
  const store = ctx.store();
  if (!store?.getSnapshot().participants[id]) return;
  store.upsertParticipant(
    id,
    mediaType === 'audio'
      ? { audioEnabled: false, audioTrack: undefined, audioLevel: 0, speaking: false }
      : { videoEnabled: false, videoTrack: undefined },
  );
}

export function removeRemoteUser(ctx: RemoteContext, user: AgoraRemoteUser): void {
  user.audioTrack?.stop();
  user.videoTrack?.stop();
  ctx.store()?.removeParticipant(participantId(user.uid));
}

/** Users (and their media) already in the channel when the join resolved. */
export function reconcileRemoteUsers(ctx: RemoteContext): void {
  for (const user of ctx.client.remoteUsers) {
    addRemoteUser(ctx, user);
    if (user.hasAudio) void subscribeRemote(ctx, user, 'audio');
    if (user.hasVideo) void subscribeRemote(ctx, user, 'video');
  }
}

/** Agora's levels are 0–100 per uid; anyone it did not mention is silent. */
export function audioLevels(
  result: readonly { level: number; uid: AgoraUid }[],
  store: RoomStore,
  localUid: AgoraUid,
): Map<string, number> {
  const state = store.getSnapshot();
  const levels = new Map<string, number>(state.order.map((id) => [id, 0]));
  for (const { level, uid } of result) {
    const id = uid === localUid || String(uid) === '0' ? state.localId : participantId(uid);
    if (state.participants[id]) levels.set(id, (Number(level) || 0) / 100);
  }
  return levels;
}
