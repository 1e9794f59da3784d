import { CallKitError } from '../../core/errors';
import type {
  DeviceKind,
  MediaChoice,
  ProviderJoinOptions,
  ProviderRoom,
  RoomState,
  TrackRef,
} from '../../core/provider';
import type { ReadableStore } from '../../core/store';
import { settleWithin, withDeadline } from '../shared/media';
import { createRoomStore, type RoomStore } from '../shared/room-store';
import { loadProviderSdk } from '../shared/sdk';
import { connectionPatch, hookGlobals, joinError } from './connection';
import { LocalMedia } from './local-media';
import {
  addRemoteUser,
  audioLevels,
  type RemoteContext,
  reconcileRemoteUsers,
  removeRemoteUser,
  subscribeRemote,
  unsubscribeRemote,
} from './remote';
import { agoraTrackRef, closeTrack, createLocalTracks, type LocalTracks } from './tracks';
import type {
  AgoraClient,
  AgoraProviderOptions,
  AgoraRemoteUser,
  AgoraSdkLike,
  AgoraUid,
} from './types';

const LEAVE_WAIT_MS = 5_000;

const SDK = { factory: 'agora()', name: 'agora-rtc-sdk-ng' };
const loadSdk = (config: AgoraProviderOptions): Promise<AgoraSdkLike> =>
  loadProviderSdk(config.sdk ?? (() => import('agora-rtc-sdk-ng/esm')), SDK);

function configure(sdk: AgoraSdkLike, config: AgoraProviderOptions): void {
  // Undocumented (not in the .d.ts): stops the SDK posting usage statistics to Agora's hosts.
  if (!config.eventReporting) sdk.setParameter('ENABLE_EVENT_REPORT', false);
  sdk.setLogLevel(config.logLevel ?? 2);
  if (config.volumeIntervalMs) {
    sdk.setParameter('AUDIO_VOLUME_INDICATION_INTERVAL', config.volumeIntervalMs);
  }
}

/** What `agora().prepare` starts on the Join click: the SDK, the camera and the microphone. */
export interface AgoraPrepared {
  tracks: LocalTracks;
  /** The camera, to show while the call connects. */
  preview?: TrackRef;
  /** Closes the tracks (no join took them). */
  release(): void;
}

/** Loads the SDK and creates the local tracks, before the token is there. Never rejects but for the SDK load. */
export async function prepareAgora(
  media: MediaChoice,
  config: AgoraProviderOptions = {},
): Promise<AgoraPrepared> {
  const sdk = await loadSdk(config);
  configure(sdk, config);
  const tracks = await createLocalTracks(sdk, media);
  return {
    tracks,
    preview: tracks.cam && agoraTrackRef(tracks.cam, 'video', 'camera'),
    release() {
      closeTrack(tracks.mic);
      closeTrack(tracks.cam);
    },
  };
}

/**
 * Joins an Agora channel, with the tracks `prepared` started on the click if any. Rejects with a
 * CallKitError, having released everything it took.
 */
export async function joinAgora(
  options: ProviderJoinOptions,
  config: AgoraProviderOptions = {},
  prepared?: Promise<AgoraPrepared>,
): Promise<ProviderRoom> {
  let client: AgoraClient;
  let sdk: AgoraSdkLike;
  let appId: string;
  let channel: string;
  try {
    const { call, token, signal } = options;
    if (signal.aborted) throw new CallKitError('aborted', 'The join was cancelled.');
    if (!token.agora_app_id || !call.agora?.channel) {
      throw new CallKitError('invalid-call', 'This Agora call has no app id or channel.', {
        recoverable: false,
      });
    }
    appId = token.agora_app_id;
    channel = call.agora.channel;
    sdk = await loadSdk(config);
    if (signal.aborted) throw new CallKitError('aborted', 'The join was cancelled.');
    configure(sdk, config);
    client = sdk.createClient({ mode: 'rtc', codec: config.codec ?? 'vp8' });
  } catch (e) {
    // Not handed to a room: nobody else will close the prepared tracks.
    void prepared?.then(
      (p) => p.release(),
      () => {},
    );
    throw e;
  }
  const room = new AgoraRoom(sdk, client, options, config, appId, channel, prepared);
  await room.connect();
  return room;
}

type Listener = (...args: never[]) => void;

class AgoraRoom implements ProviderRoom {
  private roomStore?: RoomStore;
  private readonly media: LocalMedia;
  private readonly remote: RemoteContext;
  private readonly listeners: [string, Listener][] = [];
  private restoreGlobals?: () => void;
  private uid: AgoraUid = 0;
  private joined = false;
  private closed = false;
  private rejoining = false;
  private leavePromise?: Promise<void>;
  private playbackDevice?: string;

  constructor(
    private readonly sdk: AgoraSdkLike,
    private readonly client: AgoraClient,
    private readonly options: ProviderJoinOptions,
    config: AgoraProviderOptions,
    private readonly appId: string,
    private readonly channel: string,
    private readonly prepared?: Promise<AgoraPrepared>,
  ) {
    const audioCall = options.call.type === 'audio';
    this.media = new LocalMedia(sdk, client, () => this.roomStore, audioCall);
    this.remote = {
      client,
      store: () => this.roomStore,
      isClosed: () => this.closed,
      resolveUser: config.resolveUser,
      playbackDeviceId: () => this.playbackDevice,
    };
  }

  get store(): ReadableStore<RoomState> {
    if (!this.roomStore) throw new CallKitError('invalid-transition', 'The room is not joined.');
    return this.roomStore;
  }

  /** Tracks and join run side by side under our own deadline; any failure releases everything. */
  async connect(): Promise<void> {
    const { token, signal, timeoutMs, user, call } = this.options;
    this.listen();
    const media = {
      ...this.options.media,
      video: call.type === 'video' && this.options.media.video,
    };
    let cancelled = false;
    // The tracks `prepare` started on the click, or (no prepare, or its SDK load failed) new ones.
    const tracksPromise = this.prepared
      ? this.prepared.then(
          (p) => p.tracks,
          () => createLocalTracks(this.sdk, media),
        )
      : createLocalTracks(this.sdk, media);
    const joinPromise = this.client.join(
      this.appId,
      this.channel,
      token.token,
      token.agora_uid ?? null,
    );
    // After our leave() an unsettled join rejects (OPERATION_ABORTED): nobody awaits it then.
    joinPromise.catch(() => {});
    const work = async () => {
      const [uid, tracks] = await Promise.all([joinPromise, tracksPromise]);
      if (cancelled) return;
      this.uid = uid;
      this.joined = true;
      this.media.adopt(tracks);
      const store = createRoomStore({
        id: String(uid),
        userId: user.id,
        name: user.name,
        image: user.image,
        isLocal: true,
        audioLevel: 0,
        speaking: false,
        ...this.media.localPatch(),
      } as Parameters<typeof createRoomStore>[0]);
      this.roomStore = store;
      if (media.audioDeviceId || media.videoDeviceId) {
        store.update({
          selectedDevices: { audioinput: media.audioDeviceId, videoinput: media.videoDeviceId },
        });
      }
      if (tracks.issue) store.update({ mediaIssue: tracks.issue });
      await this.media.publishAll();
      if (cancelled) return;
      this.client.enableAudioVolumeIndicator();
      store.update({ connection: 'connected' });
      reconcileRemoteUsers(this.remote);
      void this.media.refreshDevices();
    };
    try {
      await withDeadline(work(), timeoutMs, signal);
    } catch (e) {
      cancelled = true;
      void tracksPromise.then((t) => {
        closeTrack(t.mic);
        closeTrack(t.cam);
      });
      await this.teardown(true);
      throw joinError(e);
    }
  }

  private on(event: string, listener: Listener): void {
    this.client.on(event, listener);
    this.listeners.push([event, listener]);
  }

  private listen(): void {
    const r = this.remote;
    this.on('user-joined', (user: AgoraRemoteUser) => addRemoteUser(r, user));
    this.on('user-left', (user: AgoraRemoteUser) => removeRemoteUser(r, user));
    this.on('user-published', (user: AgoraRemoteUser, type: string) => {
      if (type === 'audio' || type === 'video') void subscribeRemote(r, user, type);
    });
    this.on('user-unpublished', (user: AgoraRemoteUser, type: string) => {
      if (type === 'audio' || type === 'video') unsubscribeRemote(r, user, type);
    });
    this.on('volume-indicator', (result: { level: number; uid: AgoraUid }[]) => {
      if (this.roomStore)
        this.roomStore.setAudioLevels(audioLevels(result, this.roomStore, this.uid));
    });
    this.on('connection-state-change', (current: string, _prev: string, reason?: string) => {
      if (this.closed || this.rejoining || !this.roomStore) return;
      const patch = connectionPatch(current, reason);
      if (patch) this.roomStore.update(patch);
    });
    this.on('token-privilege-will-expire', () => void this.renewToken());
    this.on('token-privilege-did-expire', () => void this.rejoin());

    this.restoreGlobals = hookGlobals(this.sdk.AgoraRTC, {
      onCameraChanged: (info) => {
        if (this.roomStore) void this.media.onDeviceChanged('videoinput', info);
      },
      onMicrophoneChanged: (info) => {
        if (this.roomStore) void this.media.onDeviceChanged('audioinput', info);
      },
      onAutoplayFailed: () => {
        if (!this.closed) this.roomStore?.update({ audioBlocked: true });
      },
    });
  }

  private async renewToken(): Promise<void> {
    try {
      const fresh = await this.options.renewToken();
      if (!this.closed) await this.client.renewToken(fresh.token);
    } catch {
      // token-privilege-did-expire follows; it rejoins or fails the room.
    }
  }

  /** The token expired: fetch a fresh one and rejoin once; if that fails the room has failed. */
  private async rejoin(): Promise<void> {
    const store = this.roomStore;
    if (this.closed || this.rejoining || !store) return;
    this.rejoining = true;
    store.update({ connection: 'reconnecting' });
    try {
      const fresh = await this.options.renewToken();
      if (this.closed) return;
      await this.client.leave();
      this.joined = false;
      for (const id of store.getSnapshot().order) store.removeParticipant(id);
      const join = this.client.join(
        this.appId,
        this.channel,
        fresh.token,
        fresh.agora_uid ?? this.uid,
      );
      join.catch(() => {});
      this.uid = await withDeadline(join, this.options.timeoutMs);
      this.joined = true;
      if (this.closed) return;
      await this.media.publishAll();
      store.update({ connection: 'connected' });
      reconcileRemoteUsers(this.remote);
    } catch (e) {
      if (this.closed) return;
      store.update({
        connection: 'failed',
        endReason: 'failed',
        error: new CallKitError(
          'connection-lost',
          'The call token expired and could not be renewed.',
          {
            cause: e,
          },
        ),
      });
    } finally {
      this.rejoining = false;
    }
  }

  setMicrophoneEnabled(enabled: boolean): Promise<void> {
    return this.media.setMicrophoneEnabled(enabled);
  }

  setCameraEnabled(enabled: boolean): Promise<void> {
    return this.media.setCameraEnabled(enabled);
  }

  setScreenShareEnabled(enabled: boolean): Promise<void> {
    return this.media.setScreenShareEnabled(enabled);
  }

  selectDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    if (kind === 'audiooutput') this.playbackDevice = deviceId;
    return this.media.selectDevice(kind, deviceId, () => this.remoteAudioTracks());
  }

  private *remoteAudioTracks() {
    for (const user of this.client.remoteUsers) if (user.audioTrack) yield user.audioTrack;
  }

  async unlockAudio(): Promise<void> {
    for (const track of this.remoteAudioTracks()) track.play();
    this.roomStore?.update({ audioBlocked: false });
  }

  leave(): Promise<void> {
    this.leavePromise ??= this.teardown(false);
    return this.leavePromise;
  }

  /** In order: unpublish, close every local track, leave the channel, remove every listener. */
  private async teardown(failedJoin: boolean): Promise<void> {
    this.closed = true;
    await this.media.release(this.joined);
    for (const user of this.client.remoteUsers) {
      user.audioTrack?.stop();
      user.videoTrack?.stop();
    }
    await settleWithin(this.client.leave(), LEAVE_WAIT_MS);
    this.joined = false;
    for (const [event, listener] of this.listeners.splice(0)) this.client.off(event, listener);
    this.restoreGlobals?.();
    this.restoreGlobals = undefined;
    if (!failedJoin && this.roomStore) {
      const { endReason } = this.roomStore.getSnapshot();
      this.roomStore.update({ connection: 'disconnected', endReason: endReason ?? 'left' });
    }
  }
}
