import type {
  HMSConfig,
  HMSPeer,
  HMSSpeaker,
  HMSStore,
  HMSTrack,
} from '@100mslive/hms-video-store';
import type {
  ProviderJoinOptions,
  RoomParticipant,
  RoomState,
  TrackRef,
  TrackSource,
} from '../../core/provider';
import { toDeviceInfos } from '../shared/media';
import type { HmsActionsLike } from './types';

/**
 * A TrackRef over a 100ms track id. Video attaches through the SDK (`attachVideo`), which also
 * subscribes to the track and picks its layer; detaching unsubscribes. Audio `attach` leaves the
 * element alone: 100ms plays remote audio itself (and reports autoplay refusals, code 3008).
 */
export function hmsTrackRef(
  actions: HmsActionsLike,
  track: HMSTrack,
  source: TrackSource,
): TrackRef {
  return {
    id: track.id,
    kind: track.type,
    source,
    attach(element) {
      if (track.type !== 'video') return () => {};
      const video = element as HTMLVideoElement;
      void actions.attachVideo(track.id, video).catch(() => {});
      return () => void actions.detachVideo(track.id, video).catch(() => {});
    },
  };
}

/**
 * Maps 100ms peers and tracks to participant patches. TrackRefs are cached by track id and source
 * so an unchanged track keeps its object (the room store then keeps the participant's identity).
 */
export class ParticipantMapper {
  private refs = new Map<string, TrackRef>();

  constructor(private readonly actions: HmsActionsLike) {}

  private ref(track: HMSTrack | undefined, source: TrackSource): TrackRef | undefined {
    if (!track) return undefined;
    const key = `${source}:${track.id}`;
    let ref = this.refs.get(key);
    if (!ref) {
      ref = hmsTrackRef(this.actions, track, source);
      this.refs.set(key, ref);
    }
    return ref;
  }

  /** Forget refs of tracks that are gone. */
  prune(tracks: Record<string, HMSTrack>): void {
    for (const [key, ref] of this.refs) if (!tracks[ref.id]) this.refs.delete(key);
  }

  participant(
    peer: HMSPeer,
    tracks: Record<string, HMSTrack>,
  ): Omit<RoomParticipant, 'id' | 'audioLevel' | 'speaking'> {
    const audio = peer.audioTrack ? tracks[peer.audioTrack] : undefined;
    const video = peer.videoTrack ? tracks[peer.videoTrack] : undefined;
    const screen = peer.auxiliaryTracks
      .map((id) => tracks[id])
      .find((t) => t?.type === 'video' && t.source === 'screen');
    let image: string | undefined;
    try {
      const meta = peer.metadata ? (JSON.parse(peer.metadata) as { image?: unknown }) : {};
      if (typeof meta.image === 'string') image = meta.image;
    } catch {
      // Metadata is free-form: other apps in the room may set anything.
    }
    return {
      userId: peer.customerUserId || peer.id,
      name: peer.name || undefined,
      image,
      isLocal: peer.isLocal,
      audioEnabled: !!audio?.enabled,
      videoEnabled: !!video?.enabled,
      screenShareEnabled: !!screen?.enabled,
      audioTrack: this.ref(audio, 'microphone'),
      videoTrack: this.ref(video, 'camera'),
      screenTrack: screen?.enabled ? this.ref(screen, 'screen') : undefined,
    };
  }
}

/** 100ms speakers (0–100 per audio track) → levels by participant; anyone not listed is silent. */
export function speakerLevels(
  speakers: Record<string, HMSSpeaker>,
  localPeerId: string | undefined,
  state: RoomState,
): Map<string, number> {
  const levels = new Map<string, number>(state.order.map((id) => [id, 0]));
  for (const speaker of Object.values(speakers)) {
    const id = speaker.peerID === localPeerId ? state.localId : speaker.peerID;
    if (levels.has(id)) levels.set(id, (speaker.audioLevel || 0) / 100);
  }
  return levels;
}

/** 100ms's device lists and chosen devices as a RoomState patch (selection kept if unchanged). */
export function devicesPatch(
  devices: HMSStore['devices'],
  settings: HMSStore['settings'],
  previous: RoomState['selectedDevices'],
): Partial<RoomState> {
  const selected: RoomState['selectedDevices'] = {};
  if (settings.audioInputDeviceId) selected.audioinput = settings.audioInputDeviceId;
  if (settings.videoInputDeviceId) selected.videoinput = settings.videoInputDeviceId;
  if (settings.audioOutputDeviceId) selected.audiooutput = settings.audioOutputDeviceId;
  const same = (['audioinput', 'videoinput', 'audiooutput'] as const).every(
    (k) => previous[k] === selected[k],
  );
  return {
    devices: toDeviceInfos([
      ...(devices.audioInput ?? []),
      ...(devices.videoInput ?? []),
      ...(devices.audioOutput ?? []),
    ]),
    ...(same ? {} : { selectedDevices: selected }),
  };
}

/**
 * What 100ms's join() gets. Media the user turned off joins muted; audio calls always join with
 * the camera muted. Our user id and image travel in the peer metadata (the token carries the id
 * as 100ms's `customerUserId` too).
 */
export function hmsJoinConfig(
  options: Pick<ProviderJoinOptions, 'user' | 'media' | 'call'>,
  authToken: string,
  initEndpoint?: string,
): HMSConfig {
  const { user, media, call } = options;
  return {
    userName: user.name || user.id,
    authToken,
    metaData: JSON.stringify({ userId: user.id, image: user.image }),
    settings: {
      isAudioMuted: !media.audio,
      isVideoMuted: !media.video || call.type === 'audio',
      audioInputDeviceId: media.audioDeviceId,
      videoDeviceId: media.videoDeviceId,
    },
    ...(initEndpoint ? { initEndpoint } : {}),
  };
}
