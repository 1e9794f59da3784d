import { useCallback } from 'react';
import type { RoomState } from '../../core/provider';
import {
  type CallLayout,
  type CallLayoutKind,
  resolveCallLayout,
  selectScreenShare,
} from './layout';
import { useRoomState } from './useRoomState';
import { useScopedSession } from './useScopedSession';
import { useStoreSelector } from './useStoreSelector';

/**
 * Which layout the stage shows now for the room in scope and the user's `choice` (see
 * {@link CallLayoutKind}); re-renders only when that changes, not with every audio level.
 *
 * @example
 * const kind = useCallLayoutKind(choice); // 'one-on-one' while two people are in a video call
 */
export function useCallLayoutKind(choice: CallLayout = 'grid'): CallLayoutKind {
  const session = useScopedSession();
  const audio = useStoreSelector(session ?? undefined, (s) => s.call?.type === 'audio', false);
  const select = useCallback(
    (s: RoomState) =>
      resolveCallLayout(
        { participants: s.order.length, screenShare: selectScreenShare(s), audio },
        choice,
      ),
    [audio, choice],
  );
  return useRoomState(select, audio ? 'audio' : choice);
}
