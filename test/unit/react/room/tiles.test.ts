import { describe, expect, test } from 'vitest';
import type { RoomParticipant, RoomState } from '../../../../src/core/provider';
import { selectSpotlight } from '../../../../src/react/room';
import {
  type GridArea,
  gridCapacity,
  gridShape,
  pageTiles,
  selectTileKeys,
} from '../../../../src/react/room/tiles';

const area = (width: number, height: number): GridArea => ({
  width,
  height,
  gap: 8,
  minWidth: 160,
  minHeight: 112,
});

function room(
  ids: string[],
  patch: Partial<RoomState> = {},
  people: Record<string, Partial<RoomParticipant>> = {},
): RoomState {
  const participants = Object.fromEntries(
    ids.map((id, i) => [
      id,
      {
        id,
        userId: id,
        isLocal: i === 0,
        audioEnabled: true,
        videoEnabled: true,
        screenShareEnabled: false,
        audioLevel: 0,
        speaking: false,
        ...people[id],
      } satisfies RoomParticipant,
    ]),
  );
  return {
    connection: 'connected',
    participants,
    order: ids,
    localId: ids[0]!,
    devices: [],
    selectedDevices: {},
    audioBlocked: false,
    ...patch,
  };
}

const screenTrack = { id: 's', kind: 'video', source: 'screen', attach: () => () => {} } as const;

describe('tile order', () => {
  test('the others first in join order, the user last, screen shares before everyone', () => {
    const s = room(
      ['me', 'bob', 'carol'],
      {},
      {
        carol: { screenShareEnabled: true, screenTrack },
      },
    );
    expect(selectTileKeys(s)).toEqual(['screen:carol', 'camera:bob', 'camera:carol', 'camera:me']);
  });
});

describe('selectSpotlight (speaker view)', () => {
  test.each<[string, RoomState, string | undefined, string | undefined]>([
    [
      'the other person who speaks',
      room(['me', 'bob', 'carol'], { activeSpeakerId: 'carol' }),
      undefined,
      'camera:carol',
    ],
    [
      'never the user: the one who spoke before',
      room(['me', 'bob', 'carol'], { activeSpeakerId: 'me' }),
      'camera:carol',
      'camera:carol',
    ],
    [
      'never the user: the first other before anyone spoke',
      room(['me', 'bob', 'carol'], { activeSpeakerId: 'me' }),
      undefined,
      'camera:bob',
    ],
    [
      'the one who spoke before has left',
      room(['me', 'carol'], { activeSpeakerId: 'me' }),
      'camera:bob',
      'camera:carol',
    ],
    ['the user when alone', room(['me'], { activeSpeakerId: 'me' }), undefined, 'camera:me'],
    [
      'a screen share before the speaker',
      room(
        ['me', 'bob'],
        { activeSpeakerId: 'bob' },
        { me: { screenShareEnabled: true, screenTrack } },
      ),
      undefined,
      'screen:me',
    ],
  ])('%s', (_, state, previous, expected) => {
    expect(selectSpotlight(state, previous)).toBe(expected);
  });
});

describe('grid sizing', () => {
  test.each<[string, number, GridArea, { columns: number; rows: number }]>([
    ['two side by side on a wide stage', 2, area(1280, 640), { columns: 2, rows: 1 }],
    ['two stacked on a phone', 2, area(374, 560), { columns: 1, rows: 2 }],
    ['four as 2 × 2 on a phone', 4, area(374, 560), { columns: 2, rows: 2 }],
    ['nine as 3 × 3 on a wide stage', 9, area(1280, 640), { columns: 3, rows: 3 }],
    ['25 as 5 × 5 at 1280 px', 25, area(1280, 640), { columns: 5, rows: 5 }],
    ['16 in three rows on a short stage', 16, area(1264, 360), { columns: 6, rows: 3 }],
    ['unmeasured: near-square', 5, area(0, 0), { columns: 3, rows: 2 }],
  ])('%s', (_, n, stage, shape) => {
    expect(gridShape(n, stage)).toEqual(shape);
  });

  test.each<[string, GridArea, number]>([
    ['at 1280 px, 25 fit', area(1280, 640), 35],
    ['on a phone, 8 fit', area(374, 560), 8],
    ['on a short stage, 21 fit', area(1264, 360), 21],
    ['a tiny stage still holds one', area(100, 60), 1],
    ['unmeasured: no limit', area(0, 0), Number.POSITIVE_INFINITY],
  ])('%s', (_, stage, capacity) => {
    expect(gridCapacity(stage)).toBe(capacity);
  });

  test('every tile of every shape is at least the minimum size', () => {
    for (const [w, h] of [
      [1280, 640],
      [374, 560],
      [1264, 360],
      [800, 450],
      [360, 500],
    ] as const) {
      const stage = area(w, h);
      const capacity = Math.min(25, gridCapacity(stage));
      for (let n = 1; n <= capacity; n++) {
        const { columns, rows } = gridShape(n, stage);
        expect(columns * rows).toBeGreaterThanOrEqual(n);
        expect((w - (columns - 1) * 8) / columns, `${n} at ${w}×${h}`).toBeGreaterThanOrEqual(160);
        expect((h - (rows - 1) * 8) / rows, `${n} at ${w}×${h}`).toBeGreaterThanOrEqual(112);
      }
    }
  });
});

describe('pageTiles', () => {
  const keys = [
    'camera:b',
    'camera:c',
    'camera:d',
    'camera:e',
    'camera:f',
    'camera:g',
    'camera:me',
  ];
  test.each<[string, number, number, { tiles: string[]; page: number; pages: number }]>([
    ['everyone fits: one page', 7, 0, { tiles: keys, page: 0, pages: 1 }],
    [
      'page 1 of 2: three others and the user',
      4,
      0,
      { tiles: ['camera:b', 'camera:c', 'camera:d', 'camera:me'], page: 0, pages: 2 },
    ],
    [
      'page 2 of 2: the rest and the user',
      4,
      1,
      { tiles: ['camera:e', 'camera:f', 'camera:g', 'camera:me'], page: 1, pages: 2 },
    ],
    [
      'a page past the end shows the last',
      4,
      9,
      { tiles: ['camera:e', 'camera:f', 'camera:g', 'camera:me'], page: 1, pages: 2 },
    ],
  ])('%s', (_, size, page, expected) => {
    expect(pageTiles(keys, 'camera:me', size, page)).toEqual(expected);
  });
});
