import { createContext, createElement, type ReactNode, useContext } from 'react';
import type { ProviderRoom } from '../../core/provider';
import type { CallSession } from '../../core/session';

/** What {@link RoomProvider} puts in scope for the room's components and hooks. */
export interface RoomContextValue {
  /** The provider's room: its state store and its actions (mute, devices, leave). */
  room: ProviderRoom;
  /** The session the room belongs to (absent for a bare room, e.g. in stories). */
  session?: CallSession | null;
}

/**
 * The room in scope (set by {@link RoomProvider}); read it with `useRoom()` or the room hooks.
 * Exported for tests and custom renderers; apps use `CallRoom`, which provides it.
 */
export const RoomContext = createContext<RoomContextValue | undefined>(undefined);

/** Props of {@link RoomProvider}. */
export interface RoomProviderProps {
  /** The room its children render (tiles, controls, hooks). */
  room: ProviderRoom;
  /** The session the room belongs to (leave, end, the call's data); absent for a bare room. */
  session?: CallSession | null;
  /** The room's UI. */
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
