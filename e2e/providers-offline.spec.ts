/**
 * Agora and 100ms, offline: the dev server holds fake (well-formed) credentials and a local 100ms
 * REST double creates the rooms, so CreateCall and GetCallToken really succeed; then the provider
 * SDK cannot reach its cloud. Joining must end in a clear failure with Retry within 15 s, and the
 * camera and microphone must be released.
 */
import { expect, test } from '@playwright/test';
import {
  lastCallCard,
  mediaCounts,
  newUserPage,
  openGeneral,
  shot,
  signIn,
  startCall,
} from './helpers';

// Agora opens the camera and microphone while it joins; 100ms only after its (unreachable) init
// endpoint answered, so it never opens them here.
const PROVIDERS = [
  { provider: 'agora', opensMediaWhileJoining: true },
  { provider: 'hms', opensMediaWhileJoining: false },
] as const;

for (const { provider, opensMediaWhileJoining } of PROVIDERS) {
  test(`joining a ${provider} call with the cloud unreachable fails with Retry within 15 s and releases the camera`, async ({
    browser,
    baseURL,
  }, testInfo) => {
    const alice = await newUserPage(browser, baseURL);
    try {
      await signIn(alice.page, 'alice', `&provider=${provider}`);
      await openGeneral(alice.page);
      await shot(alice.page, testInfo, 'general');

      const started = Date.now();
      await startCall(alice.page);
      // CreateCall succeeded: the call is posted in the channel.
      await expect(lastCallCard(alice.page)).toBeVisible();
      await shot(alice.page, testInfo, 'joining');

      const room = alice.page.getByRole('region', { name: 'Call' });
      if (opensMediaWhileJoining) {
        // The camera starts on the click (prepare): the user sees themselves while the SDK
        // tries to reach its cloud.
        await expect(room).toHaveAttribute('data-state', 'joining');
        await expect(room).toContainText('Connecting to the call…');
        const self = room.getByRole('group', { name: /\(you\)$/ }).locator('video');
        await expect
          .poll(() => self.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 10_000 })
          .toBeGreaterThan(2);
        await shot(alice.page, testInfo, 'joining-with-camera');
      }
      await expect(room).toHaveAttribute('data-state', 'failed', { timeout: 15_000 });
      expect(Date.now() - started).toBeLessThan(15_000);
      await expect(room).toContainText('The call failed');
      await expect(room.getByRole('button', { name: 'Retry' })).toBeVisible();
      await shot(alice.page, testInfo, 'failed-with-retry');

      await expect
        .poll(async () => (await mediaCounts(alice.page)).liveTracks, { timeout: 5_000 })
        .toBe(0);
      const { capturedTracks } = await mediaCounts(alice.page);
      if (opensMediaWhileJoining) expect(capturedTracks).toBeGreaterThanOrEqual(2);
      testInfo.annotations.push({
        type: 'media',
        description: `${capturedTracks} camera/microphone tracks were opened, all ended`,
      });

      // Retry goes through the whole join again and fails the same clear way.
      const retried = Date.now();
      await room.getByRole('button', { name: 'Retry' }).click();
      await expect(room).not.toHaveAttribute('data-state', 'failed');
      await expect(room).toHaveAttribute('data-state', 'failed', { timeout: 15_000 });
      expect(Date.now() - retried).toBeLessThan(15_000);
      await expect
        .poll(async () => (await mediaCounts(alice.page)).liveTracks, { timeout: 5_000 })
        .toBe(0);
      await shot(alice.page, testInfo, 'failed-again-after-retry');

      // Close the failed call: nothing is left on screen or on the camera.
      await room.getByRole('button', { name: 'Close' }).click();
      await expect(room).toHaveCount(0);
      expect((await mediaCounts(alice.page)).liveTracks).toBe(0);
      await shot(alice.page, testInfo, 'closed');
    } finally {
      await alice.context.close();
    }
  });
}
