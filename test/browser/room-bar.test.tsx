/**
 * The room's header on a phone in real Chromium, with the kit's and stream-chat-react's real style
 * sheets (its container query): 25 people, a group video call, the call's chat on offer. The room
 * is a real CallController/CallSession with a fake provider room (no SDK, no network).
 */
import 'stream-chat-react/dist/css/index.css';
import '../../src/react/styles/index.css';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { CallRoom } from '../../src/react/room';
import { createFakeRoom, createHarness, HarnessProvider } from '../../stories/room/fixtures';

afterEach(() => cleanup());

async function renderRoom(width: number) {
  await page.viewport(width, 800);
  const harness = await createHarness({
    creator: true,
    behaviour: createFakeRoom({ count: 25, speaking: 2 }),
  });
  render(
    <HarnessProvider harness={harness} width={width} height={800}>
      <CallRoom inline />
    </HarnessProvider>,
  );
  const room = await screen.findByRole('region', { name: 'Call' });
  await within(room).findByRole('group', { name: 'Call controls' });
  const bar = room.querySelector('header') as HTMLElement;
  return { room, bar };
}

/** Every visible button of `el` lies within the viewport's width (nothing clipped). */
function expectNothingClipped(el: HTMLElement, width: number) {
  const buttons = [...el.querySelectorAll('button')].filter((b) => b.checkVisibility());
  expect(buttons.length).toBeGreaterThan(0);
  for (const b of buttons) {
    const r = b.getBoundingClientRect();
    expect(r.left, b.textContent ?? '').toBeGreaterThanOrEqual(0);
    expect(r.right, b.textContent ?? '').toBeLessThanOrEqual(width);
  }
}

/** The header's title, time, count and buttons share one row. */
function expectOneLine(bar: HTMLElement) {
  const count = within(bar).getByRole('button', { name: 'Participants 25' });
  const row = count.getBoundingClientRect();
  const parts = [
    within(bar).getByRole('heading'),
    within(bar).getByRole('timer'),
    ...[...bar.querySelectorAll('button')].filter((b) => b.checkVisibility()),
  ];
  for (const part of parts) {
    const r = part.getBoundingClientRect();
    // Its vertical middle lies within the count button's row.
    expect((r.top + r.bottom) / 2).toBeGreaterThan(row.top);
    expect((r.top + r.bottom) / 2).toBeLessThan(row.bottom);
  }
}

describe('the room bar', () => {
  it('closes a menu on Escape and gives focus back to its button, whose tooltip opens, and the room stays', async () => {
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.error ?? e.message);
    window.addEventListener('error', onError);
    try {
      const { room, bar } = await renderRoom(390);
      const more = within(bar).getByRole('button', { name: 'More options' });
      more.focus();
      await userEvent.keyboard('{Enter}');
      const menu = await screen.findByRole('dialog', { name: 'More options' });
      await waitFor(() => expect(menu).toBeVisible());
      // Escape closes the menu; focus goes back to More, whose tooltip opens while the menu hides.
      await userEvent.keyboard('{Escape}');
      await waitFor(() => expect(menu).not.toBeVisible());
      expect(more).toHaveFocus();
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
      expect(errors).toEqual([]);
      expect(room).toBeInTheDocument();
      expect(screen.getByRole('region', { name: 'Call' })).toBe(room);
    } finally {
      window.removeEventListener('error', onError);
    }
  });

  it('keeps title, time and count on one line at 390 px; layout, chat and minimise move to More', async () => {
    const { room, bar } = await renderRoom(390);
    expectOneLine(bar);
    expect(within(bar).queryByRole('button', { name: 'Chat' })).toBeNull();
    expect(within(bar).queryByRole('button', { name: 'Minimize call' })).toBeNull();
    expect(within(bar).queryByRole('group', { name: 'Layout' })).toBeNull();

    await userEvent.click(within(bar).getByRole('button', { name: 'More options' }));
    const menu = await screen.findByRole('dialog', { name: 'More options' });
    expectNothingClipped(menu, 390);
    await userEvent.click(within(menu).getByRole('button', { name: 'Speaker' }));
    await waitFor(() => expect(room).toHaveAttribute('data-layout', 'speaker'));
    expect(menu).not.toBeVisible();
    // Focus is back on More.
    expect(within(bar).getByRole('button', { name: 'More options' })).toHaveFocus();

    await userEvent.click(within(bar).getByRole('button', { name: 'More options' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Chat' }));
    await within(room).findByRole('complementary', { name: 'Chat' });

    await userEvent.click(within(bar).getByRole('button', { name: 'More options' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Minimize call' }));
    await screen.findByRole('region', { name: 'Minimized call' });
  });

  it('clips no control of the room at 360 px', async () => {
    const { room, bar } = await renderRoom(360);
    expectOneLine(bar);
    expectNothingClipped(room, 360);
  });

  it('shows every action in the bar, and no More, on a wide screen', async () => {
    const { bar } = await renderRoom(1280);
    expectOneLine(bar);
    expect(within(bar).queryByRole('button', { name: 'More options' })).toBeNull();
    for (const name of ['Grid', 'Speaker', 'Chat', 'Minimize call']) {
      expect(within(bar).getByRole('button', { name })).toBeVisible();
    }
  });
});
