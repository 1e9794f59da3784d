import type { RoomState } from '../../core/provider';
import { useRoom } from './RoomContext';
import { useStoreSelector } from './useStoreSelector';

/**
 * Selects from the room in scope (RoomProvider, which CallRoom provides); `fallback` before a
 * room exists. Re-renders only when the selected value changes by `isEqual`.
 */
export function useRoomState<T>(
  selector: (state: RoomState) => T,
  fallback: T,
  isEqual?: (a: T, b: T) => boolean,
): T {
  return useStoreSelector(useRoom()?.store, selector, fallback, isEqual);
}
