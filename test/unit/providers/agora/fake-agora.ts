/**
 * A hand-written fake of the `agora-rtc-sdk-ng/esm` module: the only thing faked in these tests.
 * Clients and tracks are event emitters that count their listeners and can emit every event the
 * adapter listens to; calls are recorded in one ordered log.
 */
import type { AgoraSdkLike } from '../../../../src/providers/agora/types';

type Fn = (...args: never[]) => void;

export class FakeEmitter {
  private readonly handlers = new Map<string, Set<Fn>>();
  on(event: string, fn: Fn): void {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)?.add(fn);
  }
  off(event: string, fn: Fn): void {
    this.handlers.get(event)?.delete(fn);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const fn of [...(this.handlers.get(event) ?? [])])
      (fn as (...a: unknown[]) => void)(...args);
  }
  listenerCount(event?: string): number {
    if (event) return this.handlers.get(event)?.size ?? 0;
    let n = 0;
    for (const set of this.handlers.values()) n += set.size;
    return n;
  }
}

let nextId = 0;

export class FakeMediaStreamTrack {
  readonly id = `mst-${++nextId}`;
  readyState: 'live' | 'ended' = 'live';
  constructor(
    readonly kind: 'audio' | 'video',
    public deviceId: string,
  ) {}
  getSettings() {
    return { deviceId: this.deviceId };
  }
  stop() {
    this.readyState = 'ended';
  }
}

export class FakeLocalTrack extends FakeEmitter {
  readonly trackId = `track-${++nextId}`;
  enabled = true;
  closed = false;
  mst: FakeMediaStreamTrack;
  constructor(
    readonly kind: 'audio' | 'video',
    readonly source: 'microphone' | 'camera' | 'screen',
    deviceId: string,
    private readonly log: string[],
  ) {
    super();
    this.mst = new FakeMediaStreamTrack(kind, deviceId);
  }
  getTrackId() {
    return this.trackId;
  }
  getMediaStreamTrack() {
    return this.mst as unknown as MediaStreamTrack;
  }
  async setEnabled(enabled: boolean) {
    this.log.push(`${this.source}.setEnabled(${enabled})`);
    this.enabled = enabled;
  }
  async setDevice(deviceId: string) {
    this.log.push(`${this.source}.setDevice(${deviceId})`);
    this.mst.stop();
    this.mst = new FakeMediaStreamTrack(this.kind, deviceId);
  }
  close() {
    this.log.push(`${this.source}.close`);
    this.closed = true;
    this.mst.stop();
  }
}

export class FakeRemoteTrack {
  readonly trackId = `remote-${++nextId}`;
  plays = 0;
  playing = false;
  playbackDevice?: string;
  readonly mst: FakeMediaStreamTrack;
  constructor(readonly kind: 'audio' | 'video') {
    this.mst = new FakeMediaStreamTrack(kind, 'remote');
  }
  getTrackId() {
    return this.trackId;
  }
  getMediaStreamTrack() {
    return this.mst as unknown as MediaStreamTrack;
  }
  play() {
    this.plays += 1;
    this.playing = true;
  }
  stop() {
    this.playing = false;
  }
  async setPlaybackDevice(id: string) {
    this.playbackDevice = id;
  }
}

export interface FakeRemoteUser {
  uid: number;
  hasAudio: boolean;
  hasVideo: boolean;
  audioTrack?: FakeRemoteTrack;
  videoTrack?: FakeRemoteTrack;
}

export class AgoraError extends Error {
  override name = 'AgoraRTCException';
  constructor(
    readonly code: string,
    message = code,
  ) {
    super(`AgoraRTCError ${code}: ${message}`);
  }
}

export type JoinMode = 'resolve' | 'never' | Error;

export class FakeClient extends FakeEmitter {
  remoteUsers: FakeRemoteUser[] = [];
  joinMode: JoinMode = 'resolve';
  /** Modes for joins after the first (rejoins). */
  nextJoinModes: JoinMode[] = [];
  joins: unknown[][] = [];
  leaves = 0;
  joined = false;
  published: FakeLocalTrack[] = [];
  renewedTokens: string[] = [];
  volumeIndicatorEnabled = false;
  /** Runs inside join(), before it resolves (users already in the channel show up then). */
  duringJoin: (() => void)[] = [];
  private pendingJoin?: (e: Error) => void;

  constructor(
    readonly config: unknown,
    private readonly log: string[],
  ) {
    super();
  }

  join(appId: string, channel: string, token: string | null, uid?: number | string | null) {
    this.joins.push([appId, channel, token, uid]);
    this.log.push('client.join');
    const mode =
      this.joins.length === 1 ? this.joinMode : (this.nextJoinModes.shift() ?? 'resolve');
    if (mode instanceof Error) return Promise.reject(mode);
    if (mode === 'never') {
      // Offline Agora retries forever; only leave() settles it (OPERATION_ABORTED).
      return new Promise<number>((_, reject) => {
        this.pendingJoin = reject;
      });
    }
    this.joined = true;
    for (const hook of this.duringJoin.splice(0)) hook();
    return Promise.resolve(uid ?? 4242);
  }
  async leave() {
    this.leaves += 1;
    this.log.push('client.leave');
    this.joined = false;
    this.published = [];
    this.pendingJoin?.(new AgoraError('OPERATION_ABORTED', 'cancel token canceled'));
    this.pendingJoin = undefined;
  }
  async publish(tracks: FakeLocalTrack | FakeLocalTrack[]) {
    const list = Array.isArray(tracks) ? tracks : [tracks];
    if (!this.joined) throw new AgoraError('INVALID_OPERATION', 'publish before join');
    for (const t of list) {
      if (!t.enabled) throw new AgoraError('TRACK_IS_DISABLED');
      if (t.closed) throw new AgoraError('INVALID_LOCAL_TRACK');
    }
    const videos = [...this.published, ...list].filter((t) => t.kind === 'video');
    if (videos.length > 1) throw new AgoraError('CAN_NOT_PUBLISH_MULTIPLE_VIDEO_TRACKS');
    this.log.push(`client.publish(${list.map((t) => t.source).join(',')})`);
    this.published.push(...list);
  }
  async unpublish(tracks?: FakeLocalTrack | FakeLocalTrack[]) {
    const list =
      tracks === undefined ? [...this.published] : Array.isArray(tracks) ? tracks : [tracks];
    this.log.push(`client.unpublish(${list.map((t) => t.source).join(',')})`);
    this.published = this.published.filter((t) => !list.includes(t));
  }
  async subscribe(user: FakeRemoteUser, type: 'audio' | 'video') {
    if (type === 'audio') user.audioTrack ??= new FakeRemoteTrack('audio');
    else user.videoTrack ??= new FakeRemoteTrack('video');
    return type === 'audio' ? user.audioTrack : user.videoTrack;
  }
  async unsubscribe(user: FakeRemoteUser, type?: 'audio' | 'video') {
    if (type !== 'video') user.audioTrack = undefined;
    if (type !== 'audio') user.videoTrack = undefined;
  }
  async renewToken(token: string) {
    this.renewedTokens.push(token);
  }
  enableAudioVolumeIndicator() {
    this.volumeIndicatorEnabled = true;
  }

  // ---- test drivers: what the Agora cloud would do ----
  remoteJoins(uid: number): FakeRemoteUser {
    const user: FakeRemoteUser = { uid, hasAudio: false, hasVideo: false };
    this.remoteUsers.push(user);
    this.emit('user-joined', user);
    return user;
  }
  remotePublishes(user: FakeRemoteUser, type: 'audio' | 'video') {
    if (type === 'audio') user.hasAudio = true;
    else user.hasVideo = true;
    this.emit('user-published', user, type);
  }
  remoteUnpublishes(user: FakeRemoteUser, type: 'audio' | 'video') {
    if (type === 'audio') user.hasAudio = false;
    else user.hasVideo = false;
    this.emit('user-unpublished', user, type);
    if (type === 'audio') user.audioTrack = undefined;
    else user.videoTrack = undefined;
  }
  remoteLeaves(user: FakeRemoteUser) {
    this.remoteUsers = this.remoteUsers.filter((u) => u !== user);
    this.emit('user-left', user, 'Quit');
  }
}

export interface FakeAgoraOptions {
  /** Errors for track creation by kind ('both' fails the combined call). */
  fail?: { microphone?: Error; camera?: Error; screen?: Error };
  devices?: Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>[];
  joinMode?: JoinMode;
  duringJoin?: (client: FakeClient) => void;
}

export const DEFAULT_DEVICES = [
  { deviceId: 'mic-1', kind: 'audioinput', label: 'Built-in microphone' },
  { deviceId: 'cam-1', kind: 'videoinput', label: 'Built-in camera' },
  { deviceId: 'cam-2', kind: 'videoinput', label: 'USB camera' },
] as const;

export function createFakeAgora(options: FakeAgoraOptions = {}) {
  const log: string[] = [];
  const clients: FakeClient[] = [];
  const tracks: FakeLocalTrack[] = [];
  const parameters: [string, unknown][] = [];
  const fail = { ...options.fail };
  const state = {
    devices: [...(options.devices ?? DEFAULT_DEVICES)] as Pick<
      MediaDeviceInfo,
      'deviceId' | 'kind' | 'label'
    >[],
  };
  const AgoraRTC: {
    onCameraChanged?: (info: unknown) => void;
    onMicrophoneChanged?: (info: unknown) => void;
    onAutoplayFailed?: () => void;
  } = {};
  const firstOf = (kind: string) => state.devices.find((d) => d.kind === kind)?.deviceId ?? '';
  const make = async (source: 'microphone' | 'camera' | 'screen', deviceId?: string) => {
    await Promise.resolve();
    const error = fail[source];
    if (error) throw error;
    const kind = source === 'microphone' ? 'audio' : 'video';
    const device =
      deviceId ??
      (source === 'screen'
        ? 'screen'
        : firstOf(source === 'microphone' ? 'audioinput' : 'videoinput'));
    const track = new FakeLocalTrack(kind, source, device, log);
    log.push(`create.${source}`);
    tracks.push(track);
    return track;
  };
  const module = {
    AgoraRTC,
    createClient(config: unknown) {
      const client = new FakeClient(config, log);
      client.joinMode = options.joinMode ?? 'resolve';
      if (options.duringJoin) client.duringJoin.push(() => options.duringJoin?.(client));
      clients.push(client);
      return client;
    },
    createMicrophoneAudioTrack: (c?: { microphoneId?: string }) =>
      make('microphone', c?.microphoneId),
    createCameraVideoTrack: (c?: { cameraId?: string }) => make('camera', c?.cameraId),
    async createMicrophoneAndCameraTracks(
      a?: { microphoneId?: string },
      v?: { cameraId?: string },
    ) {
      if (fail.microphone || fail.camera) throw fail.microphone ?? fail.camera;
      return [await make('microphone', a?.microphoneId), await make('camera', v?.cameraId)];
    },
    createScreenVideoTrack: () => make('screen'),
    async getDevices() {
      return state.devices as MediaDeviceInfo[];
    },
    setParameter(key: string, value: unknown) {
      parameters.push([key, value]);
    },
    setLogLevel(level: number) {
      parameters.push(['logLevel', level]);
    },
  };
  const sdk = module as unknown as AgoraSdkLike;
  return {
    sdk,
    load: async () => sdk,
    log,
    clients,
    tracks,
    parameters,
    fail,
    state,
    AgoraRTC,
    get client(): FakeClient {
      const c = clients[clients.length - 1];
      if (!c) throw new Error('no client was created');
      return c;
    },
    /** The SDK's device manager noticed a change. */
    deviceChanged(
      kind: 'videoinput' | 'audioinput',
      state_: 'ACTIVE' | 'INACTIVE',
      deviceId: string,
    ) {
      const info = {
        state: state_,
        device: { deviceId, kind, label: deviceId },
        initAt: Date.now(),
        updateAt: Date.now(),
      };
      if (state_ === 'INACTIVE')
        state.devices = state.devices.filter((d) => d.deviceId !== deviceId);
      if (kind === 'videoinput') AgoraRTC.onCameraChanged?.(info);
      else AgoraRTC.onMicrophoneChanged?.(info);
    },
  };
}

export type FakeAgora = ReturnType<typeof createFakeAgora>;
