import { useCallback, useRef, useState } from 'react';

/**
 * A controlled/uncontrolled value that starts again from `defaultValue` with each new call
 * (minimised, the open panel): a new or accepted call opens as the app set it, whatever the last
 * call ended as. Internal.
 */
export function usePerCall<T>(
  callId: string | undefined,
  value: T | undefined,
  defaultValue: T,
  onChange?: (next: T) => void,
): [T, (next: T) => void] {
  const [inner, setInner] = useState<{ call?: string; value: T }>({ value: defaultValue });
  const controlled = value !== undefined;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const set = useCallback(
    (next: T) => {
      if (!controlled) setInner({ call: callId, value: next });
      onChangeRef.current?.(next);
    },
    [controlled, callId],
  );
  const current = inner.call === callId ? inner.value : defaultValue;
  return [controlled ? value : current, set];
}
