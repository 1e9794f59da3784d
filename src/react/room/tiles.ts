import type { RoomState } from '../../core/provider';

/** A tile to show: a participant's camera, or their screen share. Encoded as a stable string key. */
export interface TileKey {
  id: string;
  source: 'camera' | 'screen';
}

/** Screen shares first (they are what people look at), then everyone's camera in join order. */
export function selectTileKeys(s: RoomState): string[] {
  const screens = s.order.filter((id) => {
    const p = s.participants[id];
    return p?.screenShareEnabled && p.screenTrack;
  });
  return [...screens.map((id) => `screen:${id}`), ...s.order.map((id) => `camera:${id}`)];
}

export const selectLocalId = (s: RoomState): string => s.localId;

export function parseTileKey(key: string): TileKey {
  const i = key.indexOf(':');
  return { source: key.slice(0, i) === 'screen' ? 'screen' : 'camera', id: key.slice(i + 1) };
}

/** Columns for `n` tiles: near-square, wider than tall (1, 2, 2, 2, 3, 3, 3, 3, 3, 4 …). */
export function gridColumns(n: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(n)));
}

/**
 * The React key of a tile: the local participant's tiles are keyed apart from their id, which
 * changes when the joining room hands over to the provider's room, so the user's own tile (and
 * its playing <video>) is kept, not remounted.
 */
export function tileElementKey(key: string, localId: string): string {
  const { id, source } = parseTileKey(key);
  return id === localId ? `${source}:@local` : key;
}
