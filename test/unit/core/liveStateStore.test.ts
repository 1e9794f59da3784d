import { describe, expect, it, vi } from 'vitest';
import { LiveStateStore } from '../../../src/core/liveStateStore';
import type { CallLiveState } from '../../../src/core/types';
import { createFakeChat } from './lifecycle-fakes';
import { call, fakeApi, flush, liveState } from './session-fakes';

const state = (patch: Partial<CallLiveState>): CallLiveState => ({ ...liveState(), ...patch });

function setup() {
  const api = fakeApi();
  const chat = createFakeChat('alice');
  const store = new LiveStateStore(api, chat);
  const listener = vi.fn();
  store.subscribe(call.id, 'messaging:general', listener);
  return { api, chat, store, listener };
}

describe('LiveStateStore', () => {
  it('keeps the newest version of a session: a late, older answer changes nothing', () => {
    const { store } = setup();
    store.put(state({ version: 5, participants: [{ user_id: 'bob', joined_at: '' }] }));
    store.put(state({ version: 4, participants: [] }));
    expect(store.get(call.id).live?.version).toBe(5);
    expect(store.get(call.id).live?.participants).toHaveLength(1);
  });

  it('keeps a past session as its record when the call id starts a new session', () => {
    const { store } = setup();
    const first = state({
      session: 1,
      version: 3,
      state: 'ended',
      ended_at: '2026-01-01T00:02:00Z',
    });
    store.put(first);
    store.put(state({ session: 2, version: 4 }));
    expect(store.get(call.id).live?.session).toBe(2);
    expect(store.get(call.id, 2).live?.session).toBe(2);
    expect(store.get(call.id, 1).live).toStrictEqual(first);
  });

  it('fetches a past session’s record once, for the card that announced it', async () => {
    const { store, api } = setup();
    store.put(state({ session: 3, version: 9 }));
    api.getCallState.mockResolvedValue(state({ session: 1, version: 2, state: 'ended' }));
    store.load(call.id, 1);
    store.load(call.id, 1);
    expect(store.get(call.id, 1).status).toBe('loading');
    await flush();
    expect(api.getCallState).toHaveBeenCalledTimes(1);
    expect(api.getCallState).toHaveBeenCalledWith(call.id, { session: 1 });
    expect(store.get(call.id, 1).live?.state).toBe('ended');
    // The current session is untouched by the past one's answer.
    expect(store.get(call.id).live?.session).toBe(3);
  });

  it('asks again when a card announces a newer session than the one it knows', async () => {
    const { store, api } = setup();
    store.put(state({ session: 1, version: 2, state: 'ended' }));
    expect(store.get(call.id, 2).status).toBe('loading');
    api.getCallState.mockResolvedValue(state({ session: 2, version: 3 }));
    store.load(call.id, 2);
    await flush();
    expect(store.get(call.id, 2).live?.session).toBe(2);
  });

  it('follows call.updated events of its channel only', () => {
    const { store, chat, listener } = setup();
    chat.emit({
      type: 'call.updated',
      cid: 'messaging:other',
      call_state: state({ version: 7, state: 'ended' }),
    });
    expect(store.get(call.id).live).toBeUndefined();
    chat.emit({
      type: 'call.updated',
      cid: 'messaging:general',
      call_state: state({ version: 7 }),
    });
    expect(store.get(call.id).live?.version).toBe(7);
    expect(listener).toHaveBeenCalled();
  });
});
