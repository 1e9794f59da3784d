import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Call, CallLiveState } from '../../core/types';
import { useCallsInternalContext } from '../context/CallsInternalContext';
import { type LiveStatus, observeVisible } from '../internal/liveStates';

/** `useCallLiveState`'s options. */
export interface UseCallLiveStateOptions {
  /** The channel the call was announced in (`cid`): only its events update this call. */
  cid?: string;
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
 * A call's live state (ongoing or ended, who is in, when). Nothing is requested while rendering:
 * `GET /calls/{id}` goes out once per call id, shared by every card, when a card showing it
 * scrolls into view; `call.updated` / `call.ended` channel events keep it fresh after that.
 */
export function useCallLiveState(
  call: Call | undefined,
  { cid, eager = false }: UseCallLiveStateOptions = {},
): UseCallLiveStateResult {
  const { liveStates } = useCallsInternalContext('useCallLiveState');
  const id = call?.id;
  const subscribe = useCallback(
    (listener: () => void) => (id ? liveStates.subscribe(id, cid, listener) : () => {}),
    [liveStates, id, cid],
  );
  const getSnapshot = useCallback(() => (id ? liveStates.get(id) : undefined), [liveStates, id]);
  const entry = useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
  const [element, setElement] = useState<Element | null>(null);
  const ref = useRef(setElement).current;

  useEffect(() => {
    if (!id) return;
    if (eager) {
      liveStates.load(id);
      return;
    }
    if (!element) return;
    return observeVisible(element, () => liveStates.load(id));
  }, [liveStates, id, element, eager]);

  const refresh = useCallback(() => {
    if (id) liveStates.load(id);
  }, [liveStates, id]);

  return { live: entry?.live, status: entry?.status ?? 'idle', ref, refresh };
}
