import type { RoomState } from '../../core/provider';

/** A tile to show: a participant's camera, or their screen share. Encoded as a stable string key. */
export interface TileKey {
  id: string;
  source: 'camera' | 'screen';
}

/**
 * Screen shares first (they are what people look at), then the others' cameras in join order,
 * then the user's own: people look at the others, as in Meet.
 */
export function selectTileKeys(s: RoomState): string[] {
  const screens = s.order.filter((id) => {
    const p = s.participants[id];
    return p?.screenShareEnabled && p.screenTrack;
  });
  const others = s.order.filter((id) => id !== s.localId);
  const self = s.participants[s.localId] ? [s.localId] : [];
  return [
    ...screens.map((id) => `screen:${id}`),
    ...[...others, ...self].map((id) => `camera:${id}`),
  ];
}

export const selectLocalId = (s: RoomState): string => s.localId;

export function parseTileKey(key: string): TileKey {
  const i = key.indexOf(':');
  return { source: key.slice(0, i) === 'screen' ? 'screen' : 'camera', id: key.slice(i + 1) };
}

/** Columns for `n` tiles before the stage is measured: near-square, wider than tall. */
export function gridColumns(n: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(n)));
}

/** The stage's size and the smallest legible tile, in CSS pixels. */
export interface GridArea {
  width: number;
  height: number;
  gap: number;
  minWidth: number;
  minHeight: number;
}

/** How many tiles of at least the minimum size fit (at least 1; Infinity before measuring). */
export function gridCapacity({ width, height, gap, minWidth, minHeight }: GridArea): number {
  if (width <= 0 || height <= 0) return Number.POSITIVE_INFINITY;
  const columns = Math.max(1, Math.floor((width + gap) / (minWidth + gap)));
  const rows = Math.max(1, Math.floor((height + gap) / (minHeight + gap)));
  return columns * rows;
}

/**
 * Columns and rows for `n` tiles on the stage: the shape whose cells hold the largest video
 * (16:9 on a landscape stage, 3:4 on a portrait one), within the minimum tile size; ties go to
 * the shape with fewer empty cells.
 */
export function gridShape(n: number, area: GridArea): { columns: number; rows: number } {
  const count = Math.max(1, n);
  const { width, height, gap, minWidth, minHeight } = area;
  if (width <= 0 || height <= 0) {
    const columns = gridColumns(count);
    return { columns, rows: Math.ceil(count / columns) };
  }
  const aspect = width >= height ? 16 / 9 : 3 / 4;
  const maxColumns = Math.max(1, Math.floor((width + gap) / (minWidth + gap)));
  const maxRows = Math.max(1, Math.floor((height + gap) / (minHeight + gap)));
  let best: { columns: number; rows: number; area: number; empty: number } | undefined;
  for (let columns = 1; columns <= Math.min(count, maxColumns); columns++) {
    const rows = Math.ceil(count / columns);
    if (rows > maxRows) continue;
    const cellWidth = (width - (columns - 1) * gap) / columns;
    const cellHeight = (height - (rows - 1) * gap) / rows;
    const videoWidth = Math.min(cellWidth, cellHeight * aspect);
    const area = videoWidth * (videoWidth / aspect);
    const empty = columns * rows - count;
    if (!best || area > best.area || (area === best.area && empty < best.empty)) {
      best = { columns, rows, area, empty };
    }
  }
  // More tiles than fit (a page is never given more): the near-square shape.
  if (!best) {
    const columns = Math.min(gridColumns(count), maxColumns);
    return { columns, rows: Math.ceil(count / columns) };
  }
  return { columns: best.columns, rows: best.rows };
}

/**
 * The tiles of one grid page. Everyone fits: all of them. Otherwise the others are paged and
 * the user's own tile closes every page, so they always see themselves.
 */
export function pageTiles(
  keys: readonly string[],
  localKey: string,
  pageSize: number,
  page: number,
): { tiles: string[]; page: number; pages: number } {
  const size = Math.max(1, Math.floor(pageSize));
  if (keys.length <= size) return { tiles: [...keys], page: 0, pages: 1 };
  const self = keys.includes(localKey);
  const others = self ? keys.filter((k) => k !== localKey) : [...keys];
  const perPage = Math.max(1, self && size > 1 ? size - 1 : size);
  const pages = Math.ceil(others.length / perPage);
  const current = Math.min(Math.max(0, page), pages - 1);
  const tiles = others.slice(current * perPage, (current + 1) * perPage);
  if (self && size > 1) tiles.push(localKey);
  return { tiles, page: current, pages };
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
