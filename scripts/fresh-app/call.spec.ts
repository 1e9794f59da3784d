/**
 * The fresh app (the README's component, built by Vite from the packed packages) in a real
 * two-user call over the local provider: Alice starts a video call in General, Bob's page rings,
 * Bob accepts, each sees the other's camera, the room covers the page, both leave, and neither
 * page keeps a live track or an open peer connection.
 */
import { type Browser, expect, type Page, test } from '@playwright/test';
import { mediaCounts, mediaLeakProbe } from '../../e2e/helpers';

const VIEWPORT = { width: 1280, height: 800 };

async function openAs(browser: Browser, user: string) {
  const context = await browser.newContext({
    permissions: ['camera', 'microphone'],
    viewport: VIEWPORT,
  });
  await context.addInitScript(mediaLeakProbe);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/?user=${user}`);
  await page
    .locator('.str-chat__channel-list-item', { hasText: /general/i })
    .first()
    .click({ timeout: 20_000 });
  await expect(page.locator('.str-chat__message-list')).toBeVisible();
  return { context, page, errors };
}

/** Width of the first remote camera video that really plays frames (0 if none). */
function remoteVideoWidth(page: Page): Promise<number> {
  return page
    .locator('.str-call__tile:not([data-local])[data-source="camera"] video')
    .first()
    .evaluate((v: HTMLVideoElement) => (v.readyState >= 2 ? v.videoWidth : 0))
    .catch(() => 0);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), animations: 'disabled' });
}

test('two users call each other in the fresh app and leave with nothing left running', async ({
  browser,
}) => {
  const alice = await openAs(browser, 'alice');
  const bob = await openAs(browser, 'bob');
  try {
    await test.step('Alice starts a video call; Bob is rung and accepts', async () => {
      await alice.page.getByRole('button', { name: 'Start video call' }).click();
      const ring = bob.page.getByRole('alertdialog', { name: /is calling/ });
      await expect(ring).toBeVisible();
      await shot(bob.page, 'bob-ringing');
      await ring.getByRole('button', { name: 'Accept' }).click();
      await expect(ring).toBeHidden();
    });

    const rooms = [alice, bob].map((u) => u.page.getByRole('region', { name: 'Call' }));
    await test.step('both are in the call and see each other’s camera', async () => {
      for (const room of rooms) {
        await expect(room).toHaveAttribute('data-state', 'joined', { timeout: 20_000 });
      }
      for (const { page } of [alice, bob]) {
        await expect.poll(() => remoteVideoWidth(page), { timeout: 20_000 }).toBeGreaterThan(2);
      }
      await shot(alice.page, 'alice-in-call');
      await shot(bob.page, 'bob-in-call');
    });

    // Soft: when it fails, the leave and the leak checks still run and report.
    await test.step('the room covers the page', async () => {
      for (const room of rooms) {
        const box = await room.boundingBox();
        expect(box, 'the room has a box').not.toBeNull();
        expect
          .soft({
            x: Math.round(box?.x ?? -1),
            y: Math.round(box?.y ?? -1),
            width: Math.round(box?.width ?? 0),
            height: Math.round(box?.height ?? 0),
          })
          .toEqual({ x: 0, y: 0, ...VIEWPORT });
      }
    });

    await test.step('both leave and nothing keeps running', async () => {
      for (const room of rooms) {
        await room.getByRole('button', { name: 'Leave' }).click();
        await expect(room).toHaveCount(0);
      }
      for (const { page } of [alice, bob]) {
        await expect
          .poll(() => mediaCounts(page), { timeout: 10_000 })
          .toMatchObject({ liveTracks: 0, openPeers: 0 });
        // The probe saw real media (so zero means released, not never had).
        expect((await mediaCounts(page)).capturedTracks).toBeGreaterThanOrEqual(3);
      }
      expect([...alice.errors, ...bob.errors], 'uncaught errors in the pages').toEqual([]);
    });
  } finally {
    await alice.context.close();
    await bob.context.close();
  }
});
