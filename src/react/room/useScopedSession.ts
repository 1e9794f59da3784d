import { useContext } from 'react';
import type { CallSession } from '../../core/session';
import { RoomContext } from './RoomContext';
import { useActiveSession } from './useActiveSession';

/**
 * The session of the room in scope, else the controller's active session. Internal. A
 * `component` that renders nothing without one says so outside `<CallsProvider>`.
 */
export function useScopedSession(component?: string): CallSession | null {
  const scoped = useContext(RoomContext)?.session;
  const active = useActiveSession(scoped === undefined ? component : undefined);
  return scoped === undefined ? active : scoped;
}
