import { CallKitError, toCallKitError } from '../../core/errors';
import type {
  DeviceKind,
  ProviderJoinOptions,
  ProviderRoom,
  RoomState,
  TrackRef,
  TrackSource,
} from '../../core/provider';
import type { ReadableStore } from '../../core/store';
import {
  captureTrack,
  listDevices,
  mediaError,
  mediaTrackRef,
  withDeadline,
} from '../shared/media';
import { createRoomStore, EMPTY_PARTICIPANT, type RoomStore } from '../shared/room-store';
import type { PeerInfo, PeerMediaState, ServerFrame } from './frames';
import { LevelMeter } from './levels';
import { captureInitial } from './local-media';
import { PeerLink } from './peer';
import { kitError, roomFull, SignalingSocket, type SocketClose } from './socket';

export interface LocalRoomConfig {
  signalingURL: string;
  iceServers: RTCIceServer[];
  maxPeers: number;
  /** The getUserMedia call `prepare` started on the Join click, if any: used instead of a new one. */
  requested?: Promise<MediaStream>;
}

/** Delays between attempts to reconnect after the signaling socket drops (then: failed). */
const RECONNECT_DELAYS_MS = [250, 1_000, 2_000, 4_000];
type InputSource = 'microphone' | 'camera';
const INPUTS: Partial<Record<DeviceKind, InputSource>> = {
  audioinput: 'microphone',
  videoinput: 'camera',
};
const TRACK_KEY = {
  microphone: 'audioTrack',
  camera: 'videoTrack',
  screen: 'screenTrack',
} as const;

/** The camera of the media `prepare` captured, to show while the call connects. */
export function cameraPreview(stream: MediaStream): TrackRef | undefined {
  const camera = stream.getVideoTracks()[0];
  return camera && mediaTrackRef(camera, 'camera');
}

/** Joins a local room under the caller's deadline; releases everything if the join fails. */
export async function joinLocalRoom(
  join: ProviderJoinOptions,
  config: LocalRoomConfig,
): Promise<ProviderRoom> {
  const room = new LocalRoom(join, config);
  try {
    await withDeadline(room.start(), join.timeoutMs, join.signal);
    return room;
  } catch (e) {
    await room.leave();
    throw toCallKitError(e, 'provider-join-failed');
  }
}

/**
 * A WebRTC mesh room. Camera off stops the camera track (the light goes off) and camera on
 * captures a new one; microphone off only disables the track (instant unmute). Every change
 * is sent as a `state` frame so the others see it.
 */
export class LocalRoom implements ProviderRoom {
  private roomStore?: RoomStore;
  /** Frames received before the room store exists; replayed once it does. */
  private early: ServerFrame[] | undefined = [];
  private socket?: SignalingSocket;
  private readonly peers = new Map<string, PeerLink>();
  private tracks: Partial<Record<TrackSource, MediaStreamTrack>> = {};
  private micOn = false;
  private readonly meter: LevelMeter;
  private closed = false;
  private leavePromise?: Promise<void>;
  private reconnectTimer?: ReturnType<typeof setTimeout>;
  /** Pending: the local level meter follows the microphone (see `syncLocalMeter`). */
  private meterTimer?: ReturnType<typeof setTimeout>;
  private reconnectAttempt = 0;
  private ops: Promise<unknown> = Promise.resolve();
  private readonly onDeviceChange = () => void this.refreshDevices();

  constructor(
    private readonly join: ProviderJoinOptions,
    private readonly config: LocalRoomConfig,
  ) {
    this.meter = new LevelMeter((levels, audioBlocked) => {
      this.roomStore?.setAudioLevels(levels);
      this.roomStore?.update({ audioBlocked });
    });
  }

  get store(): ReadableStore<RoomState> {
    if (!this.roomStore) throw kitError('invalid-transition');
    return this.roomStore;
  }

  /** Captures media, connects to signaling and offers to every peer already in the room. */
  async start(): Promise<void> {
    const media = { ...this.join.media };
    if (this.join.call.type === 'audio') media.video = false;
    // The camera and the signaling connection start together: neither waits for the other.
    const [captured, connected] = await Promise.allSettled([
      captureInitial(media, this.config.requested),
      this.connect(this.join.token.token),
    ]);
    if (captured.status === 'fulfilled' && (this.closed || connected.status === 'rejected')) {
      captured.value.microphone?.stop();
      captured.value.camera?.stop();
    }
    if (connected.status === 'rejected') throw connected.reason;
    if (captured.status === 'rejected') throw captured.reason;
    if (this.closed) throw kitError('aborted');
    const initial = captured.value;
    const welcome = connected.value;
    this.tracks = { microphone: initial.microphone, camera: initial.camera };
    this.micOn = Boolean(initial.microphone);
    if (welcome.peers.length >= this.config.maxPeers) {
      throw roomFull();
    }
    const { user } = this.join;
    this.roomStore = createRoomStore({
      ...EMPTY_PARTICIPANT,
      id: welcome.peer_id,
      userId: user.id,
      name: user.name,
      image: user.image,
      isLocal: true,
    });
    this.roomStore.update({ mediaIssue: initial.issue, connection: 'connected' });
    this.syncLocal();
    this.onWelcome(welcome);
    // Frames that came between the welcome and now (the camera was still starting).
    const early = this.early;
    this.early = undefined;
    for (const frame of early ?? []) this.onFrame(frame);
    navigator.mediaDevices?.addEventListener?.('devicechange', this.onDeviceChange);
    // The device list is not needed to show the room: listed a task later, like the meter.
    setTimeout(() => {
      if (!this.closed) void this.refreshDevices();
    }, 0);
  }

  private connect(token: string): Promise<Extract<ServerFrame, { type: 'welcome' }>> {
    const socket = new SignalingSocket(this.config.signalingURL, {
      onFrame: (frame) => this.onFrame(frame),
      onClose: (close) => this.onSocketClose(socket, close),
    });
    this.socket = socket;
    return socket.open(token);
  }

  private onWelcome(welcome: Extract<ServerFrame, { type: 'welcome' }>): void {
    const store = this.roomStore!;
    const listed = new Set(welcome.peers.map((p) => p.peer_id));
    for (const id of store.getSnapshot().order) {
      if (id !== store.getSnapshot().localId && !listed.has(id)) this.dropPeer(id);
    }
    this.sendState();
    // The newcomer offers to everyone already here (measured: no glare, no dead connections).
    for (const peer of welcome.peers) {
      this.addParticipant(peer);
      this.link(peer.peer_id, true);
    }
  }

  private addParticipant(peer: PeerInfo): void {
    this.roomStore?.upsertParticipant(peer.peer_id, {
      userId: peer.user_id,
      name: peer.name,
      image: peer.image,
      ...(peer.state ? remoteFlags(peer.state) : {}),
    });
  }

  private link(peerId: string, initiator: boolean): PeerLink {
    this.peers.get(peerId)?.close();
    const link = new PeerLink({
      iceServers: this.config.iceServers,
      initiator,
      // A muted microphone still sends (disabled = silence); a camera that is off sends nothing.
      localTrack: (source) => this.tracks[source] ?? null,
      send: (data) => this.socket?.send({ type: 'signal', to: peerId, data }),
      onTrack: (source, track) => {
        this.roomStore?.upsertParticipant(peerId, {
          [TRACK_KEY[source]]: mediaTrackRef(track, source),
        });
        if (source === 'microphone') this.meter.set(peerId, track, true);
      },
    });
    this.peers.set(peerId, link);
    return link;
  }

  private onFrame(frame: ServerFrame): void {
    if (this.closed) return;
    const store = this.roomStore;
    if (!store) {
      this.early?.push(frame);
      return;
    }
    switch (frame.type) {
      case 'peer-joined':
        this.addParticipant(frame.peer);
        break;
      case 'peer-left':
        this.dropPeer(frame.peer_id);
        break;
      case 'peer-state':
        store.upsertParticipant(frame.peer_id, remoteFlags(frame.state));
        break;
      case 'signal': {
        let link = this.peers.get(frame.from);
        if (!link && frame.data.description?.type === 'offer') {
          if (!store.getSnapshot().participants[frame.from]) {
            store.upsertParticipant(frame.from, { userId: frame.from });
          }
          link = this.link(frame.from, false);
        }
        void link?.handle(frame.data);
        break;
      }
      case 'ended':
        this.end();
        break;
      default:
        // `error` frames after the join (e.g. unknown-peer for a peer that just left) are harmless.
        break;
    }
  }

  private dropPeer(peerId: string): void {
    this.peers.get(peerId)?.close();
    this.peers.delete(peerId);
    this.meter.set(peerId, undefined);
    this.roomStore?.removeParticipant(peerId);
  }

  private onSocketClose(socket: SignalingSocket, close: SocketClose): void {
    if (this.closed || socket !== this.socket || !this.roomStore) return;
    if (close.code === 4010) this.end();
    else if (close.error && !close.error.recoverable) this.failWith(close.error);
    else this.scheduleReconnect();
  }

  /** Signaling dropped: the others tear down their side, so we come back as a newcomer. */
  private scheduleReconnect(): void {
    const delay = RECONNECT_DELAYS_MS[this.reconnectAttempt];
    if (delay === undefined) {
      this.failWith(kitError('connection-lost'));
      return;
    }
    this.reconnectAttempt += 1;
    this.roomStore?.update({ connection: 'reconnecting' });
    for (const [id, link] of this.peers) {
      link.close();
      this.peers.delete(id);
    }
    this.reconnectTimer = setTimeout(() => void this.reconnect(), delay);
  }

  private async reconnect(): Promise<void> {
    this.reconnectTimer = undefined;
    try {
      const token = await this.join.renewToken().then(
        (t) => t.token,
        () => this.join.token.token,
      );
      if (this.closed) return;
      const welcome = await this.connect(token);
      if (this.closed) return;
      this.reconnectAttempt = 0;
      this.roomStore?.update({ connection: 'connected' });
      this.onWelcome(welcome);
    } catch (e) {
      if (this.closed) return;
      const error = toCallKitError(e, 'connection-lost');
      // The call ended while the user was away (signaling refuses with 4010): it ends here too.
      if (error.code === 'call-ended') this.end();
      else if (!error.recoverable) this.failWith(error);
      else this.scheduleReconnect();
    }
  }

  private failWith(error: CallKitError): void {
    this.release();
    this.roomStore?.update({ connection: 'failed', error });
  }

  private end(): void {
    this.release();
    this.roomStore?.update({ connection: 'disconnected', endReason: 'ended' });
  }

  // ---- local media -------------------------------------------------------------------------

  private syncLocal(): void {
    const store = this.roomStore;
    if (!store) return;
    const { microphone, camera, screen } = this.tracks;
    if (microphone) microphone.enabled = this.micOn;
    store.upsertParticipant(store.getSnapshot().localId, {
      audioEnabled: Boolean(microphone && this.micOn),
      videoEnabled: Boolean(camera),
      screenShareEnabled: Boolean(screen),
      audioTrack: microphone && mediaTrackRef(microphone, 'microphone'),
      videoTrack: camera && mediaTrackRef(camera, 'camera'),
      screenTrack: screen && mediaTrackRef(screen, 'screen'),
    });
    this.syncLocalMeter();
    const selected = { ...store.getSnapshot().selectedDevices };
    const micDevice = microphone?.getSettings?.().deviceId;
    const camDevice = camera?.getSettings?.().deviceId;
    if (micDevice) selected.audioinput = micDevice;
    if (camDevice) selected.videoinput = camDevice;
    store.update({ selectedDevices: selected });
  }

  /**
   * The user's own level meter follows the microphone one task later, after the room has
   * rendered: its Web Audio graph (an AudioContext and its audio output) started on the join's
   * critical path held the user's first video frame back by ~10 ms (join-latency bench), and
   * nobody needs a level in the first milliseconds of a call.
   */
  private syncLocalMeter(): void {
    this.meterTimer ??= setTimeout(() => {
      this.meterTimer = undefined;
      const store = this.roomStore;
      if (this.closed || !store) return;
      this.meter.set(store.getSnapshot().localId, this.tracks.microphone);
    }, 0);
  }

  private sendState(): void {
    const p = this.roomStore?.getSnapshot();
    const me = p?.participants[p.localId];
    if (!me) return;
    this.socket?.send({
      type: 'state',
      state: { audio: me.audioEnabled, video: me.videoEnabled, screen: me.screenShareEnabled },
    });
  }

  /** Replaces the track of a source everywhere (peers, store, state frame); stops the old one. */
  private async setTrack(source: TrackSource, track: MediaStreamTrack | undefined): Promise<void> {
    const old = this.tracks[source];
    if (track) this.tracks[source] = track;
    else delete this.tracks[source];
    await Promise.all([...this.peers.values()].map((p) => p.setTrack(source, track ?? null)));
    if (old && old !== track) old.stop();
    this.syncLocal();
    this.sendState();
  }

  /** Media changes run one at a time (quick toggles cannot interleave), and not after leaving. */
  private serial(fn: () => Promise<void>): Promise<void> {
    const run = this.ops.then(() => (this.closed ? undefined : fn()));
    this.ops = run.catch(() => {});
    return run;
  }

  /** A fresh microphone/camera track from `deviceId` (default: the selected one); says why not. */
  private async capture(source: InputSource, deviceId?: string): Promise<MediaStreamTrack> {
    const kind = source === 'camera' ? 'videoinput' : 'audioinput';
    try {
      const track = await captureTrack(
        source === 'camera' ? 'video' : 'audio',
        deviceId ?? this.roomStore?.getSnapshot().selectedDevices[kind],
      );
      if (this.closed) {
        track.stop();
        throw kitError('aborted');
      }
      return track;
    } catch (e) {
      const error = e instanceof CallKitError ? e : mediaError(e);
      if (error.code !== 'aborted') this.roomStore?.update({ mediaIssue: error });
      throw error;
    }
  }

  setMicrophoneEnabled(enabled: boolean): Promise<void> {
    return this.serial(async () => {
      const track =
        enabled && !this.tracks.microphone
          ? await this.capture('microphone')
          : this.tracks.microphone;
      this.micOn = enabled;
      await this.setTrack('microphone', track);
    });
  }

  setCameraEnabled(enabled: boolean): Promise<void> {
    return this.serial(async () => {
      if (enabled === Boolean(this.tracks.camera)) return;
      if (enabled && this.join.call.type === 'audio') {
        throw kitError('invalid-request');
      }
      await this.setTrack('camera', enabled ? await this.capture('camera') : undefined);
    });
  }

  setScreenShareEnabled(enabled: boolean): Promise<void> {
    return this.serial(async () => {
      if (enabled === Boolean(this.tracks.screen)) return;
      if (!enabled) {
        await this.setTrack('screen', undefined);
        return;
      }
      let track: MediaStreamTrack;
      try {
        const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
        track = stream.getVideoTracks()[0]!;
      } catch (e) {
        throw mediaError(e);
      }
      if (this.closed) {
        track.stop();
        return;
      }
      // The browser's own "Stop sharing" bar ends the track.
      track.addEventListener('ended', () => void this.setScreenShareEnabled(false), { once: true });
      await this.setTrack('screen', track);
    });
  }

  selectDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    return this.serial(async () => {
      const store = this.roomStore!;
      const selectedDevices = { ...store.getSnapshot().selectedDevices, [kind]: deviceId };
      store.update({ selectedDevices });
      const source = INPUTS[kind];
      if (source && this.tracks[source]) {
        await this.setTrack(source, await this.capture(source, deviceId));
      }
    });
  }

  /** Hot-plug: refresh the list; a selected device that is gone falls back to the default. */
  private async refreshDevices(): Promise<void> {
    const devices = await listDevices().catch(() => []);
    const store = this.roomStore;
    if (this.closed || !store) return;
    store.update({ devices });
    const { selectedDevices } = store.getSnapshot();
    for (const kind of ['audioinput', 'videoinput'] as const) {
      const id = selectedDevices[kind];
      const present = devices.some((d) => d.kind === kind && d.deviceId === id);
      if (id && !present && devices.length > 0) void this.selectDevice(kind, '').catch(() => {});
    }
  }

  async unlockAudio(): Promise<void> {
    await this.meter.resume();
    this.roomStore?.update({ audioBlocked: false });
  }

  /** Closes every connection, stops every local track, removes every listener and timer. */
  private release(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    clearTimeout(this.meterTimer);
    this.meterTimer = undefined;
    navigator.mediaDevices?.removeEventListener?.('devicechange', this.onDeviceChange);
    for (const link of this.peers.values()) link.close();
    this.peers.clear();
    for (const track of Object.values(this.tracks)) track?.stop();
    this.meter.close();
    this.socket?.close();
    this.socket = undefined;
  }

  leave(): Promise<void> {
    this.leavePromise ??= (async () => {
      // Already released (ended, failed): the store keeps that outcome.
      if (this.closed) return;
      this.release();
      this.roomStore?.update({ connection: 'disconnected', endReason: 'left' });
    })();
    return this.leavePromise;
  }
}

function remoteFlags(state: PeerMediaState) {
  return { audioEnabled: state.audio, videoEnabled: state.video, screenShareEnabled: state.screen };
}
