import { useRoomState } from './useRoomState';

const NONE: readonly string[] = [];

/** Participant ids in join order (local first); re-renders only when the list changes. */
export function useParticipants(): readonly string[] {
  return useRoomState((s) => s.order, NONE);
}
