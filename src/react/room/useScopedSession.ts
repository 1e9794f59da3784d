import { useContext } from 'react';
import type { CallSession } from '../../core/session';
import { RoomContext } from './RoomContext';
import { useActiveSession } from './useActiveSession';

/** The session of the room in scope, else the controller's active session. Internal. */
export function useScopedSession(): CallSession | null {
  const scoped = useContext(RoomContext)?.session;
  const active = useActiveSession();
  return scoped === undefined ? active : scoped;
}
