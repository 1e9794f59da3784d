import { describe, expect, test } from 'vitest';
import { CallKitError } from '../../../src/core/errors';
import { type CallingState, canTransition, createStateMachine } from '../../../src/core/machine';

const STATES: CallingState[] = [
  'idle',
  'starting',
  'joining',
  'joined',
  'reconnecting',
  'left',
  'failed',
];

/** The machine as the design describes it, written out here so the test can disagree. */
const LEGAL = new Set([
  'idle>starting',
  'idle>joining',
  'idle>left',
  'starting>joining',
  'starting>failed',
  'starting>left',
  'joining>joined',
  'joining>failed',
  'joining>left',
  'joined>reconnecting',
  'joined>left',
  'joined>failed',
  'reconnecting>joined',
  'reconnecting>left',
  'reconnecting>failed',
  'failed>joining',
  'failed>left',
  'left>joining',
]);

const PAIRS = STATES.flatMap((from) =>
  STATES.map((to) => [from, to, LEGAL.has(`${from}>${to}`)] as const),
);

describe('calling state machine', () => {
  test('covers all 49 pairs', () => {
    expect(PAIRS).toHaveLength(49);
  });

  test.each(PAIRS)('%s → %s is legal: %s', (from, to, legal) => {
    expect(canTransition(from, to)).toBe(legal);
    const machine = createStateMachine({ callingState: from, note: 'before' });
    const seen: CallingState[] = [];
    machine.subscribe(() => seen.push(machine.getSnapshot().callingState));
    expect(machine.can(to)).toBe(legal);
    if (legal) {
      machine.transition(to, { note: 'after' });
      expect(machine.getSnapshot()).toStrictEqual({ callingState: to, note: 'after' });
      expect(seen).toStrictEqual([to]);
    } else {
      let thrown: unknown;
      try {
        machine.transition(to, { note: 'after' });
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(CallKitError);
      expect(thrown).toMatchObject({ code: 'invalid-transition', recoverable: false });
      expect(machine.getSnapshot()).toStrictEqual({ callingState: from, note: 'before' });
      expect(seen).toStrictEqual([]);
    }
  });

  test('update() patches fields without changing the state', () => {
    const machine = createStateMachine({ callingState: 'joined' as CallingState, n: 1 });
    machine.update({ n: 2 });
    expect(machine.getSnapshot()).toStrictEqual({ callingState: 'joined', n: 2 });
  });
});
