/**
 * Fake rooms for stories and unit tests: the room's state is a REAL createRoomStore and the
 * session/controller are real; only the provider's media/network side is faked (no SDK, no network).
 */
import type { ReactNode } from 'react';
import type { Channel as ChatChannel, StreamChat } from 'stream-chat';
import {
  Channel,
  ChannelHeader,
  Chat,
  MessageComposer,
  MessageList,
  Streami18n,
  Window,
} from 'stream-chat-react';
import { CallController } from '../../src/core/controller';
import type { CallKitError } from '../../src/core/errors';
import type {
  CallProvider,
  DeviceInfo,
  PreparedJoin,
  ProviderRoom,
  RoomParticipant,
  RoomState,
  TrackRef,
} from '../../src/core/provider';
import type { Call, CallType } from '../../src/core/types';
import { mediaTrackRef } from '../../src/providers/shared/media';
import { createRoomStore, type RoomStore } from '../../src/providers/shared/room-store';
import {
  CallsContext,
  type CallsContextValue,
  type CallsOptions,
} from '../../src/react/context/CallsContext';
import { registerCallTranslations } from '../../src/react/i18n';
import { RoomProvider } from '../../src/react/room/RoomContext';
import {
  createFakeCallApi,
  createFakeChannel,
  type FakeCallApi,
  fakeLiveState,
} from '../support/fakes';
import { createOfflineChat } from '../support/offlineChat';

export const NAMES = [
  'Alice Martin',
  'Bob Chen',
  'Carol Diaz',
  'Dave Okafor',
  'Erin Walsh',
  'Farid Haddad',
  'Grace Kim',
  'Hugo Silva',
  'Ines Moreau',
  'Jonas Berg',
  'Keiko Sato',
  'Liam Byrne',
  'Maya Patel',
  'Nils Larsen',
  'Olga Ivanova',
  'Pedro Alves',
  'Quinn Reyes',
  'Rosa Romero',
  'Sami Aalto',
  'Tara Singh',
  'Uma Rao',
  'Victor Hugo',
  'Wen Li',
  'Xavi Puig',
  'Yara Nunes',
];

/** A moving test pattern as a real MediaStreamTrack (canvas.captureStream); none under jsdom. */
export function canvasTrack(label: string, hue = 200): TrackRef | undefined {
  if (typeof document === 'undefined') return undefined;
  const canvas = document.createElement('canvas');
  if (typeof canvas.captureStream !== 'function') return undefined;
  canvas.width = 320;
  canvas.height = 180;
  const ctx = canvas.getContext('2d');
  const track = canvas.captureStream(10).getVideoTracks()[0];
  if (!ctx || !track) return undefined;
  let frame = 0;
  const draw = () => {
    if (track.readyState === 'ended') return clearInterval(timer);
    ctx.fillStyle = `hsl(${hue} 45% 35%)`;
    ctx.fillRect(0, 0, 320, 180);
    ctx.fillStyle = `hsl(${hue} 60% 75%)`;
    ctx.fillRect((frame++ * 4) % 320, 150, 24, 12);
    ctx.font = '20px sans-serif';
    ctx.fillText(label, 16, 40);
  };
  const timer = setInterval(draw, 100);
  draw();
  return mediaTrackRef(track, label.startsWith('Screen') ? 'screen' : 'camera');
}

/** A track that attaches nothing: a screen share the room can show where canvases cannot capture (jsdom). */
function silentTrack(source: 'camera' | 'screen'): TrackRef {
  return { id: `silent-${source}`, kind: 'video', source, attach: () => () => {} };
}

export interface FakeRoomOptions {
  /** Participants including the local one (first). Default 2. */
  count?: number;
  /** Give participants canvas video (browser only). Default true. */
  video?: boolean;
  mutedIds?: readonly number[];
  speaking?: number;
  screenShare?: number;
  connection?: RoomState['connection'];
  mediaIssue?: CallKitError;
  audioBlocked?: boolean;
}

export interface FakeRoom extends ProviderRoom {
  readonly store: RoomStore;
  /** Every ProviderRoom method called, in order (e.g. `setMicrophoneEnabled(false)`). */
  readonly calls: string[];
  readonly ids: string[];
}

export const DEVICES: DeviceInfo[] = [
  { deviceId: 'mic-1', kind: 'audioinput', label: 'Built-in microphone' },
  { deviceId: 'mic-2', kind: 'audioinput', label: 'USB headset' },
  { deviceId: 'cam-1', kind: 'videoinput', label: 'FaceTime HD camera' },
  { deviceId: 'spk-1', kind: 'audiooutput', label: 'Built-in speakers' },
];

/** A joined room with `count` participants whose toggles update the (real) room store. */
export function createFakeRoom(options: FakeRoomOptions = {}): FakeRoom {
  const { count = 2, video = true, mutedIds = [], speaking, screenShare } = options;
  const ids = Array.from({ length: count }, (_, i) => `p${i}`);
  const participant = (i: number): RoomParticipant => ({
    id: ids[i]!,
    userId: `u${i}`,
    name: NAMES[i % NAMES.length],
    isLocal: i === 0,
    audioEnabled: !mutedIds.includes(i),
    videoEnabled: video,
    screenShareEnabled: screenShare === i,
    audioLevel: speaking === i ? 0.5 : 0,
    speaking: speaking === i,
    videoTrack: video ? canvasTrack(NAMES[i % NAMES.length]!, (i * 47) % 360) : undefined,
    screenTrack:
      screenShare === i ? (canvasTrack('Screen share', 30) ?? silentTrack('screen')) : undefined,
  });
  const store = createRoomStore(participant(0));
  for (let i = 1; i < count; i++) store.upsertParticipant(ids[i]!, participant(i));
  store.update({
    connection: options.connection ?? 'connected',
    devices: DEVICES,
    selectedDevices: { audioinput: 'mic-1', videoinput: 'cam-1', audiooutput: 'spk-1' },
    mediaIssue: options.mediaIssue,
    audioBlocked: options.audioBlocked ?? false,
    activeSpeakerId: speaking === undefined ? undefined : ids[speaking],
  });
  const calls: string[] = [];
  const me = (patch: Partial<RoomParticipant>) => store.upsertParticipant(ids[0]!, patch);
  const stopAll = () => {
    for (const p of Object.values(store.getSnapshot().participants)) {
      p.videoTrack?.mediaStreamTrack?.stop();
      p.screenTrack?.mediaStreamTrack?.stop();
    }
  };
  return {
    store,
    calls,
    ids,
    async setMicrophoneEnabled(on) {
      calls.push(`setMicrophoneEnabled(${on})`);
      me({ audioEnabled: on });
    },
    async setCameraEnabled(on) {
      calls.push(`setCameraEnabled(${on})`);
      me({ videoEnabled: on });
    },
    async setScreenShareEnabled(on) {
      calls.push(`setScreenShareEnabled(${on})`);
      me({
        screenShareEnabled: on,
        screenTrack: on ? (canvasTrack('Screen share', 30) ?? silentTrack('screen')) : undefined,
      });
    },
    async selectDevice(kind, id) {
      calls.push(`selectDevice(${kind}, ${id})`);
      store.update({ selectedDevices: { ...store.getSnapshot().selectedDevices, [kind]: id } });
    },
    async unlockAudio() {
      calls.push('unlockAudio()');
      store.update({ audioBlocked: false });
    },
    async leave() {
      calls.push('leave()');
      stopAll();
      store.update({ connection: 'disconnected', endReason: 'left' });
    },
  };
}

/** A room, a join that never settles, a failure, or a join the test settles (a promise). */
export type JoinBehaviour = FakeRoom | 'pending' | CallKitError | Promise<FakeRoom>;

/**
 * A provider whose join returns `behaviour`'s room, hangs, or fails; counts joins. With
 * `preview`, it prepares like a real provider: the camera (on at once) shows while the call connects.
 */
export function fakeProvider(
  behaviour: JoinBehaviour,
  preview?: () => TrackRef | undefined,
): CallProvider & { joins: number; released: number } {
  const provider = {
    name: 'local' as const,
    joins: 0,
    released: 0,
    ...(preview && {
      prepare: (): PreparedJoin => ({
        preview: Promise.resolve(preview()),
        release: () => {
          provider.released += 1;
        },
      }),
    }),
    join: async () => {
      provider.joins += 1;
      if (behaviour === 'pending') return new Promise<ProviderRoom>(() => {});
      if (behaviour instanceof Promise) return behaviour;
      if (behaviour instanceof Error) throw behaviour;
      return behaviour;
    },
  };
  return provider;
}

export interface RoomHarness {
  controller: CallController;
  api: FakeCallApi;
  provider: CallProvider & { joins: number; released: number };
  call: Call;
  client: StreamChat;
  context: CallsContextValue;
}

export interface HarnessOptions {
  behaviour?: JoinBehaviour;
  /** Start the call as its creator (End for everyone). */
  creator?: boolean;
  type?: CallType;
  /** Where to leave the session: not started, started (pre-join), or joined/joining/failed. */
  stage?: 'none' | 'starting' | 'join';
  /** The provider prepares and shows this camera preview while joining. */
  preview?: () => TrackRef | undefined;
}

/** A real CallController over a fake API and provider, driven to the wanted stage. */
export async function createHarness(options: HarnessOptions = {}): Promise<RoomHarness> {
  const { behaviour = createFakeRoom(), creator = false, type = 'video', stage = 'join' } = options;
  const call: Call = { id: 'call-1', provider: 'local', type, local: { room: 'call-1' } };
  const api = createFakeCallApi({ states: { [call.id]: fakeLiveState(call) } });
  const provider = fakeProvider(behaviour, options.preview);
  const { client } = createOfflineChat();
  const controller = new CallController({
    api,
    providers: [provider],
    user: { id: 'alice', name: 'Alice Martin' },
  });
  if (creator || stage === 'starting') {
    const started = await controller.start({
      channel: createFakeChannel(),
      type,
      callId: call.id,
      join: false,
      ring: false,
    });
    if (!started.ok) throw started.error;
    if (stage === 'join') await started.session.join();
  } else if (stage === 'join') {
    const session = await controller.join(call);
    if (behaviour !== 'pending' && !(behaviour instanceof Promise)) await session?.join();
  }
  const context: CallsContextValue = {
    client,
    api,
    controller,
    options: quietCallsOptions(),
  };
  return { controller, api, provider, call, client, context };
}

/** CallsProvider's options for a room under test: no ring, no tones, no notifications. */
export function quietCallsOptions(overrides: Partial<CallsOptions> = {}): CallsOptions {
  return {
    notify: 'message',
    ringing: false,
    ringTimeoutMs: 30_000,
    joinTimeoutMs: 20_000,
    muteRingtone: true,
    autoRejectWhenBusy: false,
    notifyInBackground: false,
    ...overrides,
  };
}

/**
 * Puts `messages` (`[user id, text]`, a minute apart from 09:00 on 2026-12-04) into the
 * harness's channel, as if loaded from the server.
 */
export function addChannelMessages(
  harness: RoomHarness,
  messages: readonly (readonly [user: string, text: string])[],
): RoomHarness {
  const channel = Object.values(harness.client.activeChannels)[0];
  messages.forEach(([user, text], i) => {
    const at = new Date(Date.UTC(2026, 11, 4, 9, i)).toISOString();
    channel?.state.addMessageSorted({
      id: `message-${i}`,
      text,
      type: 'regular',
      user: { id: user, name: user.replace(/^./, (c) => c.toUpperCase()) },
      created_at: at,
      updated_at: at,
    } as never);
  });
  return harness;
}

const i18nCache = new Map<string, Streami18n>();
function i18n(language: 'en' | 'es') {
  let instance = i18nCache.get(language);
  if (!instance) {
    instance = registerCallTranslations(new Streami18n({ language }));
    i18nCache.set(language, instance);
  }
  return instance;
}

export interface HarnessProviderProps {
  harness: RoomHarness;
  theme?: 'light' | 'dark';
  language?: 'en' | 'es';
  /** The box the story renders in (a phone: 360 × 740). Default: full width, 480 px high. */
  width?: number | string;
  /** `'auto'`: the box grows with what it holds. */
  height?: number | string;
  children?: ReactNode;
}

/** stream-chat-react's real `<Chat>` (offline client, kit translations) + the kit's context. */
export function HarnessProvider({
  harness,
  theme = 'light',
  language = 'en',
  width,
  height = 480,
  children,
}: HarnessProviderProps) {
  return (
    <Chat client={harness.client} i18nInstance={i18n(language)} theme={`str-chat__theme-${theme}`}>
      <div
        className={`str-chat str-chat__theme-${theme}`}
        style={{ width, height, position: 'relative' }}
      >
        <CallsContext.Provider value={harness.context}>{children}</CallsContext.Provider>
      </div>
    </Chat>
  );
}

/** A harness around an already-joined fake room, with that room in scope (tiles, controls). */
export function RoomFrame({
  room,
  children,
  ...frame
}: HarnessProviderProps & { room: ProviderRoom }) {
  const { harness } = frame;
  return (
    <HarnessProvider {...frame}>
      <RoomProvider room={room} session={harness.controller.session}>
        {children}
      </RoomProvider>
    </HarnessProvider>
  );
}

/** The README's chat: stream-chat-react's own channel header, message list and composer. */
export function ChannelWindow({ channel }: { channel: ChatChannel | undefined }) {
  return (
    <Channel channel={channel}>
      <Window>
        <ChannelHeader />
        <MessageList />
        <MessageComposer />
      </Window>
    </Channel>
  );
}
