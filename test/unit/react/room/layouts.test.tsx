import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, test } from 'vitest';
import {
  type CallLayout,
  type CallLayoutKind,
  DefaultCallLayout,
  resolveCallLayout,
  useLayoutChoices,
} from '../../../../src/react/room';
import {
  createFakeRoom,
  createHarness,
  type FakeRoomOptions,
  RoomFrame,
} from '../../../../stories/room/fixtures';

/** A joined harness (real controller and session) around a fake room of `room`. */
async function joined(room: FakeRoomOptions, type: 'video' | 'audio' = 'video') {
  const fake = createFakeRoom({ video: false, ...room });
  const harness = await createHarness({ behaviour: fake, type });
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <RoomFrame harness={harness} room={fake}>
      {children}
    </RoomFrame>
  );
  return { fake, harness, wrapper };
}

/** The stage, once stream-chat-react's <Chat> has loaded its translations and rendered it. */
async function stage(): Promise<Element> {
  await waitFor(() => expect(document.querySelector('[data-layout]')).not.toBeNull());
  return document.querySelector('[data-layout]')!;
}

/** A screen share the room can show (canvas tracks do not exist under jsdom). */
const screenTrack = { id: 's1', kind: 'video', source: 'screen', attach: () => () => {} } as const;

describe('resolveCallLayout', () => {
  test.each<[string, number, boolean, boolean, CallLayout, CallLayoutKind]>([
    ['a screen share takes the stage in a group', 5, true, false, 'grid', 'screen-share'],
    ['a screen share takes the stage in an audio call', 2, true, true, 'speaker', 'screen-share'],
    ['an audio call of many', 6, false, true, 'grid', 'audio'],
    ['an audio call alone', 1, false, true, 'speaker', 'audio'],
    ['alone in a video call', 1, false, false, 'speaker', 'waiting'],
    ['two in a video call', 2, false, false, 'grid', 'one-on-one'],
    ['three, grid picked', 3, false, false, 'grid', 'grid'],
    ['three, speaker picked', 3, false, false, 'speaker', 'speaker'],
  ])('%s', (_, participants, screenShare, audio, choice, kind) => {
    expect(resolveCallLayout({ participants, screenShare, audio }, choice)).toBe(kind);
  });
});

describe('DefaultCallLayout', { timeout: 20_000 }, () => {
  it('follows the room: one-on-one for two, the pick for a group, the share on the stage', async () => {
    const { fake, wrapper } = await joined({ count: 2 });
    const view = render(<DefaultCallLayout layout="speaker" />, { wrapper });
    expect(await stage()).toHaveAttribute('data-layout', 'one-on-one');
    act(() => fake.store.upsertParticipant('p9', { name: 'Zoe', isLocal: false }));
    expect(await stage()).toHaveAttribute('data-layout', 'speaker');
    view.rerender(<DefaultCallLayout layout="grid" />);
    expect(await stage()).toHaveAttribute('data-layout', 'grid');
    act(() => fake.store.upsertParticipant('p1', { screenShareEnabled: true, screenTrack }));
    expect(await stage()).toHaveAttribute('data-layout', 'screen-share');
  });

  it('shows an audio call with its own layout, whatever the pick', async () => {
    const { wrapper } = await joined({ count: 4 }, 'audio');
    render(<DefaultCallLayout layout="speaker" />, { wrapper });
    expect(await stage()).toHaveAttribute('data-layout', 'audio');
  });

  it('passes its props to the layout it shows', async () => {
    const { wrapper } = await joined({ count: 3 });
    render(<DefaultCallLayout className="mine" data-testid="stage" />, { wrapper });
    expect(await screen.findByTestId('stage')).toHaveClass('mine');
  });
});

describe('useLayoutChoices', { timeout: 20_000 }, () => {
  test.each<[string, FakeRoomOptions, 'video' | 'audio', readonly CallLayout[]]>([
    ['a group video call offers grid and speaker', { count: 3 }, 'video', ['grid', 'speaker']],
    ['a call of two offers none', { count: 2 }, 'video', []],
    ['alone offers none', { count: 1 }, 'video', []],
    ['an audio call offers none', { count: 5 }, 'audio', []],
    ['a screen share offers none', { count: 4, screenShare: 2 }, 'video', []],
  ])('%s', async (_, room, type, choices) => {
    const { wrapper } = await joined(room, type);
    const { result } = renderHook(() => useLayoutChoices(), { wrapper });
    await waitFor(() => expect(result.current).toEqual(choices));
  });

  it('changes as people join and leave', async () => {
    const { fake, wrapper } = await joined({ count: 2 });
    const { result } = renderHook(() => useLayoutChoices(), { wrapper });
    await waitFor(() => expect(result.current).toEqual([]));
    act(() => fake.store.upsertParticipant('p9', { name: 'Zoe' }));
    expect(result.current).toEqual(['grid', 'speaker']);
    act(() => fake.store.removeParticipant('p9'));
    expect(result.current).toEqual([]);
  });
});
