/**
 * A hand-written fake of the 100ms reactive store (store + actions + notifications): the only thing
 * faked here. The SDK's own pure selectors run on the fake's state, which has the SDK's real shape
 * (createDefaultStoreState).
 */
import {
  createDefaultStoreState,
  type HMSPeer,
  HMSRoomState,
  type HMSStore,
  type HMSTrack,
  selectDevices,
  selectLocalMediaSettings,
  selectPeers,
  selectSpeakers,
  selectTracksMap,
} from '@100mslive/hms-video-store';
import type { HmsSdkLike } from '../../../../src/providers/hms/types';

type Selector = (s: HMSStore) => unknown;
type Listener = (slice: unknown, prev: unknown) => void;

export type JoinMode = 'resolve' | 'never' | Error;

export class HmsError extends Error {
  override name = 'HMSException';
  constructor(
    readonly code: number,
    readonly isTerminal = false,
    message = `error ${code}`,
  ) {
    super(message);
  }
  get description() {
    return this.message;
  }
}

export function createFakeHms() {
  let state: HMSStore = createDefaultStoreState();
  const subscriptions = new Set<{ selector: Selector; listener: Listener; last: unknown }>();
  const notificationCallbacks = new Set<(n: { type: string; data?: unknown }) => void>();
  const calls: [string, ...unknown[]][] = [];
  const joinModes: JoinMode[] = [];
  let leaveMode: 'resolve' | 'never' = 'resolve';
  let joins = 0;
  let leaves = 0;
  let localCount = 0;
  let constructed = 0;
  const duringJoin: (() => void)[] = [];

  const set = (next: HMSStore) => {
    state = next;
    for (const sub of [...subscriptions]) {
      const slice = sub.selector(state);
      if (Object.is(slice, sub.last)) continue;
      const prev = sub.last;
      sub.last = slice;
      sub.listener(slice, prev);
    }
  };

  const addTracks = (peerId: string, list: HMSTrack[]) => {
    const tracks = { ...state.tracks };
    for (const t of list) tracks[t.id] = { ...t, peerId };
    return tracks;
  };

  const putPeer = (peer: HMSPeer, tracks: HMSTrack[]) => {
    set({
      ...state,
      tracks: addTracks(peer.id, tracks),
      peers: { ...state.peers, [peer.id]: peer },
      room: {
        ...state.room,
        peers: state.room.peers.includes(peer.id)
          ? state.room.peers
          : [...state.room.peers, peer.id],
      },
    });
  };

  const makePeer = (
    id: string,
    opts: {
      name?: string;
      userId?: string;
      audio?: boolean;
      video?: boolean;
      isLocal?: boolean;
      metadata?: string;
    },
  ): [HMSPeer, HMSTrack[]] => {
    const audio: HMSTrack = {
      id: `${id}-audio`,
      type: 'audio',
      source: 'regular',
      enabled: opts.audio ?? true,
    };
    const video: HMSTrack = {
      id: `${id}-video`,
      type: 'video',
      source: 'regular',
      enabled: opts.video ?? true,
    };
    const peer: HMSPeer = {
      id,
      name: opts.name ?? id,
      isLocal: opts.isLocal ?? false,
      customerUserId: opts.userId,
      metadata: opts.metadata,
      audioTrack: audio.id,
      videoTrack: video.id,
      auxiliaryTracks: [],
      isHandRaised: false,
      type: 'regular' as HMSPeer['type'],
    };
    return [peer, [audio, video]];
  };

  const actions = {
    async join(config: {
      userName: string;
      authToken: string;
      settings?: { isAudioMuted?: boolean; isVideoMuted?: boolean };
      initEndpoint?: string;
      metaData?: string;
    }) {
      joins += 1;
      calls.push(['join', config]);
      const mode = joinModes.shift() ?? 'resolve';
      for (const hook of duringJoin.splice(0)) hook();
      if (mode instanceof Error) throw mode;
      if (mode === 'never') return new Promise<void>(() => {});
      const id = `local-${++localCount}`;
      const [peer, tracks] = makePeer(id, {
        name: config.userName,
        userId: 'alice',
        isLocal: true,
        audio: !config.settings?.isAudioMuted,
        video: !config.settings?.isVideoMuted,
        metadata: config.metaData,
      });
      set({
        ...state,
        room: {
          ...state.room,
          isConnected: true,
          roomState: HMSRoomState.Connected,
          localPeer: id,
        },
      });
      putPeer(peer, tracks);
    },
    async leave() {
      leaves += 1;
      calls.push(['leave']);
      set(createDefaultStoreState());
      if (leaveMode === 'never') return new Promise<void>(() => {});
    },
    async setLocalAudioEnabled(enabled: boolean) {
      calls.push(['setLocalAudioEnabled', enabled]);
      const local = Object.values(state.peers).find((p) => p.isLocal);
      if (local?.audioTrack) fake.setTrackEnabled(local.audioTrack, enabled);
    },
    async setLocalVideoEnabled(enabled: boolean) {
      calls.push(['setLocalVideoEnabled', enabled]);
      const local = Object.values(state.peers).find((p) => p.isLocal);
      if (local?.videoTrack) fake.setTrackEnabled(local.videoTrack, enabled);
    },
    async setScreenShareEnabled(enabled: boolean) {
      calls.push(['setScreenShareEnabled', enabled]);
    },
    async setAudioSettings(s: { deviceId?: string }) {
      calls.push(['setAudioSettings', s]);
      set({ ...state, settings: { ...state.settings, audioInputDeviceId: s.deviceId ?? '' } });
    },
    async setVideoSettings(s: { deviceId?: string }) {
      calls.push(['setVideoSettings', s]);
      set({ ...state, settings: { ...state.settings, videoInputDeviceId: s.deviceId ?? '' } });
    },
    async setAudioOutputDevice(deviceId: string) {
      calls.push(['setAudioOutputDevice', deviceId]);
    },
    async attachVideo(trackId: string, el: HTMLVideoElement) {
      calls.push(['attachVideo', trackId, el]);
    },
    async detachVideo(trackId: string, el: HTMLVideoElement) {
      calls.push(['detachVideo', trackId, el]);
    },
    async unblockAudio() {
      calls.push(['unblockAudio']);
    },
  };

  const store = {
    getState: (selector?: Selector) => (selector ? selector(state) : state),
    subscribe(listener: Listener, selector: Selector = (s) => s) {
      const sub = { selector, listener, last: selector(state) };
      subscriptions.add(sub);
      return () => {
        subscriptions.delete(sub);
      };
    },
  };
  const notifications = {
    onNotification(cb: (n: { type: string; data?: unknown }) => void) {
      notificationCallbacks.add(cb);
      return () => {
        notificationCallbacks.delete(cb);
      };
    },
  };

  class HMSReactiveStore {
    constructor() {
      constructed += 1;
    }
    getStore() {
      return store;
    }
    getActions() {
      return actions;
    }
    getNotifications() {
      return notifications;
    }
  }

  const sdk = {
    HMSReactiveStore,
    selectPeers,
    selectTracksMap,
    selectSpeakers,
    selectDevices,
    selectLocalMediaSettings,
  } as unknown as HmsSdkLike;

  const fake = {
    sdk,
    load: async () => sdk,
    calls,
    /** Runs inside the next join, before it settles (what the SDK reports while joining). */
    duringNextJoin(hook: () => void) {
      duringJoin.push(hook);
    },
    get state() {
      return state;
    },
    get joins() {
      return joins;
    },
    get leaves() {
      return leaves;
    },
    get constructed() {
      return constructed;
    },
    /** Live subscriptions and notification callbacks: 0 after a clean leave. */
    get listenerCount() {
      return subscriptions.size + notificationCallbacks.size;
    },
    nextJoin(...modes: JoinMode[]) {
      joinModes.push(...modes);
    },
    leaveNeverSettles() {
      leaveMode = 'never';
    },
    lastJoinConfig() {
      const join = calls.filter((c) => c[0] === 'join').at(-1);
      return join?.[1] as Parameters<typeof actions.join>[0];
    },
    addPeer(id: string, opts: Parameters<typeof makePeer>[1] = {}) {
      const [peer, tracks] = makePeer(id, opts);
      putPeer(peer, tracks);
    },
    removePeer(id: string) {
      const { [id]: _gone, ...peers } = state.peers;
      set({
        ...state,
        peers,
        room: { ...state.room, peers: state.room.peers.filter((p) => p !== id) },
      });
    },
    setTrackEnabled(trackId: string, enabled: boolean) {
      const track = state.tracks[trackId];
      if (!track) throw new Error(`no track ${trackId}`);
      set({ ...state, tracks: { ...state.tracks, [trackId]: { ...track, enabled } } });
    },
    shareScreen(peerId: string) {
      const peer = state.peers[peerId];
      if (!peer) throw new Error(`no peer ${peerId}`);
      const screen: HMSTrack = {
        id: `${peerId}-screen`,
        type: 'video',
        source: 'screen',
        enabled: true,
      };
      putPeer({ ...peer, auxiliaryTracks: [...peer.auxiliaryTracks, screen.id] }, [screen]);
    },
    setSpeakers(levels: [peerId: string, level: number][]) {
      const speakers: HMSStore['speakers'] = {};
      for (const [peerID, audioLevel] of levels) {
        speakers[`${peerID}-audio`] = { peerID, trackID: `${peerID}-audio`, audioLevel };
      }
      set({ ...state, speakers });
    },
    setDevices(devices: Partial<HMSStore['devices']>) {
      set({ ...state, devices: { ...state.devices, ...devices } });
    },
    notify(type: string, data?: unknown) {
      for (const cb of [...notificationCallbacks]) cb({ type, data });
    },
  };
  return fake;
}

export type FakeHms = ReturnType<typeof createFakeHms>;
