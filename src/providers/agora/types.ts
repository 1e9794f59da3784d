import type { CallUser } from '../../core/provider';

/**
 * The slice of `agora-rtc-sdk-ng/esm` the adapter uses, typed structurally so that unit tests can
 * inject a hand-written fake through `agora({ sdk })`. The real module satisfies it (checked in
 * adapter.ts by assigning the imported module to this type without a cast).
 */

/** Agora's id for a user in a channel (the call service mints tokens for a numeric one). */
export type AgoraUid = number | string;

export interface AgoraEmitter {
  on(event: string, listener: (...args: never[]) => void): void;
  off(event: string, listener: (...args: never[]) => void): void;
}

export interface AgoraLocalTrack extends AgoraEmitter {
  readonly enabled: boolean;
  getTrackId(): string;
  getMediaStreamTrack(): MediaStreamTrack;
  setEnabled(enabled: boolean): Promise<void>;
  close(): void;
}

export interface AgoraDeviceTrack extends AgoraLocalTrack {
  setDevice(deviceId: string): Promise<void>;
}

export interface AgoraRemoteTrack {
  getTrackId(): string;
  getMediaStreamTrack(): MediaStreamTrack;
  stop(): void;
}

/** Remote audio is played by the SDK (it detects autoplay refusals that way). */
export interface AgoraRemoteAudioTrack extends AgoraRemoteTrack {
  play(): void;
  setPlaybackDevice?(deviceId: string): Promise<void>;
}

export interface AgoraRemoteUser {
  uid: AgoraUid;
  hasAudio: boolean;
  hasVideo: boolean;
  audioTrack?: AgoraRemoteAudioTrack;
  videoTrack?: AgoraRemoteTrack;
}

export interface AgoraClient extends AgoraEmitter {
  readonly remoteUsers: AgoraRemoteUser[];
  join(
    appid: string,
    channel: string,
    token: string | null,
    uid?: AgoraUid | null,
  ): Promise<AgoraUid>;
  leave(): Promise<void>;
  publish(tracks: AgoraLocalTrack | AgoraLocalTrack[]): Promise<unknown>;
  unpublish(tracks?: AgoraLocalTrack | AgoraLocalTrack[]): Promise<void>;
  subscribe(user: AgoraRemoteUser | AgoraUid, mediaType: 'audio' | 'video'): Promise<unknown>;
  unsubscribe(user: AgoraRemoteUser | AgoraUid, mediaType?: 'audio' | 'video'): Promise<void>;
  renewToken(token: string): Promise<void>;
  enableAudioVolumeIndicator(): void;
}

export interface AgoraDeviceChange {
  state: 'ACTIVE' | 'INACTIVE';
  device: MediaDeviceInfo;
  initAt: number;
  updateAt: number;
}

/** The global callbacks Agora keeps on its `AgoraRTC` object (one handler each, app-wide). */
export interface AgoraGlobalHandlers {
  onCameraChanged?: (info: AgoraDeviceChange) => void;
  onMicrophoneChanged?: (info: AgoraDeviceChange) => void;
  onAutoplayFailed?: () => void;
}

/**
 * The part of `agora-rtc-sdk-ng/esm` the adapter uses: what `AgoraProviderOptions.sdk` must
 * return (tests give a fake; apps leave it out).
 */
export interface AgoraSdkLike {
  /** The SDK's global event handlers (device changes, autoplay), hooked while a room lives. */
  AgoraRTC: AgoraGlobalHandlers;
  /** A client for one channel. */
  createClient(config: { mode: 'rtc'; codec: AgoraCodec }): AgoraClient;
  /** The microphone track. */
  createMicrophoneAudioTrack(config?: { microphoneId?: string }): Promise<AgoraDeviceTrack>;
  /** The camera track. */
  createCameraVideoTrack(config?: { cameraId?: string }): Promise<AgoraDeviceTrack>;
  /** Both tracks with one permission prompt. */
  createMicrophoneAndCameraTracks(
    audio?: { microphoneId?: string },
    video?: { cameraId?: string },
  ): Promise<[AgoraDeviceTrack, AgoraDeviceTrack]>;
  /** The screen-share track (video only). */
  createScreenVideoTrack(config?: object, withAudio?: 'disable'): Promise<AgoraLocalTrack>;
  /** The cameras, microphones and speakers. */
  getDevices(skipPermissionCheck?: boolean): Promise<MediaDeviceInfo[]>;
  /** Sets an SDK parameter (event reporting, volume indication interval). */
  setParameter(key: string, value: unknown): void;
  /** Sets the SDK's console log level. */
  setLogLevel(level: number): void;
}

/** The video codec Agora's client uses. */
export type AgoraCodec = 'vp8' | 'vp9' | 'h264';

/**
 * `agora(options)`. Everything is optional.
 *
 * @example
 * agora({ resolveUser: (uid) => members.get(String(uid)), codec: 'vp9' })
 */
export interface AgoraProviderOptions {
  /** Let the SDK post its usage statistics to Agora's servers. Default false. */
  eventReporting?: boolean;
  /** Default 'vp8'. */
  codec?: AgoraCodec;
  /** How often the SDK reports audio levels (active speaker), in ms. SDK default ~2000. */
  volumeIntervalMs?: number;
  /**
   * Agora only knows numeric uids. Map one to the app's user (id, name, image) for tiles;
   * without it the uid becomes the user id.
   */
  resolveUser?: (uid: AgoraUid) => CallUser | undefined | Promise<CallUser | undefined>;
  /**
   * The SDK's console logging, app-wide: 0 debug, 1 info, 2 warning, 3 error, 4 none. Default 2:
   * Agora logs every step at debug level otherwise.
   */
  logLevel?: 0 | 1 | 2 | 3 | 4;
  /**
   * Loads the SDK module. Default: `import('agora-rtc-sdk-ng/esm')` (the package must be
   * installed: the join says so when it is not). Tests inject a fake.
   */
  sdk?: () => Promise<AgoraSdkLike>;
}
