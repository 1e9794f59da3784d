/**
 * Test doubles for the two boundaries the kit does not own in stories and unit tests: the call
 * API's server and a provider's cloud. Everything else (controller, session, components) is real.
 */
import type { CallApi, RequestOptions } from '../../src/core/api';
import type { CallChannel, CallMember } from '../../src/core/channel';
import { CallKitError } from '../../src/core/errors';
import type { CallProvider, ProviderJoinOptions, ProviderRoom } from '../../src/core/provider';
import type { Call, CallLiveState, CallType, ProviderName } from '../../src/core/types';
import { createRoomStore } from '../../src/providers/shared/room-store';

export function fakeCall(id = 'call-1', type: CallType = 'video'): Call {
  return { id, provider: 'local', type, local: { room: id } };
}

export function fakeLiveState(
  call: Call,
  patch: Partial<Omit<CallLiveState, 'call'>> = {},
): CallLiveState {
  return {
    call,
    session: 1,
    version: 1,
    state: 'ongoing',
    participants: [],
    attendees: patch.participants ?? [],
    started_at: '2026-11-25T09:00:00.000Z',
    ended_at: null,
    ...patch,
  };
}

type Outcome<T> = T | CallKitError | 'pending';

export interface FakeCallApiOptions {
  /** What CreateCall answers: ok (default), an error, or never. */
  createCall?: 'ok' | CallKitError | 'pending';
  getCallToken?: 'ok' | CallKitError | 'pending';
  /** Live states by call id (GET /calls/{id}); unknown ids answer 404. */
  states?: Record<string, Outcome<CallLiveState>>;
  /** Answer after this many ms (default: next microtask). */
  delayMs?: number;
  provider?: ProviderName;
}

export interface FakeRequest {
  method: keyof CallApi;
  args: unknown[];
}

export interface FakeCallApi extends CallApi {
  readonly requests: FakeRequest[];
  count(method: keyof CallApi): number;
}

const never = <T>() => new Promise<T>(() => {});

export function createFakeCallApi(options: FakeCallApiOptions = {}): FakeCallApi {
  const requests: FakeRequest[] = [];
  const answer = async <T>(value: Outcome<T>, signal?: AbortSignal): Promise<T> => {
    if (value === 'pending') return never<T>();
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    else await Promise.resolve();
    if (signal?.aborted) throw new CallKitError('aborted', 'The request was cancelled.');
    if (value instanceof CallKitError) throw value;
    return value;
  };
  const record = (method: keyof CallApi, args: unknown[]) => requests.push({ method, args });
  const states = options.states ?? {};
  const stateFor = (id: string): Outcome<CallLiveState> =>
    states[id] ??
    new CallKitError('call-not-found', 'This call no longer exists.', { status: 404 });
  return {
    requests,
    count: (method) => requests.filter((r) => r.method === method).length,
    createCall(channel, request, opts?: RequestOptions) {
      record('createCall', [channel, request]);
      const outcome = options.createCall ?? 'ok';
      const call: Call = {
        id: request.id,
        provider: options.provider ?? 'local',
        type: request.type,
        local: { room: request.id },
      };
      return answer(
        outcome === 'ok' ? { call, session: 1, token: 'creator-token', duration: '1ms' } : outcome,
        opts?.signal,
      );
    },
    getCallToken(callId, opts) {
      record('getCallToken', [callId]);
      const outcome = options.getCallToken ?? 'ok';
      return answer(outcome === 'ok' ? { token: `token-for-${callId}` } : outcome, opts?.signal);
    },
    getCallState(callId, opts) {
      record('getCallState', [callId]);
      return answer(stateFor(callId), opts?.signal);
    },
    updateParticipation(callId, action, opts) {
      record(
        'updateParticipation',
        opts?.keepalive ? [callId, action, { keepalive: true }] : [callId, action],
      );
      const s = states[callId];
      return answer(s && s !== 'pending' && !(s instanceof CallKitError) ? s : stateFor(callId));
    },
    endCall(callId, opts) {
      const { reason, session } = opts ?? {};
      record(
        'endCall',
        reason || session
          ? [callId, { ...(reason ? { reason } : {}), ...(session ? { session } : {}) }]
          : [callId],
      );
      const known = states[callId];
      if (known !== undefined) return answer(known);
      // A call the fake made itself: it ends with the reason given.
      const call: Call = {
        id: callId,
        provider: options.provider ?? 'local',
        type: 'video',
        local: { room: callId },
      };
      return answer(
        fakeLiveState(call, {
          state: 'ended',
          ended_at: new Date().toISOString(),
          ended_reason: reason ?? 'ended',
        }),
      );
    },
  };
}

export type FakeJoinBehaviour = 'join' | 'pending' | CallKitError;

export interface FakeProvider extends CallProvider {
  readonly joins: ProviderJoinOptions[];
  leaves: number;
}

/** A provider whose "cloud" is in memory: joins connect at once, hang, or fail. */
export function createFakeProvider(
  behaviour: FakeJoinBehaviour = 'join',
  name: ProviderName = 'local',
): FakeProvider {
  const provider: FakeProvider = {
    name,
    joins: [],
    leaves: 0,
    async join(options) {
      provider.joins.push(options);
      if (behaviour === 'pending') return never<ProviderRoom>();
      if (behaviour instanceof CallKitError) throw behaviour;
      const store = createRoomStore({
        id: `p-${options.user.id}`,
        userId: options.user.id,
        name: options.user.name,
        isLocal: true,
        audioEnabled: options.media.audio,
        videoEnabled: options.media.video,
        screenShareEnabled: false,
        audioLevel: 0,
        speaking: false,
      });
      store.update({ connection: 'connected' });
      const room: ProviderRoom = {
        store,
        setMicrophoneEnabled: async (on) =>
          store.upsertParticipant(`p-${options.user.id}`, { audioEnabled: on }),
        setCameraEnabled: async (on) =>
          store.upsertParticipant(`p-${options.user.id}`, { videoEnabled: on }),
        setScreenShareEnabled: async () => {},
        selectDevice: async () => {},
        unlockAudio: async () => {},
        leave: async () => {
          provider.leaves += 1;
          store.update({ connection: 'disconnected', endReason: 'left' });
        },
      };
      return room;
    },
  };
  return provider;
}

export interface FakeChannel extends CallChannel {
  /** What the kit sent: events, messages and channel updates, in order. */
  readonly sent: { kind: 'event' | 'message' | 'call'; value: unknown }[];
}

/**
 * A channel as core's lifecycle sees it (CallChannel), in memory: for core tests and harnesses
 * without a chat. Components in a real `<Channel>` use `createOfflineChat` instead.
 */
export function createFakeChannel(
  options: { id?: string; name?: string; members?: CallMember[] } = {},
): FakeChannel {
  const id = options.id ?? 'general';
  const members = options.members ?? [];
  const sent: FakeChannel['sent'] = [];
  return {
    type: 'messaging',
    id,
    cid: `messaging:${id}`,
    name: options.name,
    sent,
    members: () => members,
    isMember: (userId) => members.some((m) => m.id === userId),
    sendEvent: async (event) => sent.push({ kind: 'event', value: event }),
    sendMessage: async (message) => sent.push({ kind: 'message', value: message }),
    setCall: async (call) => sent.push({ kind: 'call', value: call }),
  };
}
