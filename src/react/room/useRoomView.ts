import { useEffect, useMemo, useRef, useState } from 'react';
import type { ProviderRoom } from '../../core/provider';
import type { CallSession, CallSessionState } from '../../core/session';
import type { ProviderName } from '../../core/types';
import { createJoiningRoom } from './joiningRoom';
import { useActiveSession } from './useActiveSession';
import { useStoreSelector } from './useStoreSelector';

/**
 * What the call room shows: nothing, "Starting the call…", the pre-join view, the failure, or the
 * room itself (while connecting: the user alone, with the camera the provider prepared).
 */
export type RoomView = 'none' | 'starting' | 'pre-join' | 'failed' | 'joining' | 'in-call';

export interface RoomViewState {
  view: RoomView;
  session: CallSession | null;
  state?: CallSessionState;
  /** The room to render in `joining` / `in-call`. */
  room?: ProviderRoom;
}

export interface UseRoomViewOptions {
  /** Show the pre-join view while the session is starting. */
  preJoin?: boolean;
  /** Only sessions of this provider. */
  provider?: ProviderName;
}

const ACTIVE = new Set(['joining', 'joined', 'reconnecting']);
/** How long a joiner's room waits for their camera before it shows "Connecting…" without it. */
const CONNECTING_VIEW_DELAY_MS = 150;

/**
 * The call room's view state, from the controller's active session. Owns the room's life: the
 * room leaves the call when it unmounts mid-call (deferred a tick: StrictMode's simulated unmount
 * remounts at once, with the same session, and cancels the pending leave). Internal.
 */
export function useRoomView({ preJoin, provider }: UseRoomViewOptions = {}): RoomViewState {
  const active = useActiveSession();
  const state = useStoreSelector(active ?? undefined, (s) => s, undefined);
  const mine = Boolean(state?.call && (!provider || state.call.provider === provider));
  const session = mine ? active : null;

  const pendingLeave = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    if (!session) return;
    clearTimeout(pendingLeave.current);
    return () => {
      pendingLeave.current = setTimeout(() => {
        if (ACTIVE.has(session.state.callingState)) void session.leave();
      }, 0);
    };
  }, [session]);

  // A new joining room for each attempt (its call) and each camera preview.
  const joiningCall = state?.callingState === 'joining' ? state.call : undefined;
  const preview = joiningCall ? state?.preview : undefined;
  const joiningRoom = useMemo(
    () =>
      joiningCall && session ? createJoiningRoom(session.user, session.media, preview) : undefined,
    [session, joiningCall, preview],
  );
  // Someone joining (not the creator, whose room already shows "Starting…") sees the room when
  // their camera is on, or after a moment without one: no black tile, and the browser is not
  // busy laying out a room while it opens the camera.
  const [waitedFor, setWaitedFor] = useState<unknown>();
  useEffect(() => {
    if (!joiningCall) return;
    const timer = setTimeout(() => setWaitedFor(joiningCall), CONNECTING_VIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [joiningCall]);
  // Whether the last commit showed the room (a Retry from the failure view keeps showing it).
  const showing = useRef(false);
  const waiting = Boolean(
    joiningCall && !preview && !state?.isCreator && waitedFor !== joiningCall && !showing.current,
  );
  const view = viewOf(session, state, waiting, preJoin);
  useEffect(() => {
    showing.current = view !== 'none';
  });
  if (view === 'joining') return { view, session, state, room: joiningRoom };
  if (view === 'in-call') return { view, session, state, room: state?.room };
  return { view, session, state };
}

function viewOf(
  session: CallSession | null,
  state: CallSessionState | undefined,
  waiting: boolean,
  preJoin: boolean | undefined,
): RoomView {
  if (!session || !state || waiting) return 'none';
  switch (state.callingState) {
    case 'idle':
    case 'starting':
      return preJoin ? 'pre-join' : 'starting';
    case 'failed':
      return 'failed';
    case 'joining':
      return 'joining';
    case 'joined':
    case 'reconnecting':
      return state.room ? 'in-call' : 'none';
    default:
      return 'none';
  }
}
