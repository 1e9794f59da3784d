/** A minimal external store for `useSyncExternalStore`: state lives here, React only subscribes. */
export interface ReadableStore<T> {
  /** The current state (a new object on every change, the same one otherwise). */
  getSnapshot(): T;
  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: () => void): () => void;
}

/** A store its owner can change (a provider's room state, the controller's session). */
export interface Store<T> extends ReadableStore<T> {
  /** Replaces the state (or derives it from the previous one); listeners run if it changed. */
  setState(next: T | ((prev: T) => T)): void;
}

/** A new store holding `initial` (e.g. a custom provider's `RoomState`). */
export function createStore<T>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getSnapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    setState(next) {
      const value = typeof next === 'function' ? (next as (prev: T) => T)(state) : next;
      if (Object.is(value, state)) return;
      state = value;
      for (const l of [...listeners]) l();
    },
  };
}
