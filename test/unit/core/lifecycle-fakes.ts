/**
 * The lifecycle's boundaries in memory: a chat (channel events in, sent events out), the call API
 * and a provider. The controller, its engine and the session run for real.
 */
import { act } from '@testing-library/react';
import { vi } from 'vitest';
import type { CallChatClient, CallChatEvent, CallMember } from '../../../src/core/channel';
import { CallController } from '../../../src/core/controller';
import type { CallControllerOptions } from '../../../src/core/lifecycle/types';
import { createFakeChannel, type FakeChannel } from '../../../stories/support/fakes';
import { call, FakeProvider, fakeApi, flush, liveState } from './session-fakes';

export const PEOPLE: Record<string, CallMember> = {
  alice: { id: 'alice', name: 'Alice' },
  bob: { id: 'bob', name: 'Bob' },
  carol: { id: 'carol', name: 'Carol' },
};

export interface FakeChat extends CallChatClient {
  /** A channel event arriving from the server. */
  emit(event: CallChatEvent): void;
  add(channel: FakeChannel): void;
  listeners(): number;
}

export function createFakeChat(userId: string): FakeChat {
  const handlers = new Map<string, Set<(e: CallChatEvent) => void>>();
  const channels = new Map<string, FakeChannel>();
  return {
    userId,
    on(type, handler) {
      let set = handlers.get(type);
      if (!set) {
        set = new Set();
        handlers.set(type, set);
      }
      set.add(handler);
      return () => set.delete(handler);
    },
    channel: (cid) => channels.get(cid),
    emit(event) {
      for (const h of [...(handlers.get(event.type) ?? [])]) h(event);
    },
    add(channel) {
      channels.set(channel.cid, channel);
    },
    listeners: () => [...handlers.values()].reduce((n, s) => n + s.size, 0),
  };
}

export interface LifecycleSetup {
  me?: string;
  members?: string[];
  options?: Partial<CallControllerOptions>;
}

/** A user with a controller listening to a chat with one channel (`messaging:general`). */
export function lifecycle({
  me = 'alice',
  members = ['alice', 'bob'],
  options,
}: LifecycleSetup = {}) {
  const api = fakeApi();
  const provider = new FakeProvider();
  const chat = createFakeChat(me);
  const channel = createFakeChannel({ name: 'General', members: members.map((m) => PEOPLE[m]) });
  chat.add(channel);
  const controller = new CallController({
    api,
    providers: [provider],
    user: PEOPLE[me],
    chat,
    ...options,
  });
  const stop = controller.listen();
  const events = () =>
    channel.sent.filter((s) => s.kind === 'event').map((s) => s.value as Record<string, unknown>);
  /** A remote participant shows up in the caller's room (they answered). */
  const arrives = (userId: string, join = 0) => {
    const room = provider.joins[join]?.room;
    if (!room) throw new Error('no room');
    room.store.setState((s) => ({
      ...s,
      participants: {
        ...s.participants,
        [`p-${userId}`]: {
          id: `p-${userId}`,
          userId,
          isLocal: false,
          audioEnabled: true,
          videoEnabled: true,
          screenShareEnabled: false,
          audioLevel: 0,
          speaking: false,
        },
      },
    }));
  };
  /** Someone in the channel sends an event (as the server relays it). */
  const from = (userId: string, event: Omit<CallChatEvent, 'user' | 'cid'>) =>
    act(() => chat.emit({ ...event, cid: channel.cid, user: PEOPLE[userId] } as CallChatEvent));
  const ring = (userId: string, patch: Record<string, unknown> = {}) =>
    from(userId, {
      type: 'call.ring',
      call,
      session: 1,
      members: members.filter((m) => m !== userId),
      timeout_ms: 30_000,
      ...patch,
    });
  return { api, provider, chat, channel, controller, stop, events, arrives, from, ring };
}

export { call, flush, liveState };

/** Lets the lifecycle's code load and every pending callback run (real or fake timers). */
export async function settle(times = 3): Promise<void> {
  for (let i = 0; i < times; i++) {
    await vi.dynamicImportSettled();
    if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(0);
    else await flush();
  }
}
