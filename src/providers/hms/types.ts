import type {
  HMSAudioTrackSettings,
  HMSConfig,
  HMSPeer,
  HMSSpeaker,
  HMSStore,
  HMSTrack,
  HMSVideoTrackSettings,
} from '@100mslive/hms-video-store';

/**
 * The slice of `@100mslive/hms-video-store` the adapter uses (type-only imports: nothing of the SDK
 * is bundled by this file). The real module satisfies it — adapter.ts assigns the imported module
 * to this type without a cast — and tests inject a fake store/actions/notifications through
 * `hms({ sdk })` next to the SDK's own pure selectors.
 */

export type HmsSelector<T> = (state: HMSStore) => T;

export interface HmsStoreLike {
  getState<T>(selector: HmsSelector<T>): T;
  subscribe<T>(listener: (slice: T, previous: T) => void, selector: HmsSelector<T>): () => void;
}

export interface HmsActionsLike {
  join(config: HMSConfig): Promise<void>;
  leave(): Promise<void>;
  setLocalAudioEnabled(enabled: boolean): Promise<void>;
  setLocalVideoEnabled(enabled: boolean): Promise<void>;
  setScreenShareEnabled(enabled: boolean): Promise<void>;
  setAudioSettings(settings: Partial<HMSAudioTrackSettings>): Promise<void>;
  setVideoSettings(settings: Partial<HMSVideoTrackSettings>): Promise<void>;
  setAudioOutputDevice(deviceId: string): Promise<void>;
  attachVideo(trackId: string, element: HTMLVideoElement): Promise<void>;
  detachVideo(trackId: string, element: HTMLVideoElement): Promise<void>;
  unblockAudio(): Promise<void>;
}

/** A 100ms notification: `type` is one of HMSNotificationTypes ('ERROR', 'ROOM_ENDED'…). */
export interface HmsNotificationLike {
  type: string;
  data?: unknown;
}

export interface HmsNotificationsLike {
  onNotification(callback: (notification: HmsNotificationLike) => void): () => void;
}

export interface HmsReactiveStoreLike {
  getStore(): HmsStoreLike;
  getActions(): HmsActionsLike;
  getNotifications(): HmsNotificationsLike;
}

/**
 * The part of `@100mslive/hms-video-store` the adapter uses: what `HmsProviderOptions.sdk` must
 * return (tests give a fake; apps leave it out).
 */
export interface HmsSdkLike {
  /** The SDK's store: one per room. */
  HMSReactiveStore: new () => HmsReactiveStoreLike;
  /** The room's peers. */
  selectPeers: HmsSelector<HMSPeer[]>;
  /** The room's tracks by id. */
  selectTracksMap: HmsSelector<Record<string, HMSTrack>>;
  /** Who speaks, with their audio levels. */
  selectSpeakers: HmsSelector<Record<string, HMSSpeaker>>;
  /** The cameras, microphones and speakers. */
  selectDevices: HmsSelector<HMSStore['devices']>;
  /** The chosen devices. */
  selectLocalMediaSettings: HmsSelector<HMSStore['settings']>;
}

/** `hms(options)`. Everything is optional. */
export interface HmsProviderOptions {
  /** 100ms init endpoint override (self-hosted proxies, tests). */
  initEndpoint?: string;
  /**
   * Loads the SDK module. Default: `import('@100mslive/hms-video-store')` (the package must be
   * installed: the join says so when it is not). Tests inject a fake.
   */
  sdk?: () => Promise<HmsSdkLike>;
}
