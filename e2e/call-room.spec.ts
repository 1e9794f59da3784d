/**
 * A real call over the local provider (WebRTC between the two pages through the dev server's
 * signaling): both see each other's video, Bob's mute reaches Alice, Bob leaves, Alice ends it for
 * everyone, and afterwards neither page holds a live camera/microphone/remote track or an open
 * peer connection.
 */
import { expect, type Page, test } from '@playwright/test';
import {
  lastCallCard,
  mediaCounts,
  newUserPage,
  openGeneral,
  shot,
  signIn,
  startCall,
} from './helpers';

/** Width of the first remote camera video that is really playing frames (0 if none). */
function remoteVideoWidth(page: Page): Promise<number> {
  return page
    .locator('.str-call__tile:not([data-local])[data-source="camera"] video')
    .first()
    .evaluate((v: HTMLVideoElement) => (v.readyState >= 2 ? v.videoWidth : 0))
    .catch(() => 0);
}

test('two people in a local call see each other, see a mute, and release every track when it ends', async ({
  browser,
  baseURL,
}, testInfo) => {
  const alice = await newUserPage(browser, baseURL);
  const bob = await newUserPage(browser, baseURL);
  try {
    await signIn(alice.page, 'alice');
    await signIn(bob.page, 'bob');
    await openGeneral(alice.page);
    await openGeneral(bob.page);

    await startCall(alice.page);
    const aliceRoom = alice.page.getByRole('region', { name: 'Call' });
    await expect(aliceRoom).toHaveAttribute('data-state', 'joined', { timeout: 15_000 });
    await shot(alice.page, testInfo, 'alice-in-room-alone');

    const ring = bob.page.getByRole('alertdialog', { name: /Alice Andersen is calling/ });
    await ring.getByRole('button', { name: 'Accept' }).click();
    const bobRoom = bob.page.getByRole('region', { name: 'Call' });
    await expect(bobRoom).toHaveAttribute('data-state', 'joined', { timeout: 15_000 });

    // Real frames both ways (a dead connection can show a 2×2 placeholder: check the size).
    await expect.poll(() => remoteVideoWidth(alice.page), { timeout: 15_000 }).toBeGreaterThan(2);
    await expect.poll(() => remoteVideoWidth(bob.page), { timeout: 15_000 }).toBeGreaterThan(2);
    await expect(aliceRoom.getByRole('group', { name: 'Bob Brown' })).toBeVisible();
    await expect(bobRoom.getByRole('group', { name: 'Alice Andersen' })).toBeVisible();
    await shot(alice.page, testInfo, 'alice-sees-bob');
    await shot(bob.page, testInfo, 'bob-sees-alice');

    // Bob mutes: his toggle says so, and Alice's tile for Bob shows the muted microphone.
    const bobMic = bobRoom
      .getByRole('group', { name: 'Call controls' })
      .getByRole('button', { name: 'Microphone' });
    await expect(bobMic).toHaveAttribute('aria-pressed', 'true');
    await bobMic.click();
    await expect(bobMic).toHaveAttribute('aria-pressed', 'false');
    await expect(
      aliceRoom
        .getByRole('group', { name: 'Bob Brown' })
        .getByRole('img', { name: 'Microphone off' }),
    ).toBeVisible();
    await shot(alice.page, testInfo, 'alice-sees-bob-muted');
    await shot(bob.page, testInfo, 'bob-muted');

    // Bob leaves: his room closes and his camera and microphone are released.
    await bobRoom.getByRole('button', { name: 'Leave' }).click();
    await expect(bobRoom).toHaveCount(0);
    await expect(aliceRoom.getByRole('group', { name: 'Bob Brown' })).toHaveCount(0, {
      timeout: 10_000,
    });
    await expect.poll(async () => (await mediaCounts(bob.page)).liveTracks).toBe(0);
    await shot(alice.page, testInfo, 'alice-after-bob-left');
    await shot(bob.page, testInfo, 'bob-left');

    await aliceRoom.getByRole('button', { name: 'End call options' }).click();
    await aliceRoom.getByRole('button', { name: 'End for everyone' }).click();
    await alice.page
      .getByRole('alertdialog', { name: 'End the call for everyone?' })
      .getByRole('button', { name: 'End call' })
      .click();
    await expect(aliceRoom).toHaveCount(0);
    await expect(lastCallCard(alice.page)).toContainText(/Ended · /);
    await expect(lastCallCard(bob.page)).toContainText(/Ended · /);

    for (const page of [alice.page, bob.page]) {
      await expect
        .poll(() => mediaCounts(page), { timeout: 5_000 })
        .toMatchObject({ liveTracks: 0, openPeers: 0 });
    }
    // The probe saw real media on both pages (so the zero above means "released", not "never had").
    expect((await mediaCounts(alice.page)).capturedTracks).toBeGreaterThanOrEqual(3);
    expect((await mediaCounts(bob.page)).capturedTracks).toBeGreaterThanOrEqual(3);
    await shot(alice.page, testInfo, 'alice-ended');
    await shot(bob.page, testInfo, 'bob-ended');
  } finally {
    await alice.context.close();
    await bob.context.close();
  }
});
