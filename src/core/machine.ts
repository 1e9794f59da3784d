import { CallKitError } from './errors';
import { createStore, type ReadableStore } from './store';

/** Where a call session is. Components expose it as `data-state`. */
export type CallingState =
  | 'idle'
  | 'starting'
  | 'joining'
  | 'joined'
  | 'reconnecting'
  | 'left'
  | 'failed';

/**
 * The legal transitions: idle → starting | joining → joined ⇄ reconnecting → left | failed.
 * `failed → joining` is Retry and `left → joining` is Rejoin.
 */
export const CALLING_TRANSITIONS: Readonly<Record<CallingState, readonly CallingState[]>> = {
  idle: ['starting', 'joining', 'left'],
  starting: ['joining', 'failed', 'left'],
  joining: ['joined', 'failed', 'left'],
  joined: ['reconnecting', 'left', 'failed'],
  reconnecting: ['joined', 'left', 'failed'],
  failed: ['joining', 'left'],
  left: ['joining'],
};

/** Whether a session may move from `from` to `to` (see `CALLING_TRANSITIONS`). */
export function canTransition(from: CallingState, to: CallingState): boolean {
  return CALLING_TRANSITIONS[from].includes(to);
}

/** A store whose `callingState` moves only along `CALLING_TRANSITIONS`. */
export interface StateMachine<S extends { callingState: CallingState }> extends ReadableStore<S> {
  /** Moves to `to`, merging `patch`; throws `invalid-transition` if the move is not legal. */
  transition(to: CallingState, patch?: Partial<Omit<S, 'callingState'>>): void;
  /** Updates fields without changing the calling state. */
  update(patch: Partial<Omit<S, 'callingState'>>): void;
  /** Whether moving to `to` is legal now. */
  can(to: CallingState): boolean;
}

/** A `StateMachine` starting at `initial` (a `CallSession`'s state is one). */
export function createStateMachine<S extends { callingState: CallingState }>(
  initial: S,
): StateMachine<S> {
  const store = createStore<S>(initial);
  return {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    can: (to) => canTransition(store.getSnapshot().callingState, to),
    transition(to, patch) {
      const from = store.getSnapshot().callingState;
      if (!canTransition(from, to)) {
        throw new CallKitError(
          'invalid-transition',
          `A call cannot go from "${from}" to "${to}".`,
          {
            recoverable: false,
          },
        );
      }
      store.setState((prev) => ({ ...prev, ...patch, callingState: to }));
    },
    update(patch) {
      store.setState((prev) => ({ ...prev, ...patch }));
    },
  };
}
