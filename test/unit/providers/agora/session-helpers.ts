/** Join options and a small fake CallApi (the call service is a boundary we fake here). */
import { vi } from 'vitest';
import type { CallApi } from '../../../../src/core/api';
import type { ProviderJoinOptions } from '../../../../src/core/provider';
import type { Call, CallToken } from '../../../../src/core/types';

export const AGORA_CALL: Call = {
  id: 'standup',
  provider: 'agora',
  type: 'video',
  agora: { channel: 'standup' },
};

export const HMS_CALL: Call = {
  id: 'standup',
  provider: 'hms',
  type: 'video',
  hms: { room_id: 'room-1', room_name: 'standup' },
};

export function tokenSource(prefix = 'token') {
  let n = 0;
  return vi.fn(
    async (): Promise<CallToken> => ({
      token: `${prefix}-${++n}`,
      agora_uid: 7,
      agora_app_id: 'app-id',
    }),
  );
}

export function joinOptions(overrides: Partial<ProviderJoinOptions> = {}): ProviderJoinOptions {
  return {
    call: AGORA_CALL,
    token: { token: 'token-0', agora_uid: 7, agora_app_id: 'app-id' },
    user: { id: 'alice', name: 'Alice' },
    media: { audio: true, video: true },
    signal: new AbortController().signal,
    timeoutMs: 1_000,
    renewToken: tokenSource(),
    ...overrides,
  };
}

export function fakeCallApi(call: Call) {
  const state = {
    call,
    session: 1,
    version: 1,
    state: 'ongoing' as const,
    participants: [],
    attendees: [],
    started_at: '',
  };
  const api = {
    createCall: vi.fn(async () => ({
      call,
      session: 1,
      token: 'token-created',
      agora_uid: 7,
      agora_app_id: 'app-id',
    })),
    getCallToken: vi.fn(tokenSource()),
    getCallState: vi.fn(async () => state),
    updateParticipation: vi.fn(
      async (_callId: string, _action: 'join' | 'alive' | 'leave') => state,
    ),
    endCall: vi.fn(async () => state),
  } satisfies CallApi;
  return api;
}

/** Lets pending promise callbacks run. */
export async function flush(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise((r) => setTimeout(r, 0));
}
