import { useEffect, useState } from 'react';
import { useScopedSession } from './useScopedSession';
import { useStoreSelector } from './useStoreSelector';

/**
 * Seconds since the user joined the call in scope (counted while connected and reconnecting, as
 * phones count a call), ticking once a second; `undefined` before the join.
 *
 * @example
 * const seconds = useCallDuration();
 * return seconds === undefined ? null : <span role="timer">{formatDuration(seconds)}</span>;
 */
export function useCallDuration(): number | undefined {
  const session = useScopedSession();
  const inCall = useStoreSelector(
    session ?? undefined,
    (s) =>
      s.callingState === 'joined' || s.callingState === 'reconnecting' ? s.call?.id : undefined,
    undefined,
  );
  const [since, setSince] = useState<{ call: string; at: number }>();
  const [now, setNow] = useState(0);
  useEffect(() => {
    if (!inCall) return;
    setSince((s) => (s?.call === inCall ? s : { call: inCall, at: Date.now() }));
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [inCall]);
  if (!inCall || since?.call !== inCall) return undefined;
  return Math.max(0, Math.floor((now - since.at) / 1000));
}

/** `m:ss`, or `h:mm:ss` from an hour on. */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
