import { vi } from 'vitest';
import type { CallApi } from '../../../src/core/api';
import type {
  CallProvider,
  ProviderJoinOptions,
  ProviderRoom,
  RoomState,
} from '../../../src/core/provider';
import { createStore, type Store } from '../../../src/core/store';
import type { Call, CallLiveState, CallToken, CreateCallResponse } from '../../../src/core/types';

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run. */
export const flush = () => new Promise<void>((r) => setTimeout(r, 0));

export const call: Call = {
  id: 'abc',
  provider: 'agora',
  type: 'video',
  agora: { channel: 'abc' },
};
export const otherCall: Call = {
  id: 'xyz',
  provider: 'agora',
  type: 'audio',
  agora: { channel: 'xyz' },
};

export type FakeRoom = ProviderRoom & { store: Store<RoomState>; leave: ReturnType<typeof vi.fn> };

/** The SDK side of a joined room: a store the test drives and a leave() that counts. */
export function fakeRoom(): FakeRoom {
  const store = createStore<RoomState>({
    connection: 'connected',
    participants: {},
    order: [],
    localId: 'me',
    devices: [],
    selectedDevices: {},
    audioBlocked: false,
  });
  return {
    store,
    leave: vi.fn(async () => {}),
    setMicrophoneEnabled: vi.fn(async () => {}),
    setCameraEnabled: vi.fn(async () => {}),
    setScreenShareEnabled: vi.fn(async () => {}),
    selectDevice: vi.fn(async () => {}),
    unlockAudio: vi.fn(async () => {}),
  };
}

export interface ProviderJoin {
  options: ProviderJoinOptions;
  room: FakeRoom;
  deferred: Deferred<ProviderRoom>;
  /** Resolves the join with its room. */
  connect(): FakeRoom;
}

/**
 * A fake CallProvider standing in for the SDK boundary. `auto` joins connect at once; otherwise
 * the test settles each join through `joins[i]`.
 */
export class FakeProvider implements CallProvider {
  readonly name: Call['provider'] = 'agora';
  readonly joins: ProviderJoin[] = [];
  auto = true;

  join(options: ProviderJoinOptions): Promise<ProviderRoom> {
    const d = deferred<ProviderRoom>();
    const room = fakeRoom();
    const join: ProviderJoin = {
      options,
      room,
      deferred: d,
      connect() {
        d.resolve(room);
        return room;
      },
    };
    this.joins.push(join);
    if (this.auto) join.connect();
    return d.promise;
  }

  /** Rooms that were given to the session and not left. */
  liveRooms(): FakeRoom[] {
    return this.joins.filter((j) => j.room.leave.mock.calls.length === 0).map((j) => j.room);
  }
}

export const liveState = (c: Call = call): CallLiveState => ({
  call: c,
  session: 1,
  version: 1,
  state: 'ongoing',
  participants: [],
  attendees: [],
  started_at: '2026-01-01T00:00:00Z',
  ended_at: null,
});

let tokenCounter = 0;

/** A fake CallApi (our own API client is tested against a real server in test/node/core). */
export function fakeApi() {
  const api = {
    createCall: vi.fn(
      async (): Promise<CreateCallResponse> => ({
        call,
        session: 1,
        token: 'creator-token',
        agora_uid: 1,
      }),
    ),
    getCallToken: vi.fn(
      async (_id: string, _o?: { signal?: AbortSignal }): Promise<CallToken> => ({
        token: `member-token-${++tokenCounter}`,
      }),
    ),
    getCallState: vi.fn(async () => liveState()),
    updateParticipation: vi.fn(async (_id: string, _action: 'join' | 'alive' | 'leave') =>
      liveState(),
    ),
    endCall: vi.fn(async () => ({ ...liveState(), state: 'ended' as const })),
  };
  return api satisfies CallApi;
}

export const user = { id: 'alice', name: 'Alice' };
