import { CallKitError } from '../../core/errors';
import type { DeviceKind, RoomParticipant } from '../../core/provider';
import { mediaError, toDeviceInfos } from '../shared/media';
import type { RoomStore } from '../shared/room-store';
import { agoraTrackRef, closeTrack, deviceIdOf, type LocalTracks } from './tracks';
import type {
  AgoraClient,
  AgoraDeviceChange,
  AgoraDeviceTrack,
  AgoraLocalTrack,
  AgoraSdkLike,
} from './types';

/**
 * The local user's tracks in an Agora room: created lazily, toggled, switched, shared, released.
 * Agora publishes one video track per client, so a screen share takes the camera's place while it
 * lasts (the camera stays on locally and is published again when sharing stops).
 */
export class LocalMedia {
  mic?: AgoraDeviceTrack;
  cam?: AgoraDeviceTrack;
  screen?: AgoraLocalTrack;
  private readonly published = new Set<AgoraLocalTrack>();
  private chain: Promise<unknown> = Promise.resolve();
  private onScreenEnded?: () => void;
  private closed = false;

  constructor(
    private readonly sdk: AgoraSdkLike,
    private readonly client: AgoraClient,
    private readonly store: () => RoomStore | undefined,
    private readonly audioCall: boolean,
  ) {}

  adopt(tracks: LocalTracks): void {
    this.mic = tracks.mic;
    this.cam = tracks.cam;
  }

  /** The local participant's fields for what we hold now. */
  localPatch(): Partial<RoomParticipant> {
    return {
      audioEnabled: !!this.mic?.enabled,
      videoEnabled: !!this.cam?.enabled,
      screenShareEnabled: !!this.screen,
      audioTrack: this.mic && agoraTrackRef(this.mic, 'audio', 'microphone'),
      videoTrack: this.cam && agoraTrackRef(this.cam, 'video', 'camera'),
      screenTrack: this.screen && agoraTrackRef(this.screen, 'video', 'screen'),
    };
  }

  /** Publishes what should be on the wire: the mic, and the screen or else the camera. */
  async publishAll(): Promise<void> {
    this.published.clear();
    const video = this.screen ?? (this.cam?.enabled ? this.cam : undefined);
    const tracks = [this.mic?.enabled ? this.mic : undefined, video].filter(
      (t): t is AgoraLocalTrack => !!t,
    );
    if (tracks.length === 0) return;
    await this.client.publish(tracks);
    for (const t of tracks) this.published.add(t);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(() => {
      if (this.closed) return undefined as T;
      return fn();
    });
    this.chain = run.catch(() => {});
    return run;
  }

  private update(patch: Partial<RoomParticipant>, extra: { mediaIssue?: CallKitError } = {}): void {
    const store = this.store();
    if (!store || this.closed) return;
    store.upsertParticipant(store.getSnapshot().localId, patch);
    if ('mediaIssue' in extra) store.update({ mediaIssue: extra.mediaIssue });
  }

  private async publish(track: AgoraLocalTrack): Promise<void> {
    if (this.published.has(track)) return;
    await this.client.publish([track]);
    this.published.add(track);
  }

  private async unpublish(track: AgoraLocalTrack | undefined): Promise<void> {
    if (!track || !this.published.has(track)) return;
    this.published.delete(track);
    await this.client.unpublish([track]).catch(() => {});
  }

  private async create<T>(make: () => Promise<T>): Promise<T> {
    try {
      return await make();
    } catch (e) {
      const error = mediaError(e);
      this.update({}, { mediaIssue: error });
      throw error;
    }
  }

  setMicrophoneEnabled(enabled: boolean): Promise<void> {
    return this.serial(async () => {
      if (this.mic) {
        await this.mic.setEnabled(enabled);
        if (enabled) await this.publish(this.mic);
      } else if (enabled) {
        const deviceId = this.store()?.getSnapshot().selectedDevices.audioinput;
        const mic = await this.create(() =>
          this.sdk.createMicrophoneAudioTrack(deviceId ? { microphoneId: deviceId } : undefined),
        );
        if (this.closed) return closeTrack(mic);
        this.mic = mic;
        await this.publish(mic);
      }
      this.update(this.localPatch(), enabled ? { mediaIssue: undefined } : {});
    });
  }

  setCameraEnabled(enabled: boolean): Promise<void> {
    if (enabled && this.audioCall) {
      return Promise.reject(new CallKitError('invalid-request', 'Audio calls have no camera.'));
    }
    return this.serial(async () => {
      if (this.cam) {
        await this.cam.setEnabled(enabled);
        if (enabled && !this.screen) await this.publish(this.cam);
      } else if (enabled) {
        const deviceId = this.store()?.getSnapshot().selectedDevices.videoinput;
        const cam = await this.create(() =>
          this.sdk.createCameraVideoTrack(deviceId ? { cameraId: deviceId } : undefined),
        );
        if (this.closed) return closeTrack(cam);
        this.cam = cam;
        if (!this.screen) await this.publish(cam);
      }
      this.update(this.localPatch(), enabled ? { mediaIssue: undefined } : {});
    });
  }

  setScreenShareEnabled(enabled: boolean): Promise<void> {
    return this.serial(async () => {
      if (enabled === !!this.screen) return;
      if (enabled) {
        const screen = await this.create(() => this.sdk.createScreenVideoTrack({}, 'disable'));
        if (this.closed) return closeTrack(screen);
        await this.unpublish(this.cam);
        this.screen = screen;
        this.onScreenEnded = () => void this.setScreenShareEnabled(false);
        screen.on('track-ended', this.onScreenEnded);
        await this.publish(screen);
      } else {
        const screen = this.screen;
        this.stopScreen();
        await this.unpublish(screen);
        closeTrack(screen);
        if (this.cam?.enabled) await this.publish(this.cam);
      }
      this.update(this.localPatch());
    });
  }

  private stopScreen(): void {
    if (this.screen && this.onScreenEnded) this.screen.off('track-ended', this.onScreenEnded);
    this.screen = undefined;
    this.onScreenEnded = undefined;
  }

  selectDevice(
    kind: DeviceKind,
    deviceId: string,
    remoteAudio: () => Iterable<{ setPlaybackDevice?(id: string): Promise<void> }>,
  ): Promise<void> {
    return this.serial(async () => {
      if (kind === 'audioinput') await this.mic?.setDevice(deviceId);
      else if (kind === 'videoinput') await this.cam?.setDevice(deviceId);
      else for (const t of remoteAudio()) await t.setPlaybackDevice?.(deviceId);
      const store = this.store();
      if (!store || this.closed) return;
      store.update({
        selectedDevices: { ...store.getSnapshot().selectedDevices, [kind]: deviceId },
      });
      // A new device means a new MediaStreamTrack: fresh refs make tiles re-attach.
      this.update(this.localPatch());
    });
  }

  /** A device was plugged or unplugged: move off a lost device (or mute), refresh the list. */
  onDeviceChanged(kind: 'audioinput' | 'videoinput', info: AgoraDeviceChange): Promise<void> {
    return this.serial(async () => {
      const track = kind === 'audioinput' ? this.mic : this.cam;
      const store = this.store();
      const current = store?.getSnapshot().selectedDevices[kind] ?? deviceIdOf(track);
      const lost =
        info.state === 'INACTIVE' &&
        !!track &&
        (info.device.deviceId === current || track.getMediaStreamTrack().readyState === 'ended');
      const all = await this.sdk.getDevices(true).catch(() => [] as MediaDeviceInfo[]);
      const devices = toDeviceInfos(all);
      if (lost && track && store && !this.closed) {
        const next = devices.find(
          (d) => d.kind === kind && d.deviceId !== info.device.deviceId && d.deviceId !== 'default',
        );
        const selectedDevices = { ...store.getSnapshot().selectedDevices };
        if (next) {
          await track.setDevice(next.deviceId);
          selectedDevices[kind] = next.deviceId;
        } else {
          await track.setEnabled(false);
          delete selectedDevices[kind];
          const what = kind === 'audioinput' ? 'microphone' : 'camera';
          store.update({
            mediaIssue: new CallKitError('device-not-found', `Your ${what} was disconnected.`),
          });
        }
        store.update({ selectedDevices });
        this.update(this.localPatch());
      }
      if (!this.closed) store?.update({ devices });
    });
  }

  async refreshDevices(): Promise<void> {
    const all = await this.sdk.getDevices(true).catch(() => [] as MediaDeviceInfo[]);
    const store = this.store();
    if (!store || this.closed) return;
    const selectedDevices = { ...store.getSnapshot().selectedDevices };
    selectedDevices.audioinput ??= deviceIdOf(this.mic);
    selectedDevices.videoinput ??= deviceIdOf(this.cam);
    store.update({ devices: toDeviceInfos(all), selectedDevices });
  }

  /** Teardown: unpublish (while still joined), then close every local track. */
  async release(joined: boolean): Promise<void> {
    this.closed = true;
    if (joined && this.published.size > 0) {
      this.published.clear();
      await this.client.unpublish().catch(() => {});
    }
    const screen = this.screen;
    this.stopScreen();
    for (const t of [this.mic, this.cam, screen]) closeTrack(t);
  }
}
