import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { ReadableStore } from '../../core/store';

const noopSubscribe = () => () => {};

/**
 * Subscribes to `store` and returns `selector(snapshot)`; re-renders only when the selected value
 * changes by `isEqual` (default `Object.is`). Without a store it returns `fallback`.
 * Internal: the public hooks are built on it.
 */
export function useStoreSelector<S, T>(
  store: ReadableStore<S> | undefined,
  selector: (state: S) => T,
  fallback: T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  const latest = useRef({ selector, isEqual, fallback });
  latest.current = { selector, isEqual, fallback };
  const cache = useRef<
    { store?: ReadableStore<S>; snap?: S; selector: (state: S) => T; value: T } | undefined
  >(undefined);
  const subscribe = useCallback(
    (listener: () => void) => (store ? store.subscribe(listener) : noopSubscribe()),
    [store],
  );
  const getSnapshot = () => {
    const { selector, isEqual, fallback } = latest.current;
    if (!store) return fallback;
    const snap = store.getSnapshot();
    const c = cache.current;
    if (c && c.store === store && c.snap === snap && c.selector === selector) return c.value;
    const value = selector(snap);
    if (c && c.store === store && isEqual(c.value, value)) {
      c.snap = snap;
      c.selector = selector;
      return c.value;
    }
    cache.current = { store, snap, selector, value };
    return value;
  };
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

export function shallowEqualArray<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}
