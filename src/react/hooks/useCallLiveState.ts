import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { LiveStatus } from '../../core/liveEntry';
import type { Call, CallLiveState } from '../../core/types';
import { useCallsContext } from '../context/CallsContext';
import { observeVisible } from '../internal/visibility';

/** `useCallLiveState`'s options. */
export interface UseCallLiveStateOptions {
  /** The channel the call was announced in (`cid`): only its events update this call. */
  cid?: string;
  /**
   * The call's session to show (the one a message announced). Default: its current session. A
   * past session shows the record it ended with, fetched once.
   */
  session?: number;
  /** Fetch even before the element is visible (default false: fetch only when seen). */
  eager?: boolean;
}

/** A call's live state, and the ref that says when to fetch it. */
export interface UseCallLiveStateResult {
  /** The latest live state (undefined until it has been fetched). */
  live?: CallLiveState;
  /** Where the fetch is: idle, loading, ready or error. */
  status: LiveStatus;
  /** Attach to the element that shows the call: the state is fetched when it becomes visible. */
  ref: (element: Element | null) => void;
  /** Fetches again after an error. */
  refresh(): void;
}

/**
 * A call's live state (ongoing or ended, who is in, when, why it ended). Nothing is requested
 * while rendering: `GET /calls/{id}` goes out once per call (and past session), shared by every
 * card, when a card showing it scrolls into view; `call.updated` / `call.ended` channel events
 * keep it fresh after that.
 *
 * @example
 * ```tsx
 * function WhoIsIn({ call, cid }: { call: Call; cid: string }) {
 *   const { live, ref } = useCallLiveState(call, { cid });
 *   // The ref starts the fetch once the element is on screen.
 *   return <span ref={ref}>{live?.state === 'ongoing' ? live.participants.length : ''}</span>;
 * }
 * ```
 */
export function useCallLiveState(
  call: Call | undefined,
  { cid, session, eager = false }: UseCallLiveStateOptions = {},
): UseCallLiveStateResult {
  const { liveStates } = useCallsContext().controller;
  const id = call?.id;
  const subscribe = useCallback(
    (listener: () => void) => (id ? liveStates.subscribe(id, cid, listener) : () => {}),
    [liveStates, id, cid],
  );
  const getSnapshot = useCallback(
    () => (id ? liveStates.get(id, session) : undefined),
    [liveStates, id, session],
  );
  const entry = useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
  const [element, setElement] = useState<Element | null>(null);
  const ref = useRef(setElement).current;
  const [seen, setSeen] = useState(false);

  useEffect(() => {
    if (!id || eager || !element) return;
    return observeVisible(element, () => setSeen(true));
  }, [id, element, eager]);

  // Once seen: its session's state, and again whenever the store has nothing for it (the call
  // id moved on to a newer session, so this card's is a past one; or its message is newer than
  // what the store knows). Every load is shared and deduplicated by the store.
  const wanted =
    (eager || seen) &&
    (!entry || entry.status === 'idle' || (entry.status === 'loading' && !entry.live));
  // biome-ignore lint/correctness/useExhaustiveDependencies: again after every change of the entry.
  useEffect(() => {
    if (id && wanted) liveStates.load(id, session);
  }, [liveStates, id, session, wanted, entry]);

  const refresh = useCallback(() => {
    if (id) liveStates.load(id, session);
  }, [liveStates, id, session]);

  return { live: entry?.live, status: entry?.status ?? 'idle', ref, refresh };
}
