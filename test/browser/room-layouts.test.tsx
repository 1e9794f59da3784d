/**
 * The room's layouts with real media in real Chromium: two users' CallRooms in one page, each
 * with its own real stream-chat client, CallController and `local` provider (WebRTC between them
 * through the REAL dev server's signaling).
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { CallType } from '../../src/core/types';
import 'stream-chat-react/dist/css/index.css';
import '../../src/react/styles/index.css';
import { installLeakProbe } from './leak-probe';
import { frames, roomUser, startCall } from './room-users';

const cleanups: (() => Promise<unknown>)[] = [];
beforeEach(async () => {
  localStorage.removeItem('str-call:self-view-corner');
  // Both rooms on screen at once, so pointer drags land where a person would put them.
  await page.viewport(960, 1180);
});
afterEach(async () => {
  cleanup();
  for (const c of cleanups.splice(0).reverse()) await c();
  localStorage.removeItem('str-call:self-view-corner');
});

/** Alice starts a call of `type` and joins it; Bob joins once `bobJoins()` is called. */
async function aliceCallsBob(type: CallType) {
  const probe = installLeakProbe();
  cleanups.push(async () => probe.restore());
  const box = { width: 900, height: 560, position: 'relative' } as const;
  const alice = await roomUser('alice', cleanups, { boxStyle: box });
  const bob = await roomUser('bob', cleanups, { boxStyle: box });
  render(
    <StrictMode>
      {alice.ui}
      {bob.ui}
    </StrictMode>,
  );
  const call = await startCall(alice, { type });
  return {
    probe,
    alice,
    bob,
    bobJoins: () => bob.controller.join(call),
  };
}

/** The stage of `user`'s room (DefaultCallLayout's root). */
const stageOf = (user: string): HTMLElement | null =>
  screen.getByTestId(`room-${user}`).querySelector('div[data-layout]');

describe('room layouts over the local provider', () => {
  it('alone, then one-on-one: the other person large, the same self-view playing in a corner the user drags', async () => {
    const { probe, alice, bobJoins } = await aliceCallsBob('video');
    const room = alice.room();
    await room.findByText('Waiting for others to join…', {}, { timeout: 10_000 });
    expect(stageOf('alice')).toHaveAttribute('data-layout', 'waiting');
    const mine = room.getByRole('group', { name: /\(you\)$/ });
    const myVideo = mine.querySelector('video')!;
    expect(await frames(myVideo)).toBeGreaterThan(2);

    await bobJoins();
    await waitFor(() => expect(stageOf('alice')).toHaveAttribute('data-layout', 'one-on-one'), {
      timeout: 10_000,
    });
    expect(room.queryByText('Waiting for others to join…')).toBeNull();
    // Bob fills the stage with real frames.
    const main = room.getByRole('region', { name: 'Call' }).querySelector('.str-call__main')!;
    const bobTile = within(main as HTMLElement).getByRole('group', { name: /^Bob/ });
    await waitFor(() => expect(bobTile).toHaveAttribute('data-video'), { timeout: 10_000 });
    expect(await frames(bobTile.querySelector('video')!)).toBeGreaterThan(2);
    expect(bobTile.getBoundingClientRect().width).toBeGreaterThan(800);
    // Alice's own tile is now the small corner view: the same element, the same <video>, playing.
    const pip = room.getByRole('group', { name: 'Your video' });
    expect(pip).toContainElement(mine);
    expect(mine.querySelector('video')).toBe(myVideo);
    expect(await frames(myVideo)).toBeGreaterThan(2);
    expect(pip).toHaveAttribute('data-corner', 'bottom-right');
    const small = pip.getBoundingClientRect();
    expect(small.width).toBeLessThan(300);

    // A real pointer drag towards the top left corner: it settles there and is remembered.
    await userEvent.dragAndDrop(pip, bobTile, { targetPosition: { x: 40, y: 40 } });
    await waitFor(() => expect(pip).toHaveAttribute('data-corner', 'top-left'));
    await waitFor(() => {
      const moved = pip.getBoundingClientRect();
      const stage = main.getBoundingClientRect();
      expect(moved.left - stage.left).toBeLessThan(20);
      expect(moved.top - stage.top).toBeLessThan(20);
    });
    expect(localStorage.getItem('str-call:self-view-corner')).toBe('top-left');

    await userEvent.click(room.getByRole('button', { name: 'Leave' }));
    await waitFor(() => expect(room.queryByRole('region', { name: 'Call' })).toBeNull());
    expect(probe.liveTracks()).toBeGreaterThan(0); // Bob is still in the call.
  });

  it('an audio call shows avatars and names, never a video element', async () => {
    const { alice, bob, bobJoins } = await aliceCallsBob('audio');
    await bobJoins();
    const room = alice.room();
    await waitFor(() => expect(stageOf('alice')).toHaveAttribute('data-layout', 'audio'), {
      timeout: 10_000,
    });
    const people = room.getByRole('list', { name: 'Participants' });
    await waitFor(() => expect(within(people).getAllByRole('listitem')).toHaveLength(2), {
      timeout: 10_000,
    });
    // Bob first, Alice last, each named (the avatar's initials are hidden from the name).
    const [first, last] = within(people).getAllByRole('listitem');
    expect(within(first!).getByRole('group')).toHaveAccessibleName('Bob Brown');
    expect(within(last!).getByRole('group')).toHaveAccessibleName('Alice Andersen (you)');
    expect(screen.getByTestId('room-alice').querySelector('video')).toBeNull();
    const avatar = people.querySelector('.str-call__avatar')!.getBoundingClientRect();
    expect(avatar.width).toBeGreaterThanOrEqual(96);
    // Bob's own room may still be connecting on a loaded machine (Alice already sees him).
    await userEvent.click(
      await bob.room().findByRole('button', { name: 'Leave' }, { timeout: 10_000 }),
    );
    await room.findByText('Waiting for others to join…', {}, { timeout: 10_000 });
  });
});
