import type { CallKitError } from './errors';
import type { ReadableStore } from './store';
import type { Call, CallToken, ProviderName } from './types';

/**
 * The provider interface: what a call provider (Agora, 100ms, local WebRTC) implements. Defined in
 * core so that core can drive a join without knowing any SDK; re-exported by src/providers/types.ts.
 */

/** The user who joins: the chat user, as the provider shows them to the others. */
export interface CallUser {
  /** The chat user id. */
  id: string;
  /** Display name, when the chat user has one. */
  name?: string;
  /** Avatar URL, when the chat user has one. */
  image?: string;
}

/** What the user publishes: the pre-join choices (on/off and which devices). */
export interface MediaChoice {
  /** Publish the microphone. */
  audio: boolean;
  /** Publish the camera (never in an audio call). */
  video: boolean;
  /** The microphone to use (`MediaDeviceInfo.deviceId`); the browser's default when absent. */
  audioDeviceId?: string;
  /** The camera to use (`MediaDeviceInfo.deviceId`); the browser's default when absent. */
  videoDeviceId?: string;
}

/** Everything `CallProvider.join` gets. */
export interface ProviderJoinOptions {
  /** The call to join, parsed (its provider part is what `parseRoom` kept). */
  call: Call;
  /** This user's credentials for the call, from GetCallToken (or CreateCall for the starter). */
  token: CallToken;
  /** Who joins. */
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

/** Everything `CallProvider.prepare` gets. */
export interface PrepareOptions {
  /** The call about to be joined. */
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

/** The room's connection, as the room UI shows it. */
export type ConnectionState =
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'disconnected'
  | 'failed';
/** Where a track comes from. */
export type TrackSource = 'camera' | 'microphone' | 'screen';
/** A media device's kind, as `MediaDeviceInfo.kind` says it. */
export type DeviceKind = 'audioinput' | 'videoinput' | 'audiooutput';

/** A track that can be shown: attach returns its own detach. */
export interface TrackRef {
  /** Stable while the track lives (a new track, e.g. after a device change, has a new id). */
  readonly id: string;
  /** Audio or video. */
  readonly kind: 'audio' | 'video';
  /** What it comes from: camera, microphone or screen share. */
  readonly source: TrackSource;
  /** Plays the track in a `<video>` or `<audio>` element; returns the function that detaches it. */
  attach(element: HTMLMediaElement): () => void;
  /** The underlying track where the SDK exposes one. */
  readonly mediaStreamTrack?: MediaStreamTrack;
}

/** One person in the room, as the tiles show them. */
export interface RoomParticipant {
  /** Provider-side id (Agora uid, 100ms peer id, local peer id). */
  id: string;
  /** Their chat user id. */
  userId: string;
  /** Their display name, when known. */
  name?: string;
  /** Their avatar URL, when known. */
  image?: string;
  /** This browser's own participant. */
  isLocal: boolean;
  /** Microphone on (not muted). */
  audioEnabled: boolean;
  /** Camera on. */
  videoEnabled: boolean;
  /** Sharing their screen. */
  screenShareEnabled: boolean;
  /** 0…1 */
  audioLevel: number;
  /** Talking now (the provider's voice activity, or a level threshold). */
  speaking: boolean;
  /** Their microphone, once published. */
  audioTrack?: TrackRef;
  /** Their camera, once published. */
  videoTrack?: TrackRef;
  /** Their screen share, while they share. */
  screenTrack?: TrackRef;
}

/** A camera, microphone or speaker the user can pick. */
export interface DeviceInfo {
  /** The browser's device id (`MediaDeviceInfo.deviceId`). */
  deviceId: string;
  /** The browser's label (empty before the user granted media access). */
  label: string;
  /** Camera, microphone or speaker. */
  kind: DeviceKind;
}

/** Why a room ended: the user left, the call ended for everyone, they were removed, or it failed. */
export type RoomEndReason = 'left' | 'ended' | 'removed' | 'failed';

/** Everything a room UI shows, as one immutable snapshot (`ProviderRoom.store`). */
export interface RoomState {
  /** How the room's connection stands. */
  connection: ConnectionState;
  /**
   * By participant id. Updates are immutable and keep the identity of unchanged participants, so
   * a tile that selects its own participant re-renders only when that participant changes.
   */
  participants: Readonly<Record<string, RoomParticipant>>;
  /** Participant ids in join order (local first). */
  order: readonly string[];
  /** This browser's own participant's id. */
  localId: string;
  /** Who talks now, for the speaker layout. */
  activeSpeakerId?: string;
  /** The cameras, microphones and speakers the user can pick. */
  devices: readonly DeviceInfo[];
  /** The device in use for each kind. */
  selectedDevices: Partial<Record<DeviceKind, string>>;
  /** Joined, but with less media than asked for (permission denied, no device…): say why. */
  mediaIssue?: CallKitError;
  /** The browser refused to autoplay remote audio: show an "Enable audio" button. */
  audioBlocked: boolean;
  /** Why the connection failed or ended. */
  error?: CallKitError;
  /** Set once the room ended. */
  endReason?: RoomEndReason;
}

/**
 * A joined call, as `CallProvider.join` returns it: its state as a store the room UI subscribes
 * to, and the user's controls. The toggles reject with a CallKitError (e.g. `permission-denied`)
 * and leave the state as it was.
 */
export interface ProviderRoom {
  /** The room's state; a new snapshot on every change. */
  readonly store: ReadableStore<RoomState>;
  /** Mutes or unmutes the user's microphone. */
  setMicrophoneEnabled(enabled: boolean): Promise<void>;
  /** Turns the user's camera on (creating and publishing it when needed) or off. */
  setCameraEnabled(enabled: boolean): Promise<void>;
  /** Starts sharing the screen (the browser asks which) or stops. */
  setScreenShareEnabled(enabled: boolean): Promise<void>;
  /** Switches the camera, microphone or speaker. */
  selectDevice(kind: DeviceKind, deviceId: string): Promise<void>;
  /** After a user gesture: resume remote audio the browser refused to autoplay. */
  unlockAudio(): Promise<void>;
  /** Idempotent: unpublish, stop every track, leave, remove every listener. */
  leave(): Promise<void>;
}

/**
 * A call provider, as `CallsProvider providers={[…]}` takes it: `agora()`, `hms()`, `local()`,
 * or your own (see docs/customization.md, "A provider of your own").
 */
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
