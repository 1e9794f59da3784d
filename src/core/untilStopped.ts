const noop = () => {};

export type Stopped = { stopped: 'aborted' | 'timeout' };

/**
 * Waits for `work` unless the signal aborts first or `timeoutMs` passes. A value that arrives after
 * we stopped waiting goes to `late` (so a room that connects anyway can still be left).
 */
export function untilStopped<T>(
  work: Promise<T>,
  signal: AbortSignal,
  timeoutMs?: number,
  late: (value: T) => void = noop,
): Promise<{ value: T } | Stopped> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = (stopped: Stopped['stopped']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve({ stopped });
    };
    const onAbort = () => stop('aborted');
    if (signal.aborted) stop('aborted');
    else signal.addEventListener('abort', onAbort, { once: true });
    if (timeoutMs !== undefined && !settled) timer = setTimeout(() => stop('timeout'), timeoutMs);
    work.then(
      (value) => {
        if (settled) return late(value);
        settled = true;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolve({ value });
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
