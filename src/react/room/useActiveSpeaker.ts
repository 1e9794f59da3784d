import type { RoomState } from '../../core/provider';
import { useRoomState } from './useRoomState';

const selectSpeaker = (s: RoomState) =>
  s.activeSpeakerId && s.participants[s.activeSpeakerId] ? s.activeSpeakerId : undefined;

/** The id of the participant who spoke last (undefined until someone speaks). */
export function useActiveSpeaker(): string | undefined {
  return useRoomState(selectSpeaker, undefined);
}
