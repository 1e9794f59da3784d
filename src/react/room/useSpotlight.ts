import { useCallback, useEffect, useRef } from 'react';
import type { RoomState } from '../../core/provider';
import { selectTileKeys } from './tiles';
import { useRoomState } from './useRoomState';

const isRemote = (s: RoomState, id: string | undefined): id is string =>
  Boolean(id && id !== s.localId && s.participants[id]);

/**
 * The tile key of the big tile: a screen share; else the active speaker, unless that is the user
 * (people do not want to watch themselves talk) — then `previous` while that person is still in
 * the room, else the first other participant; the user only when alone.
 */
export function selectSpotlight(s: RoomState, previous?: string): string | undefined {
  const keys = selectTileKeys(s);
  if (keys[0]?.startsWith('screen:')) return keys[0];
  if (isRemote(s, s.activeSpeakerId)) return `camera:${s.activeSpeakerId}`;
  const before = previous?.startsWith('camera:') ? previous.slice('camera:'.length) : undefined;
  if (isRemote(s, before)) return previous;
  const first = s.order.find((id) => isRemote(s, id));
  if (first) return `camera:${first}`;
  return s.participants[s.localId] ? `camera:${s.localId}` : undefined;
}

/**
 * The tile key the speaker view spotlights ({@link selectSpotlight}), remembering the last other
 * person who spoke: when the user talks, the spotlight stays on whoever spoke before.
 */
export function useSpotlight(): string | undefined {
  const previous = useRef<string | undefined>(undefined);
  const select = useCallback((s: RoomState) => selectSpotlight(s, previous.current), []);
  const key = useRoomState(select, undefined);
  useEffect(() => {
    previous.current = key;
  }, [key]);
  return key;
}
