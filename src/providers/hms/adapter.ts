import type { HMSConfig } from '@100mslive/hms-video-store';
import { CallKitError } from '../../core/errors';
import type { DeviceKind, ProviderJoinOptions, ProviderRoom, RoomState } from '../../core/provider';
import type { ReadableStore } from '../../core/store';
import { settleWithin, withDeadline } from '../shared/media';
import { createRoomStore, type RoomStore } from '../shared/room-store';
import { loadProviderSdk } from '../shared/sdk';
import { AUTOPLAY_BLOCKED, type HmsErrorLike, hmsError, isDeviceError } from './errors';
import { devicesPatch, hmsJoinConfig, ParticipantMapper, speakerLevels } from './sync';
import type {
  HmsActionsLike,
  HmsNotificationLike,
  HmsNotificationsLike,
  HmsProviderOptions,
  HmsSdkLike,
  HmsStoreLike,
} from './types';

/** 100ms's leave() may never settle offline: wait this long, then let go. */
const LEAVE_WAIT_MS = 3_000;

const SDK = { factory: 'hms()', name: '@100mslive/hms-video-store' };
const loadSdk = (config: HmsProviderOptions): Promise<HmsSdkLike> =>
  loadProviderSdk(config.sdk ?? (() => import('@100mslive/hms-video-store')), SDK);

/**
 * Starts loading the SDK on the Join click, while the token is fetched. (100ms captures media only
 * with a token, in `join`/`preview`: there is no camera to prepare.)
 */
export function preloadHms(config: HmsProviderOptions = {}): void {
  loadSdk(config).catch(() => {
    // The join loads it again and reports the failure.
  });
}

/** Joins a 100ms room. Rejects with a CallKitError, having released everything it took. */
export async function joinHms(
  options: ProviderJoinOptions,
  config: HmsProviderOptions = {},
): Promise<ProviderRoom> {
  if (options.signal.aborted) throw new CallKitError('aborted', 'The join was cancelled.');
  const sdk = await loadSdk(config);
  if (options.signal.aborted) throw new CallKitError('aborted', 'The join was cancelled.');
  const reactive = new sdk.HMSReactiveStore();
  const room = new HmsRoom(
    sdk,
    reactive.getStore(),
    reactive.getActions(),
    reactive.getNotifications(),
    options,
    config,
  );
  await room.connect();
  return room;
}

class HmsRoom implements ProviderRoom {
  private roomStore?: RoomStore;
  private readonly mapper: ParticipantMapper;
  private readonly unsubscribes: (() => void)[] = [];
  private readonly audioCall: boolean;
  private closed = false;
  private rejoining = false;
  /** A terminal error reported while joining: the reason the join failed. */
  private joinFailure?: HmsErrorLike;
  private rejoined = false;
  private pendingIssue?: CallKitError;
  private leavePromise?: Promise<void>;
  private teardownPromise?: Promise<void>;
  /** Aborts our own join wait (the page is going away, or the caller's signal). */
  private readonly joinAbort = new AbortController();

  constructor(
    private readonly sdk: HmsSdkLike,
    private readonly hmsStore: HmsStoreLike,
    private readonly actions: HmsActionsLike,
    private readonly notifications: HmsNotificationsLike,
    private readonly options: ProviderJoinOptions,
    private readonly config: HmsProviderOptions,
  ) {
    this.mapper = new ParticipantMapper(actions);
    this.audioCall = options.call.type === 'audio';
  }

  get store(): ReadableStore<RoomState> {
    if (!this.roomStore) throw new CallKitError('invalid-transition', 'The room is not joined.');
    return this.roomStore;
  }

  private joinConfig(authToken: string): HMSConfig {
    return hmsJoinConfig(this.options, authToken, this.config.initEndpoint);
  }

  async connect(): Promise<void> {
    const { token, signal, timeoutMs } = this.options;
    this.unsubscribes.push(this.notifications.onNotification((n) => this.onNotification(n)));
    if (typeof window !== 'undefined') {
      window.addEventListener('pagehide', this.onPageHide);
      this.unsubscribes.push(() => window.removeEventListener('pagehide', this.onPageHide));
    }
    const abortJoin = () => this.joinAbort.abort();
    signal.addEventListener('abort', abortJoin, { once: true });
    const join = this.actions.join(this.joinConfig(token.token));
    join.catch(() => {});
    try {
      await withDeadline(join, timeoutMs, this.joinAbort.signal);
      if (this.closed) throw new CallKitError('aborted', 'The join was cancelled.');
    } catch (e) {
      await this.teardown();
      throw hmsError(this.joinFailure ?? e);
    } finally {
      signal.removeEventListener('abort', abortJoin);
    }
    const local = this.hmsStore.getState(this.sdk.selectPeers).find((p) => p.isLocal);
    if (!local) {
      await this.teardown();
      throw new CallKitError('provider-join-failed', '100ms joined without a local peer.');
    }
    const tracks = this.hmsStore.getState(this.sdk.selectTracksMap);
    this.roomStore = createRoomStore({
      id: local.id,
      audioLevel: 0,
      speaking: false,
      ...this.mapper.participant(local, tracks),
      userId: this.options.user.id,
    });
    this.roomStore.update({ connection: 'connected', mediaIssue: this.pendingIssue });
    const {
      selectPeers,
      selectTracksMap,
      selectSpeakers,
      selectDevices,
      selectLocalMediaSettings,
    } = this.sdk;
    const sync = () => this.syncParticipants();
    this.unsubscribes.push(
      this.hmsStore.subscribe(sync, selectPeers),
      this.hmsStore.subscribe(sync, selectTracksMap),
      this.hmsStore.subscribe(() => this.syncLevels(), selectSpeakers),
      this.hmsStore.subscribe(() => this.syncDevices(), selectDevices),
      this.hmsStore.subscribe(() => this.syncDevices(), selectLocalMediaSettings),
    );
    this.syncParticipants();
    this.syncDevices();
  }

  private readonly onPageHide = () => {
    // During the join there is no room for the caller to leave yet: stop the join instead.
    if (!this.roomStore) this.joinAbort.abort();
    else void this.leave();
  };

  private syncParticipants(): void {
    const store = this.roomStore;
    if (!store || this.closed) return;
    const peers = this.hmsStore.getState(this.sdk.selectPeers);
    const tracks = this.hmsStore.getState(this.sdk.selectTracksMap);
    const { localId } = store.getSnapshot();
    const present = new Set<string>();
    for (const peer of peers) {
      // After a rejoin 100ms gives us a new peer id: we stay the same participant.
      const id = peer.isLocal ? localId : peer.id;
      present.add(id);
      const patch = this.mapper.participant(peer, tracks);
      store.upsertParticipant(
        id,
        peer.isLocal ? { ...patch, userId: this.options.user.id } : patch,
      );
    }
    for (const id of store.getSnapshot().order) if (!present.has(id)) store.removeParticipant(id);
    this.mapper.prune(tracks);
  }

  private syncLevels(): void {
    const store = this.roomStore;
    if (!store || this.closed) return;
    const local = this.hmsStore.getState(this.sdk.selectPeers).find((p) => p.isLocal);
    const speakers = this.hmsStore.getState(this.sdk.selectSpeakers);
    store.setAudioLevels(speakerLevels(speakers, local?.id, store.getSnapshot()));
  }

  private syncDevices(): void {
    const store = this.roomStore;
    if (!store || this.closed) return;
    store.update(
      devicesPatch(
        this.hmsStore.getState(this.sdk.selectDevices),
        this.hmsStore.getState(this.sdk.selectLocalMediaSettings),
        store.getSnapshot().selectedDevices,
      ),
    );
  }

  private onNotification(n: HmsNotificationLike): void {
    if (this.closed) return;
    const store = this.roomStore;
    switch (n.type) {
      case 'RECONNECTING':
        store?.update({ connection: 'reconnecting' });
        break;
      case 'RECONNECTED':
        if (!this.rejoining) store?.update({ connection: 'connected' });
        break;
      case 'ROOM_ENDED':
        store?.update({ connection: 'disconnected', endReason: 'ended' });
        break;
      case 'REMOVED_FROM_ROOM':
        store?.update({ connection: 'disconnected', endReason: 'removed' });
        break;
      case 'ERROR':
        this.onError((n.data ?? {}) as HmsErrorLike);
        break;
    }
  }

  private onError(error: HmsErrorLike): void {
    const store = this.roomStore;
    if (error.code === AUTOPLAY_BLOCKED) {
      store?.update({ audioBlocked: true });
    } else if (error.isTerminal) {
      if (store && !this.rejoining) void this.rejoin(error);
      if (!store) {
        // Offline, 100ms reports its unreachable endpoint here while join() never settles: fail
        // the join now with the reason instead of waiting for our own timeout.
        this.joinFailure = error;
        this.joinAbort.abort();
      }
    } else if (isDeviceError(error)) {
      // Joined anyway, with less media: say why.
      const issue = hmsError(error);
      if (store) store.update({ mediaIssue: issue });
      else this.pendingIssue = issue;
    }
  }

  /** A terminal error: rejoin once with a fresh token; a second one fails the room. */
  private async rejoin(error: HmsErrorLike): Promise<void> {
    const store = this.roomStore;
    if (!store) return;
    if (this.rejoined) {
      store.update({ connection: 'failed', endReason: 'failed', error: hmsError(error) });
      return;
    }
    this.rejoined = true;
    this.rejoining = true;
    store.update({ connection: 'reconnecting' });
    try {
      const fresh = await this.options.renewToken();
      if (this.closed) return;
      await settleWithin(this.actions.leave(), LEAVE_WAIT_MS);
      if (this.closed) return;
      const join = this.actions.join(this.joinConfig(fresh.token));
      join.catch(() => {});
      await withDeadline(join, this.options.timeoutMs);
      if (this.closed) return;
      store.update({ connection: 'connected' });
      this.syncParticipants();
    } catch (e) {
      if (this.closed) return;
      store.update({
        connection: 'failed',
        endReason: 'failed',
        // A rejoin that timed out says nothing new: report the error that started it.
        error: e instanceof CallKitError && e.code === 'timeout' ? hmsError(error) : hmsError(e),
      });
    } finally {
      this.rejoining = false;
    }
  }

  private async run(action: () => Promise<void>): Promise<void> {
    if (this.closed) return;
    try {
      await action();
    } catch (e) {
      const error = hmsError(e);
      if (isDeviceError(e as HmsErrorLike)) this.roomStore?.update({ mediaIssue: error });
      throw error;
    }
  }

  setMicrophoneEnabled(enabled: boolean): Promise<void> {
    return this.run(() => this.actions.setLocalAudioEnabled(enabled));
  }

  setCameraEnabled(enabled: boolean): Promise<void> {
    if (enabled && this.audioCall) {
      return Promise.reject(new CallKitError('invalid-request', 'Audio calls have no camera.'));
    }
    return this.run(() => this.actions.setLocalVideoEnabled(enabled));
  }

  setScreenShareEnabled(enabled: boolean): Promise<void> {
    return this.run(() => this.actions.setScreenShareEnabled(enabled));
  }

  selectDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    return this.run(() =>
      kind === 'audioinput'
        ? this.actions.setAudioSettings({ deviceId })
        : kind === 'videoinput'
          ? this.actions.setVideoSettings({ deviceId })
          : this.actions.setAudioOutputDevice(deviceId),
    );
  }

  async unlockAudio(): Promise<void> {
    await this.run(() => this.actions.unblockAudio());
    this.roomStore?.update({ audioBlocked: false });
  }

  leave(): Promise<void> {
    this.leavePromise ??= this.teardown().then(() => {
      const store = this.roomStore;
      if (!store) return;
      const { endReason } = store.getSnapshot();
      store.update({ connection: 'disconnected', endReason: endReason ?? 'left' });
    });
    return this.leavePromise;
  }

  /** Leaves 100ms (without waiting forever), then removes every subscription and listener. */
  private teardown(): Promise<void> {
    this.closed = true;
    this.teardownPromise ??= settleWithin(this.actions.leave(), LEAVE_WAIT_MS).then(() => {
      for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    });
    return this.teardownPromise;
  }
}
