import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { describe, expect, it, test, vi } from 'vitest';
import { CallKitError } from '../../../../src/core/errors';
import { CallRoom, LocalCallRoom, type ParticipantTileProps } from '../../../../src/react/room';
import { AgoraCallRoom } from '../../../../src/react/room/ProviderRooms';
import {
  createFakeRoom,
  createHarness,
  type HarnessOptions,
  HarnessProvider,
  type RoomHarness,
} from '../../../../stories/room/fixtures';
import { expectNoAxeViolations } from '../../../helpers/axe';

async function renderRoom(options: HarnessOptions = {}, props = {}, strict = false) {
  const harness = await createHarness(options);
  const ui = (
    <HarnessProvider harness={harness}>
      <CallRoom {...props} />
    </HarnessProvider>
  );
  const view = render(strict ? <StrictMode>{ui}</StrictMode> : ui);
  return { harness, ...view };
}

/** stream-chat-react's <Chat> has its own live regions: find ours by its title. */
async function findAlert(): Promise<HTMLElement> {
  return (await screen.findByText('The call failed')).closest('[role="alert"]') as HTMLElement;
}

/** An app's own tile with a bug while `tileBroken` is set. */
let tileBroken = true;
function BuggyTile({ participantId }: ParticipantTileProps) {
  if (tileBroken) throw new Error('app tile bug');
  return <p>App tile {participantId}</p>;
}

const sessionOf = (h: RoomHarness) => h.controller.session!;

describe('CallRoom', { timeout: 20_000 }, () => {
  it('renders nothing before any call', async () => {
    const { container } = await renderRoom({ stage: 'none' });
    await waitFor(() => expect(container.querySelector('.str-chat')).toBeInTheDocument());
    expect(screen.queryByRole('region', { name: 'Call' })).not.toBeInTheDocument();
  });

  it('shows a busy connecting status while joining', async () => {
    await renderRoom({ behaviour: 'pending' });
    const status = (await screen.findByText('Connecting to the call…')).closest('[role="status"]');
    expect(status).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByRole('region', { name: 'Call' })).toHaveAttribute('data-state', 'joining');
    expect(screen.getByRole('region', { name: 'Call' })).toHaveAttribute('aria-busy', 'true');
  });

  it('a joiner without a camera coming sees "Connecting…" after a moment, not at once', async () => {
    const { harness } = await renderRoom({ behaviour: 'pending' });
    expect(sessionOf(harness).state.callingState).toBe('joining');
    // Not at once: the camera may be about to come on (a room with a black tile would flash).
    expect(screen.queryByRole('region', { name: 'Call' })).not.toBeInTheDocument();
    const status = await screen.findByText('Connecting to the call…');
    expect(status).toBeVisible();
    expect(screen.getByRole('region', { name: 'Call' })).toHaveAttribute('data-state', 'joining');
  });

  it('Retry from the failure keeps the room on screen while it connects again', async () => {
    const { harness } = await renderRoom({
      behaviour: new CallKitError('provider-join-failed', 'no'),
    });
    const retry = await screen.findByRole('button', { name: 'Retry' });
    harness.provider.join = () => new Promise(() => {});
    await userEvent.click(retry);
    expect(sessionOf(harness).state.callingState).toBe('joining');
    expect(screen.getByRole('region', { name: 'Call' })).toHaveAttribute('data-state', 'joining');
  });

  it('shows the camera while connecting, and Cancel leaves and releases it', async () => {
    const detach = vi.fn();
    const attach = vi.fn((_el: HTMLMediaElement) => detach);
    const { harness } = await renderRoom({
      behaviour: 'pending',
      preview: () => ({ id: 'starting', kind: 'video', source: 'camera', attach }),
    });
    const room = await screen.findByRole('region', { name: 'Call' });
    // The user's own tile, already showing the camera; no controls until the call connects.
    // (findBy: the tile's name is translated once the chat's i18n has loaded.)
    const tile = await within(room).findByRole('group', { name: 'Alice Martin (you)' });
    const preview = tile.querySelector('video');
    expect(preview).not.toBeNull();
    expect(attach).toHaveBeenCalledWith(preview);
    expect(within(room).queryByRole('group', { name: 'Call controls' })).not.toBeInTheDocument();
    expect(within(room).queryByRole('button', { name: 'Minimize call' })).not.toBeInTheDocument();
    await userEvent.click(within(room).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(sessionOf(harness).state.callingState).toBe('left'));
    expect(detach).toHaveBeenCalledTimes(1);
    expect(harness.provider.released).toBe(1);
  });

  it("keeps the user's tile and its <video> when the call connects (no remount, no black frame)", async () => {
    const camera = { id: 'camera-1', kind: 'video' } as MediaStreamTrack;
    const attached: string[] = [];
    const ref = (id: string) => ({
      id,
      kind: 'video' as const,
      source: 'camera' as const,
      attach: () => {
        attached.push(`attach ${id}`);
        return () => attached.push(`detach ${id}`);
      },
    });
    const room = createFakeRoom({ count: 2, video: false });
    room.store.upsertParticipant(room.ids[0]!, {
      videoEnabled: true,
      videoTrack: { ...ref('room camera'), mediaStreamTrack: camera },
    });
    let connect!: (r: typeof room) => void;
    const join = new Promise<typeof room>((resolve) => {
      connect = resolve;
    });
    const { harness } = await renderRoom({ behaviour: join, preview: () => ref('preview') });
    const joiningTile = await screen.findByRole('group', { name: 'Alice Martin (you)' });
    const video = joiningTile.querySelector('video');
    expect(video).not.toBeNull();
    await act(async () => connect(room));
    await waitFor(() => expect(sessionOf(harness).state.callingState).toBe('joined'));
    // The provider's room names the user differently: the tile is the same element all the same.
    const tiles = screen.getAllByRole('group', { name: /Alice Martin/ });
    expect(tiles[0]).toBe(joiningTile);
    expect(tiles[0]!.querySelector('video')).toBe(video);
    expect(attached).toEqual(['attach preview', 'detach preview', 'attach room camera']);
    expect(screen.getByRole('group', { name: 'Call controls' })).toBeInTheDocument();
  });

  it('shows the grid, controls and every participant once joined', async () => {
    await renderRoom({ behaviour: createFakeRoom({ count: 4, video: false }) });
    const room = await screen.findByRole('region', { name: 'Call' });
    expect(room).toHaveAttribute('data-state', 'joined');
    await waitFor(() =>
      expect(screen.getAllByRole('group', { name: /Martin|Chen|Diaz|Okafor/ })).toHaveLength(4),
    );
    expect(screen.getByRole('group', { name: 'Alice Martin (you)' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Call controls' })).toBeInTheDocument();
    await expectNoAxeViolations(room);
  });

  it('announces reconnecting politely and keeps the call on screen', async () => {
    const fake = createFakeRoom({ video: false });
    await renderRoom({ behaviour: fake });
    await screen.findByRole('group', { name: 'Call controls' });
    act(() => fake.store.update({ connection: 'reconnecting' }));
    const status = await screen.findByText('Reconnecting…');
    const banner = status.closest('[role="status"]')!;
    expect(banner).toHaveAttribute('aria-live', 'polite');
    expect(screen.getByRole('region', { name: 'Call' })).toHaveAttribute(
      'data-state',
      'reconnecting',
    );
    expect(screen.getByRole('group', { name: 'Call controls' })).toBeInTheDocument();
    act(() => fake.store.update({ connection: 'connected' }));
    await waitFor(() => expect(screen.queryByText('Reconnecting…')).not.toBeInTheDocument());
  });

  it('explains a failure in words and retries with a fresh join', async () => {
    const error = new CallKitError('timeout', 'took too long');
    const { harness } = await renderRoom({ behaviour: error });
    const alert = await findAlert();
    expect(alert).toHaveTextContent('The call service did not answer in time. Try again.');
    await expectNoAxeViolations(alert);
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(harness.provider.joins).toBe(2);
  });

  it('offers no Retry for an error retrying cannot fix, and Close dismisses', async () => {
    const { harness } = await renderRoom({
      behaviour: new CallKitError('forbidden', 'no'),
    });
    const alert = await findAlert();
    expect(within(alert).queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
    await userEvent.click(within(alert).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByText('The call failed')).not.toBeInTheDocument());
    expect(sessionOf(harness).state.callingState).toBe('left');
  });

  it("keeps an app Tile's render error inside the room: the app stays, and the user can show the call again or leave", async () => {
    tileBroken = true;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const fake = createFakeRoom({ count: 2 });
      const { harness } = await renderRoom({ behaviour: fake }, { Tile: BuggyTile });
      const alert = (await screen.findByText('Something went wrong showing the call')).closest(
        '[role="alert"]',
      ) as HTMLElement;
      // The app around the room is still rendered, and the call is still on.
      expect(document.querySelector('.str-chat')).toBeInTheDocument();
      expect(sessionOf(harness).state.callingState).toBe('joined');
      expect(within(alert).getByRole('button', { name: 'Try again' })).toHaveFocus();
      await expectNoAxeViolations(alert);
      tileBroken = false;
      await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
      expect(await screen.findAllByText(/^App tile/)).toHaveLength(2);
      tileBroken = true;
      act(() => fake.store.upsertParticipant('p9', { name: 'Zoe', isLocal: false }));
      const again = await screen.findByText('Something went wrong showing the call');
      await userEvent.click(
        within(again.closest('[role="alert"]') as HTMLElement).getByRole('button', {
          name: 'Leave',
        }),
      );
      await waitFor(() => expect(sessionOf(harness).state.callingState).toBe('left'));
      await waitFor(() =>
        expect(screen.queryByRole('region', { name: 'Call' })).not.toBeInTheDocument(),
      );
    } finally {
      logged.mockRestore();
    }
  });

  it('tells how to fix a denied camera/microphone in the browser site settings', async () => {
    const fake = createFakeRoom({
      mediaIssue: new CallKitError('permission-denied', 'denied'),
      video: false,
    });
    await renderRoom({ behaviour: fake });
    const banner = await screen.findByText('Camera or microphone access was denied.');
    const region = banner.closest('[role="status"]') as HTMLElement;
    expect(region).toHaveTextContent(/site settings/);
    await userEvent.click(within(region).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText('Camera or microphone access was denied.')).not.toBeInTheDocument();
  });

  it('minimises to a dock and expands back (uncontrolled)', async () => {
    await renderRoom({ behaviour: createFakeRoom({ count: 3, video: false, speaking: 2 }) });
    await userEvent.click(await screen.findByRole('button', { name: 'Minimize call' }));
    const room = screen.getByRole('region', { name: 'Call' });
    expect(room).toHaveAttribute('data-minimized');
    expect(screen.queryByRole('group', { name: 'Call controls' })).not.toBeInTheDocument();
    const dock = room.querySelector('.str-call__dock') as HTMLElement;
    expect(within(dock).getByRole('group', { name: 'Carol Diaz' })).toBeInTheDocument();
    expect(within(dock).getByRole('button', { name: 'Microphone' })).toBeInTheDocument();
    await userEvent.click(within(dock).getByRole('button', { name: 'Expand call' }));
    expect(room).not.toHaveAttribute('data-minimized');
    expect(screen.getByRole('group', { name: 'Call controls' })).toBeInTheDocument();
  });

  it('reports minimise requests when controlled and follows the prop', async () => {
    const changes: boolean[] = [];
    const { harness, rerender } = await renderRoom(
      { behaviour: createFakeRoom({ video: false }) },
      { minimized: false, onMinimizedChange: (m: boolean) => changes.push(m) },
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Minimize call' }));
    expect(changes).toEqual([true]);
    expect(screen.getByRole('region', { name: 'Call' })).not.toHaveAttribute('data-minimized');
    rerender(
      <HarnessProvider harness={harness}>
        <CallRoom minimized />
      </HarnessProvider>,
    );
    expect(screen.getByRole('region', { name: 'Call' })).toHaveAttribute('data-minimized');
  });

  it('switches between grid and speaker layouts', async () => {
    await renderRoom({ behaviour: createFakeRoom({ count: 3, video: false }) });
    const speaker = await screen.findByRole('button', { name: 'Speaker' });
    const room = screen.getByRole('region', { name: 'Call' });
    expect(room.querySelector('.str-call__grid')).toBeInTheDocument();
    await userEvent.click(speaker);
    expect(speaker).toHaveAttribute('aria-pressed', 'true');
    expect(room.querySelector('.str-call__speaker')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Other participants' })).toBeInTheDocument();
  });

  it('makes no extra join under StrictMode', async () => {
    const { harness } = await renderRoom({ behaviour: createFakeRoom({ video: false }) }, {}, true);
    await screen.findByRole('group', { name: 'Call controls' });
    await new Promise((r) => setTimeout(r, 10));
    expect(harness.provider.joins).toBe(1);
    expect(sessionOf(harness).state.callingState).toBe('joined');
  });

  it('leaves when unmounted during the join', async () => {
    const { harness, unmount } = await renderRoom({ behaviour: 'pending' });
    await screen.findByText('Connecting to the call…');
    unmount();
    await waitFor(() => expect(sessionOf(harness).state.callingState).toBe('left'));
  });

  it('shows the pre-join view while starting and joins with the chosen media', async () => {
    const fake = createFakeRoom({ video: false });
    const { harness } = await renderRoom({ behaviour: fake, stage: 'starting' }, { preJoin: true });
    const prejoin = await screen.findByRole('region', { name: 'Get ready to join' });
    await userEvent.click(within(prejoin).getByRole('button', { name: 'Camera' }));
    await userEvent.click(within(prejoin).getByRole('button', { name: 'Join' }));
    await screen.findByRole('group', { name: 'Call controls' });
    expect(harness.provider.joins).toBe(1);
    expect(sessionOf(harness).state.callingState).toBe('joined');
    // Join went away with the pre-join view: the focus is the room's, not lost to the page.
    await waitFor(() => expect(screen.getByRole('region', { name: 'Call' })).toHaveFocus());
  });

  test.each([
    ['LocalCallRoom', LocalCallRoom, true],
    ['AgoraCallRoom', AgoraCallRoom, false],
  ])('%s renders only its own provider sessions', async (_, Component, shown) => {
    const harness = await createHarness({ behaviour: 'pending' });
    render(
      <HarnessProvider harness={harness}>
        <Component />
      </HarnessProvider>,
    );
    await waitFor(() => expect(document.querySelector('.str-chat')).toBeInTheDocument());
    // The provider rooms render the public CallRoom, whose UI loads with the first call.
    await import('../../../../src/react/room/CallRoom');
    if (shown) {
      expect(await screen.findByRole('region', { name: 'Call' })).toBeInTheDocument();
    } else {
      await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
      expect(screen.queryByRole('region', { name: 'Call' })).toBeNull();
    }
  });
});
