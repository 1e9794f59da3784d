import { useCallback } from 'react';
import type { RoomParticipant } from '../../core/provider';
import { useRoomState } from './useRoomState';

/** One participant; re-renders only when THAT participant's object changes. */
export function useParticipant(id: string | undefined): RoomParticipant | undefined {
  const select = useCallback(
    (s: { participants: Readonly<Record<string, RoomParticipant>> }) =>
      id === undefined ? undefined : s.participants[id],
    [id],
  );
  return useRoomState(select, undefined);
}
