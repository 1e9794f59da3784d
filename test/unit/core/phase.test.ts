import { describe, expect, it } from 'vitest';
import type { CallChannel } from '../../../src/core/channel';
import { phaseOf } from '../../../src/core/lifecycle/phase';
import type { CallControllerState } from '../../../src/core/lifecycle/types';
import type { CallingState } from '../../../src/core/machine';
import type { CallSession } from '../../../src/core/session';
import { call } from './session-fakes';

const session = (callingState: CallingState) =>
  ({ getSnapshot: () => ({ callingState }) }) as unknown as CallSession;
const channel = {} as CallChannel;
const ringing = (direct: boolean, status: 'ringing' | 'answered' | 'stopped' = 'ringing') => ({
  type: 'video' as const,
  channel,
  direct,
  status,
  members: [],
});
const ring = {
  call,
  session: 1,
  caller: { id: 'bob' },
  channel,
  receivedAt: 0,
  timeoutMs: 30_000,
};
const outcome = {
  reason: 'no-answer' as const,
  call,
  type: 'video' as const,
  channel,
  members: [],
};

describe('the call phase', () => {
  it.each<[string, Omit<CallControllerState, 'phase'>, CallControllerState['phase']]>([
    ['no call', { session: null, missed: [] }, 'idle'],
    ['a left call', { session: session('left'), missed: [] }, 'idle'],
    [
      'a 1:1 call ringing',
      { session: session('joined'), outgoing: ringing(true), missed: [] },
      'outgoing',
    ],
    [
      'a 1:1 call answered',
      { session: session('joined'), outgoing: ringing(true, 'answered'), missed: [] },
      'in-call',
    ],
    [
      'a group call ringing',
      { session: session('joined'), outgoing: ringing(false), missed: [] },
      'in-call',
    ],
    ['starting', { session: session('starting'), missed: [] }, 'connecting'],
    ['joining', { session: session('joining'), missed: [] }, 'connecting'],
    ['reconnecting', { session: session('reconnecting'), missed: [] }, 'in-call'],
    ['no answer', { session: session('left'), outcome, missed: [] }, 'ended'],
    ['a ring', { session: null, incoming: ring, missed: [] }, 'incoming'],
    [
      'a ring in a call',
      { session: session('joined'), incoming: ring, missed: [] },
      'call-waiting',
    ],
    [
      'a ring while joining',
      { session: session('joining'), incoming: ring, missed: [] },
      'call-waiting',
    ],
  ])('is right for %s', (_, state, phase) => {
    expect(phaseOf(state)).toBe(phase);
  });
});
