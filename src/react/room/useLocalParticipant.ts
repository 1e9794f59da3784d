import type { RoomParticipant, RoomState } from '../../core/provider';
import { useRoomState } from './useRoomState';

const selectLocal = (s: RoomState) => s.participants[s.localId];

/** The local participant (undefined before the room is joined). */
export function useLocalParticipant(): RoomParticipant | undefined {
  return useRoomState(selectLocal, undefined);
}
