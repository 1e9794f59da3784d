/**
 * The whole room in real Chromium: two users' CallRooms (StrictMode) in one page, each with its own
 * real stream-chat client, CallController and `local` provider, through the REAL dev server.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { installLeakProbe } from './leak-probe';
import { frames, roomUser, startCall } from './room-users';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  cleanup();
  for (const c of cleanups.splice(0).reverse()) await c();
});

/**
 * Alice starts a call; Bob (StrictMode room) joins it while the call service holds his token
 * back until `answer()`.
 */
async function bobJoiningSlowly() {
  const probe = installLeakProbe();
  cleanups.push(async () => probe.restore());
  let answer!: () => void;
  const slowToken = new Promise<void>((resolve) => {
    answer = resolve;
  });
  const alice = await roomUser('alice', cleanups);
  const bob = await roomUser('bob', cleanups, { slowToken });
  render(<StrictMode>{bob.ui}</StrictMode>);
  await bob.controller.join(await startCall(alice, { join: false }));
  return { probe, bob, answer, room: within(screen.getByTestId('room-bob')) };
}

describe('CallRoom over the local provider', () => {
  it('two users see and hear each other, mute is shown, and leaving releases everything', async () => {
    const probe = installLeakProbe();
    cleanups.push(async () => probe.restore());
    const alice = await roomUser('alice', cleanups);
    const bob = await roomUser('bob', cleanups);
    render(
      <StrictMode>
        {alice.ui}
        {bob.ui}
      </StrictMode>,
    );
    await bob.controller.join(await startCall(alice));

    const aliceRoom = within(screen.getByTestId('room-alice'));
    const bobRoom = within(screen.getByTestId('room-bob'));
    // Each side shows the other's camera, with real frames.
    const bobAtAlice = await aliceRoom.findByRole('group', { name: /^Bob/ }, { timeout: 10_000 });
    const aliceAtBob = await bobRoom.findByRole(
      'group',
      { name: /^Alice(?!.*\(you\))/ },
      { timeout: 10_000 },
    );
    await waitFor(() => expect(bobAtAlice).toHaveAttribute('data-video'), { timeout: 10_000 });
    await waitFor(() => expect(aliceAtBob).toHaveAttribute('data-video'), { timeout: 10_000 });
    expect(await frames(bobAtAlice.querySelector('video')!)).toBeGreaterThan(2);
    expect(await frames(aliceAtBob.querySelector('video')!)).toBeGreaterThan(2);
    // Remote audio plays through the room's hidden audio element.
    const audio = screen.getByTestId('room-alice').querySelector('audio')!;
    await waitFor(() => expect(audio.srcObject).toBeInstanceOf(MediaStream));

    await userEvent.click(aliceRoom.getByRole('button', { name: 'Microphone' }));
    // Through the signaling server to the other page: allow for a loaded CI machine.
    await waitFor(() => expect(aliceAtBob).toHaveAttribute('data-muted'), { timeout: 5_000 });
    expect(aliceRoom.getByRole('button', { name: 'Microphone' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );

    await userEvent.click(bobRoom.getByRole('button', { name: 'Leave' }));
    await waitFor(() => expect(aliceRoom.queryByRole('group', { name: /^Bob/ })).toBeNull());
    await userEvent.click(aliceRoom.getByRole('button', { name: 'Leave' }));
    await waitFor(() => expect(screen.queryAllByRole('region', { name: 'Call' })).toHaveLength(0));
    for (const c of [alice, bob]) expect(c.controller.session?.state.callingState).toBe('left');
    await waitFor(() => {
      expect(probe.openPeerConnections()).toBe(0);
      expect(probe.liveTracks()).toBe(0);
    });
    // StrictMode made no extra connection: one per direction of the one pair.
    expect(probe.peerConnections()).toBe(2);
  });

  it('shows the camera while connecting, and the same <video> plays on in the room', async () => {
    const { probe, bob, room, answer } = await bobJoiningSlowly();
    await room.findByText('Connecting to the call…');
    const tile = await room.findByRole('group', { name: /\(you\)$/ });
    const video = tile.querySelector('video')!;
    // The camera plays before the call service has even answered.
    expect(await frames(video)).toBeGreaterThan(2);

    answer();
    await waitFor(() => expect(bob.controller.session?.state.callingState).toBe('joined'), {
      timeout: 10_000,
    });
    await room.findByRole('group', { name: 'Call controls' });
    expect(room.getByRole('group', { name: /\(you\)$/ })).toBe(tile);
    expect(tile.querySelector('video')).toBe(video);
    expect(await frames(video)).toBeGreaterThan(2);

    await userEvent.click(room.getByRole('button', { name: 'Leave' }));
    await waitFor(() => expect(probe.liveTracks()).toBe(0));
  });

  it('Cancel while connecting releases the camera and joins nothing', async () => {
    const { probe, bob, room, answer } = await bobJoiningSlowly();
    const tile = await room.findByRole('group', { name: /\(you\)$/ });
    expect(await frames(tile.querySelector('video')!)).toBeGreaterThan(2);

    await userEvent.click(room.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(room.queryByRole('region', { name: 'Call' })).toBeNull());
    expect(bob.controller.session?.state.callingState).toBe('left');
    await waitFor(() => expect(probe.liveTracks()).toBe(0));
    answer();
    await new Promise((r) => setTimeout(r, 300));
    expect(probe.peerConnections()).toBe(0);
    expect(probe.liveTracks()).toBe(0);
  });
});
