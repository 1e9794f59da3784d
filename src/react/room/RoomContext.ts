import { createContext, createElement, type ReactNode, useContext } from 'react';
import type { ProviderRoom } from '../../core/provider';
import type { CallSession } from '../../core/session';

export interface RoomContextValue {
  room: ProviderRoom;
  /** The session the room belongs to (absent for a bare room, e.g. in stories). */
  session?: CallSession | null;
}

export const RoomContext = createContext<RoomContextValue | undefined>(undefined);

export interface RoomProviderProps {
  room: ProviderRoom;
  session?: CallSession | null;
  children?: ReactNode;
}

/**
 * Scopes the room hooks to one room. CallRoom provides it for the active session; a custom UI
 * (or a story with a fake room) can provide any ProviderRoom.
 */
export function RoomProvider({ room, session, children }: RoomProviderProps) {
  return createElement(RoomContext.Provider, { value: { room, session } }, children);
}

/** The room in scope, or undefined outside a RoomProvider / before the session joined. */
export function useRoom(): ProviderRoom | undefined {
  return useContext(RoomContext)?.room;
}
