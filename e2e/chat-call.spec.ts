/**
 * The chat side of a call, two people in two browser contexts: Alice starts a video call in
 * General, Bob's window rings and shows the call card, Bob accepts, both cards show two people,
 * Alice ends it for everyone, both cards show "Ended" with a duration. And members who close
 * their tab mid-call drop out of the card a third member watches, the call ending with the last.
 */
import { expect, test } from '@playwright/test';
import { lastCallCard, newUserPage, openGeneral, shot, signIn, startCall } from './helpers';

test('a video call started in General rings the other member, fills the card, and ends for everyone with a duration', async ({
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
    await shot(alice.page, testInfo, 'alice-general');
    await shot(bob.page, testInfo, 'bob-general');

    await startCall(alice.page);

    const ring = bob.page.getByRole('alertdialog', { name: /Alice Andersen is calling/ });
    await expect(ring).toBeVisible();
    await expect(ring).toContainText(/video call/i);
    const bobCard = lastCallCard(bob.page);
    await expect(bobCard).toBeVisible();
    await expect(bobCard).toContainText('Started by Alice Andersen');
    // The message's text says "Video call" for the channel list; in the message list the card
    // says it, once.
    const bobMessage = bob.page.locator('.str-chat__message-bubble', { has: bobCard });
    await expect(bobMessage.locator('.str-chat__message-text')).toBeHidden();
    const preview = bob.page.locator('.str-chat__summarized-message-preview').first();
    await expect(preview).toContainText('Video call');
    await expect(preview).not.toContainText('Unsupported attachment');
    // No attachment icon before it (the kit's CallChannelListItem previews a call message by its
    // words).
    await expect(preview).not.toHaveClass(/--unsupported/);
    await expect(preview.locator('svg')).toHaveCount(0);
    await shot(bob.page, testInfo, 'bob-ringing');
    await shot(alice.page, testInfo, 'alice-calling');

    await ring.getByRole('button', { name: 'Accept' }).click();
    await expect(ring).toBeHidden();

    const aliceCard = lastCallCard(alice.page);
    await expect(bobCard).toContainText('2 in the call');
    await expect(aliceCard).toContainText('2 in the call');
    await expect(bobCard).toContainText('You are in this call');
    await shot(alice.page, testInfo, 'alice-two-in-call');
    await shot(bob.page, testInfo, 'bob-two-in-call');

    await alice.page.getByRole('button', { name: 'End call options' }).click();
    await alice.page.getByRole('button', { name: 'End for everyone' }).click();
    const confirm = alice.page.getByRole('alertdialog', { name: 'End the call for everyone?' });
    await confirm.getByRole('button', { name: 'End call' }).click();

    // "Ended · 3 s" (or "Ended · 1 min 2 s"): ended, with how long it lasted.
    const endedWithDuration = /Ended · \d+ (s|min \d+ s|h \d+ min)/;
    await expect(aliceCard).toContainText(endedWithDuration);
    await expect(bobCard).toContainText(endedWithDuration);
    await expect(alice.page.getByRole('region', { name: 'Call' })).toHaveCount(0);
    await expect(bob.page.getByRole('region', { name: 'Call' })).toHaveCount(0);
    await shot(alice.page, testInfo, 'alice-ended');
    await shot(bob.page, testInfo, 'bob-ended');
  } finally {
    await alice.context.close();
    await bob.context.close();
  }
});

test('closing the tab mid-call takes that member out of the call for everyone, and the call ends with the last one', async ({
  browser,
  baseURL,
}, testInfo) => {
  const alice = await newUserPage(browser, baseURL);
  const bob = await newUserPage(browser, baseURL);
  const carol = await newUserPage(browser, baseURL);
  try {
    for (const [user, page] of [
      ['alice', alice.page],
      ['bob', bob.page],
      ['carol', carol.page],
    ] as const) {
      await signIn(page, user);
      await openGeneral(page);
    }
    await startCall(alice.page);
    await bob.page
      .getByRole('alertdialog', { name: /Alice Andersen is calling/ })
      .getByRole('button', { name: 'Accept' })
      .click();
    // Carol stays out and watches the card.
    await carol.page
      .getByRole('alertdialog', { name: /Alice Andersen is calling/ })
      .getByRole('button', { name: 'Decline' })
      .click();
    const carolCard = lastCallCard(carol.page);
    await expect(carolCard).toContainText('2 in the call', { timeout: 15_000 });

    // Bob closes his tab without pressing Leave: the page tells the call service as it goes.
    await bob.page.close();
    await expect(carolCard).toContainText('1 in the call', { timeout: 10_000 });
    await shot(carol.page, testInfo, 'carol-sees-bob-gone');

    // Alice closes hers too: nobody is left, so the call has ended.
    await alice.page.close();
    await expect(carolCard).toContainText(/Ended · \d+ (s|min \d+ s)/, { timeout: 10_000 });
    await shot(carol.page, testInfo, 'carol-sees-call-ended');
  } finally {
    await alice.context.close();
    await bob.context.close();
    await carol.context.close();
  }
});
