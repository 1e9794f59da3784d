import type { CallKitError } from './errors';
import type { ReadableStore } from './store';
import type { Call, CallToken, ProviderName } from './types';

/**
 * The provider interface: what a call provider (Agora, 100ms, local WebRTC) implements. Defined in
 * core so that core can drive a join without knowing any SDK; re-exported by src/providers/types.ts.
 */

export interface CallUser {
  id: string;
  name?: string;
  image?: string;
}

export interface MediaChoice {
  audio: boolean;
  video: boolean;
  audioDeviceId?: string;
  videoDeviceId?: string;
}

export interface ProviderJoinOptions {
  call: Call;
  token: CallToken;
  user: CallUser;
  /** What to publish on join (pre-join choices). Audio calls never publish a camera. */
  media: MediaChoice;
  /** Aborted when the user leaves during the join: the provider must release everything. */
  signal: AbortSignal;
  /** The provider's own join timeout: its SDK may never settle offline. */
  timeoutMs: number;
  /** A fresh token for this user and call (token renewal, rejoin). */
  renewToken: () => Promise<CallToken>;
  /** Base URL of the call service / dev server (the local provider's signaling lives there). */
  serviceURL?: string;
  /** What this provider's `prepare` started on the Join click; the join takes it over. */
  prepared?: PreparedJoin;
}

export interface PrepareOptions {
  call: Call;
  /** What the join will publish. */
  media: MediaChoice;
}

/**
 * What a provider starts on the Join click while the call token is fetched: the camera and
 * microphone, and its own code. `join()` takes the media over; what it did not take (the token
 * request failed, the user left first) is stopped by `release()`.
 */
export interface PreparedJoin {
  /**
   * The local camera once it is on, to show while connecting; `undefined` without one (no camera
   * asked for, or it failed: the join then says why). Never rejects.
   */
  readonly preview?: Promise<TrackRef | undefined>;
  /** Stops the media the join did not take over. Idempotent. */
  release(): void;
}

export type ConnectionState =
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'disconnected'
  | 'failed';
export type TrackSource = 'camera' | 'microphone' | 'screen';
export type DeviceKind = 'audioinput' | 'videoinput' | 'audiooutput';

/** A track that can be shown: attach returns its own detach. */
export interface TrackRef {
  readonly id: string;
  readonly kind: 'audio' | 'video';
  readonly source: TrackSource;
  attach(element: HTMLMediaElement): () => void;
  /** The underlying track where the SDK exposes one. */
  readonly mediaStreamTrack?: MediaStreamTrack;
}

export interface RoomParticipant {
  /** Provider-side id (Agora uid, 100ms peer id, local peer id). */
  id: string;
  userId: string;
  name?: string;
  image?: string;
  isLocal: boolean;
  audioEnabled: boolean;
  videoEnabled: boolean;
  screenShareEnabled: boolean;
  /** 0…1 */
  audioLevel: number;
  speaking: boolean;
  audioTrack?: TrackRef;
  videoTrack?: TrackRef;
  screenTrack?: TrackRef;
}

export interface DeviceInfo {
  deviceId: string;
  label: string;
  kind: DeviceKind;
}

export type RoomEndReason = 'left' | 'ended' | 'removed' | 'failed';

export interface RoomState {
  connection: ConnectionState;
  /**
   * By participant id. Updates are immutable and keep the identity of unchanged participants, so
   * a tile that selects its own participant re-renders only when that participant changes.
   */
  participants: Readonly<Record<string, RoomParticipant>>;
  /** Participant ids in join order (local first). */
  order: readonly string[];
  localId: string;
  activeSpeakerId?: string;
  devices: readonly DeviceInfo[];
  selectedDevices: Partial<Record<DeviceKind, string>>;
  /** Joined, but with less media than asked for (permission denied, no device…): say why. */
  mediaIssue?: CallKitError;
  /** The browser refused to autoplay remote audio: show an "Enable audio" button. */
  audioBlocked: boolean;
  /** Why the connection failed or ended. */
  error?: CallKitError;
  endReason?: RoomEndReason;
}

export interface ProviderRoom {
  readonly store: ReadableStore<RoomState>;
  setMicrophoneEnabled(enabled: boolean): Promise<void>;
  setCameraEnabled(enabled: boolean): Promise<void>;
  setScreenShareEnabled(enabled: boolean): Promise<void>;
  selectDevice(kind: DeviceKind, deviceId: string): Promise<void>;
  /** After a user gesture: resume remote audio the browser refused to autoplay. */
  unlockAudio(): Promise<void>;
  /** Idempotent: unpublish, stop every track, leave, remove every listener. */
  leave(): Promise<void>;
}

export interface CallProvider {
  /**
   * The provider's name, as the call service writes it into each call it creates
   * (`call.provider`). `agora`, `hms` and `local` are built in; an app's own provider takes
   * another name: lower-case letters, digits, `_` and `-`, starting with a letter.
   */
  readonly name: ProviderName;
  /**
   * Reads this provider's part of an untrusted call (`call[name]`, from a message, channel data,
   * an event or an API answer) and returns only the fields its `join` needs, or `undefined` when
   * they are not valid: the call then shows as one that can't be joined. Never trust or keep
   * anything else (no tokens, no markup). Required for a custom provider; the built-in ones
   * have theirs in the kit.
   *
   * @example
   * parseRoom(data) {
   *   const room = (data as { room?: unknown } | null)?.room;
   *   return typeof room === 'string' && /^[a-z0-9-]{1,64}$/.test(room) ? { room } : undefined;
   * }
   */
  parseRoom?(data: unknown): Readonly<Record<string, unknown>> | undefined;
  /**
   * Loads the SDK with `import()` and joins `options.call` with `options.token` (this user's
   * credentials from the call service). Rejects with a CallKitError.
   */
  join(options: ProviderJoinOptions): Promise<ProviderRoom>;
  /**
   * Optional: starts, synchronously on the Join click, what does not need the token (capture,
   * loading the SDK), so the user's camera shows while the token is fetched. Must not throw.
   */
  prepare?(options: PrepareOptions): PreparedJoin;
}
