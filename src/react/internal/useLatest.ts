import { useInsertionEffect, useRef } from 'react';

/** A ref that always holds the latest value (for callbacks read inside effects and handlers). */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useInsertionEffect(() => {
    ref.current = value;
  });
  return ref;
}
