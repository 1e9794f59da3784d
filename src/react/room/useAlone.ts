import type { RoomState } from '../../core/provider';
import { useRoomState } from './useRoomState';
import { useScopedSession } from './useScopedSession';
import { useStoreSelector } from './useStoreSelector';

const selectAlone = (s: RoomState) => s.order.length <= 1;

/**
 * Whether the user is alone in a connected call: "Waiting for others to join" then, but not while
 * the call is still connecting (the room shows the user alone until it has connected). Internal.
 */
export function useAlone(): boolean {
  const session = useScopedSession();
  const joining = useStoreSelector(
    session ?? undefined,
    (s) => s.callingState === 'joining',
    false,
  );
  return useRoomState(selectAlone, false) && !joining;
}
