import { act, render, renderHook, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { describe, expect, it, test } from 'vitest';
import {
  type CallLayout,
  type CallLayoutKind,
  CallRoom,
  DefaultCallLayout,
  type ParticipantTileProps,
  resolveCallLayout,
  useLayoutChoices,
} from '../../../../src/react/room';
import {
  createFakeRoom,
  createHarness,
  type FakeRoomOptions,
  HarnessProvider,
  RoomFrame,
} from '../../../../stories/room/fixtures';
import { expectNoAxeViolations } from '../../../helpers/axe';

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
async function stage(): Promise<HTMLElement> {
  const find = () => document.querySelector<HTMLElement>('div[data-layout]');
  await waitFor(() => expect(find()).not.toBeNull());
  return find()!;
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

/** A tile an app restyles: its own markup, the participant it was given. */
function AppTile({ participantId, source }: ParticipantTileProps) {
  return <div data-testid="app-tile" data-id={`${source ?? 'camera'}:${participantId}`} />;
}

describe('the layouts', { timeout: 20_000 }, () => {
  it('speaker view never spotlights the user: the last other person who spoke stays', async () => {
    const { fake, wrapper } = await joined({ count: 3 });
    render(<DefaultCallLayout layout="speaker" />, { wrapper });
    await stage();
    const spotlit = () =>
      document.querySelector('.str-call__focus-main [role="group"]')?.getAttribute('aria-label');
    expect(spotlit()).toBe('Bob Chen');
    act(() => fake.store.setAudioLevels(new Map([['p2', 0.5]])));
    expect(spotlit()).toBe('Carol Diaz');
    act(() =>
      fake.store.setAudioLevels(
        new Map([
          ['p0', 0.9],
          ['p2', 0],
        ]),
      ),
    );
    expect(fake.store.getSnapshot().activeSpeakerId).toBe('p0');
    expect(spotlit()).toBe('Carol Diaz');
    expect(screen.getByRole('list', { name: 'Other participants' })).toHaveTextContent(
      'Alice Martin(you)',
    );
  });

  it('a screen share takes the stage in the grid too, for everyone', async () => {
    const { fake, wrapper } = await joined({ count: 4 });
    render(<DefaultCallLayout layout="grid" />, { wrapper });
    await stage();
    act(() => fake.store.upsertParticipant('p2', { screenShareEnabled: true, screenTrack }));
    expect(await stage()).toHaveAttribute('data-layout', 'screen-share');
    expect(document.querySelector('.str-call__focus-main [role="group"]')).toHaveAccessibleName(
      'Carol Diaz is presenting',
    );
    const strip = screen.getByRole('list', { name: 'Participants' });
    expect(
      within(strip)
        .getAllByRole('group')
        .map((g) => g.getAttribute('aria-label')),
    ).toEqual(['Bob Chen', 'Carol Diaz', 'Dave Okafor', 'Alice Martin (you)']);
    expect(screen.queryByRole('button', { name: 'Stop presenting' })).not.toBeInTheDocument();
    await expectNoAxeViolations(await stage());
  });

  it('the presenter sees "Stop presenting", not a mirror of their own screen, and it stops', async () => {
    const { fake, wrapper } = await joined({ count: 3 });
    render(<DefaultCallLayout layout="grid" />, { wrapper });
    await stage();
    await act(() => fake.setScreenShareEnabled(true));
    expect(await stage()).toHaveAttribute('data-layout', 'screen-share');
    expect(screen.getByText('You are presenting to everyone')).toBeVisible();
    expect(screen.queryByRole('group', { name: /is presenting/ })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Stop presenting' }));
    expect(fake.calls).toContain('setScreenShareEnabled(false)');
    expect(await stage()).toHaveAttribute('data-layout', 'grid');
  });

  it("with another person's screen on the stage, the presenter still has Stop presenting", async () => {
    const { fake, wrapper } = await joined({ count: 3, screenShare: 1 });
    render(<DefaultCallLayout />, { wrapper });
    await stage();
    await act(() => fake.setScreenShareEnabled(true));
    expect(document.querySelector('.str-call__focus-main [role="group"]')).toHaveAccessibleName(
      'Bob Chen is presenting',
    );
    expect(screen.getByRole('button', { name: 'Stop presenting' })).toBeVisible();
  });

  it('a call of two: the other person large, the user in a corner the arrow keys move', async () => {
    localStorage.clear();
    const { wrapper } = await joined({ count: 2 });
    render(<DefaultCallLayout />, { wrapper });
    expect(await stage()).toHaveAttribute('data-layout', 'one-on-one');
    expect(document.querySelector('.str-call__main [role="group"]')).toHaveAccessibleName(
      'Bob Chen',
    );
    const pip = screen.getByRole('group', { name: 'Your video' });
    expect(within(pip).getByRole('group', { name: 'Alice Martin (you)' })).toBeInTheDocument();
    expect(pip).toHaveAccessibleDescription(/arrow keys/);
    expect(pip).toHaveAttribute('data-corner', 'bottom-right');
    pip.focus();
    await userEvent.keyboard('{ArrowUp}');
    expect(pip).toHaveAttribute('data-corner', 'top-right');
    expect(within(await stage()).getByRole('status')).toHaveTextContent(
      'Moved to the top right corner',
    );
    expect(localStorage.getItem('str-call:self-view-corner')).toBe('top-right');
    await expectNoAxeViolations(await stage());
  });

  it('alone: "Waiting for others to join", and the same tile moves to the corner when someone joins', async () => {
    const { fake, wrapper } = await joined({ count: 1 });
    render(<DefaultCallLayout />, { wrapper });
    expect(await stage()).toHaveAttribute('data-layout', 'waiting');
    expect(within(await stage()).getByRole('status')).toHaveTextContent(
      'Waiting for others to join…',
    );
    const mine = screen.getByRole('group', { name: 'Alice Martin (you)' });
    await expectNoAxeViolations(await stage());
    act(() => fake.store.upsertParticipant('p9', { name: 'Zoe Park' }));
    expect(await stage()).toHaveAttribute('data-layout', 'one-on-one');
    expect(within(await stage()).getByRole('status')).toHaveTextContent('');
    expect(screen.getByRole('group', { name: 'Your video' })).toContainElement(mine);
  });

  it('an audio call: avatars with names and mute state, a ring for the speaker, no video', async () => {
    const { fake, wrapper } = await joined({ count: 4, video: true, mutedIds: [2] }, 'audio');
    render(<DefaultCallLayout />, { wrapper });
    expect(await stage()).toHaveAttribute('data-layout', 'audio');
    const people = screen.getByRole('list', { name: 'Participants' });
    expect(within(people).getAllByRole('listitem')).toHaveLength(4);
    expect(within(people).getAllByRole('listitem').at(-1)).toHaveTextContent('Alice Martin(you)');
    const carol = within(people).getByRole('group', { name: 'Carol Diaz' });
    expect(within(carol).getByRole('img', { name: 'Microphone off' })).toBeInTheDocument();
    act(() => fake.store.setAudioLevels(new Map([['p1', 0.4]])));
    expect(within(people).getByRole('group', { name: 'Bob Chen' })).toHaveAttribute(
      'data-speaking',
    );
    expect(document.querySelector('video')).toBeNull();
    expect(screen.queryByText('Waiting for others to join…')).not.toBeInTheDocument();
    await expectNoAxeViolations(await stage());
  });

  it('an audio call alone says "Waiting for others to join"', async () => {
    const { wrapper } = await joined({ count: 1 }, 'audio');
    render(<DefaultCallLayout />, { wrapper });
    await stage();
    expect(within(await stage()).getByRole('status')).toHaveTextContent(
      'Waiting for others to join…',
    );
  });

  test.each<[string, FakeRoomOptions, 'video' | 'audio', CallLayout, number]>([
    ['grid', { count: 5 }, 'video', 'grid', 5],
    ['speaker', { count: 5 }, 'video', 'speaker', 5],
    ['one-on-one', { count: 2 }, 'video', 'grid', 2],
    ['waiting', { count: 1 }, 'video', 'grid', 1],
    ['audio', { count: 3 }, 'audio', 'grid', 3],
    ['screen-share', { count: 3, screenShare: 1 }, 'video', 'grid', 4],
  ])(
    "an app's Tile renders every participant in the %s layout",
    async (kind, room, type, pick, tiles) => {
      const { wrapper } = await joined(room, type);
      render(<DefaultCallLayout layout={pick} Tile={AppTile} />, { wrapper });
      expect(await stage()).toHaveAttribute('data-layout', kind);
      expect(screen.getAllByTestId('app-tile')).toHaveLength(tiles);
      expect(document.querySelector('.str-call__tile')).toBeNull();
    },
  );
});

describe('CallRoom while connecting', { timeout: 20_000 }, () => {
  it('shows the user alone without "Waiting for others" until the call has connected', async () => {
    const harness = await createHarness({ behaviour: 'pending' });
    render(
      <HarnessProvider harness={harness}>
        <CallRoom />
      </HarnessProvider>,
    );
    await screen.findByText('Connecting to the call…', {}, { timeout: 3_000 });
    expect(await stage()).toHaveAttribute('data-layout', 'waiting');
    expect(screen.queryByText('Waiting for others to join…')).not.toBeInTheDocument();
  });
});
