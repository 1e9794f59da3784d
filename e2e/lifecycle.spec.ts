/**
 * A call's whole life on the demo, with two and three real users (issue 12): no answer, a
 * decline seen by the caller, call waiting with "End and accept", the switch question keeping the
 * first call until confirmed, and keyboard only from the ring to hang-up.
 */
import { type Browser, expect, type Page, test } from '@playwright/test';
import { DEV_SERVER_URL } from './env';
import { lastCallCard, newUserPage, shot, signIn } from './helpers';

const NAMES = { alice: 'Alice Andersen', bob: 'Bob Brown', carol: 'Carol Clark' } as const;
type User = keyof typeof NAMES;
/** The demo's `?ringTimeout=` for these tests: short, so no answer comes quickly. */
const RING_TIMEOUT_MS = 5_000;

/** Opens the direct-message channel with `other` (listed under the other member's name). */
async function openDirect(page: Page, other: User): Promise<void> {
  // On a phone the channel list is a drawer.
  const drawer = page.getByRole('button', { name: 'Show channels' });
  if (await drawer.isVisible()) await drawer.click();
  // The option named after the member (not a group whose last message is theirs).
  await page.getByRole('option', { name: new RegExp(`^${NAMES[other]}\\.`) }).click();
  await expect(page.locator('.str-chat__message-list')).toBeVisible();
}

/** Signed-in users; `phone` users get a 390 px wide viewport and the dark theme. */
async function people(
  browser: Browser,
  baseURL: string | undefined,
  users: User[],
  phone: User[] = [],
) {
  const out = {} as Record<User, Awaited<ReturnType<typeof newUserPage>>>;
  for (const user of users) {
    out[user] = await newUserPage(browser, baseURL);
    const small = phone.includes(user);
    if (small) await out[user].page.setViewportSize({ width: 390, height: 844 });
    await signIn(
      out[user].page,
      user,
      `&ringTimeout=${RING_TIMEOUT_MS}${small ? '&theme=dark' : ''}`,
    );
  }
  return {
    ...out,
    close: async () => {
      for (const user of users) await out[user].context.close();
    },
  };
}

/** The call service's own record of a call (as the user sees it through the API). */
async function serviceState(user: User, callId: string) {
  const { token } = (await (await fetch(`${DEV_SERVER_URL}/dev/token?user_id=${user}`)).json()) as {
    token: string;
  };
  const res = await fetch(`${DEV_SERVER_URL}/calls/${callId}?api_key=dev`, {
    headers: { Authorization: token, 'stream-auth-type': 'jwt' },
  });
  return (await res.json()) as { state: string; ended_reason?: string };
}

/** Start, then Join in the room's pre-join preview (the demo shows it first): the ring goes out. */
async function startCall(page: Page, type: 'audio' | 'video'): Promise<number> {
  await page.getByRole('button', { name: `Start ${type} call` }).click();
  const join = page.getByRole('region', { name: 'Call' }).getByRole('button', { name: 'Join' });
  await join.click();
  return Date.now();
}

type Box = { x: number; y: number; width: number; height: number } | null;
const overlaps = (a: Box, b: Box) =>
  Boolean(
    a &&
      b &&
      a.x < b.x + b.width &&
      b.x < a.x + a.width &&
      a.y < b.y + b.height &&
      b.y < a.y + a.height,
  );

const ringFrom = (page: Page, caller: User) =>
  page.getByRole('alertdialog', { name: `${NAMES[caller]} is calling` });

test('nobody answers: the caller sees No answer within the ring timeout, the call ends, the callee missed it', async ({
  browser,
  baseURL,
}, testInfo) => {
  const { alice, bob, close } = await people(browser, baseURL, ['alice', 'bob']);
  try {
    await openDirect(alice.page, 'bob');
    await openDirect(bob.page, 'alice');
    const started = await startCall(alice.page, 'video');
    const calling = alice.page.getByRole('group', { name: `Calling ${NAMES.bob}…` });
    await expect(calling).toBeVisible();
    await expect(calling.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await expect(ringFrom(bob.page, 'alice')).toBeVisible();
    await shot(alice.page, testInfo, 'alice-calling');

    const card = lastCallCard(alice.page);
    const deadline = started + RING_TIMEOUT_MS + 2_000;
    const noAnswer = alice.page.getByRole('group', { name: 'No answer' });
    await expect(noAnswer).toBeVisible({ timeout: deadline - Date.now() });
    await expect(card).toContainText('No answer', { timeout: Math.max(1, deadline - Date.now()) });
    await expect(card).not.toContainText('Ongoing');
    expect(Date.now()).toBeLessThanOrEqual(deadline);
    await expect(noAnswer.getByRole('button', { name: 'Call again' })).toBeFocused();
    await shot(alice.page, testInfo, 'alice-no-answer');

    const callId = await card.getAttribute('data-call-id');
    expect(await serviceState('alice', callId!)).toMatchObject({
      state: 'ended',
      ended_reason: 'no-answer',
    });

    // The callee: the ring stopped at the same moment, a missed-call notice, the card says so.
    await expect(ringFrom(bob.page, 'alice')).toBeHidden();
    const notice = bob.page
      .getByRole('status')
      .filter({ hasText: `Missed call from ${NAMES.alice}` });
    await expect(notice).toBeVisible();
    await expect(lastCallCard(bob.page)).toContainText('Missed call');
    await shot(bob.page, testInfo, 'bob-missed');
    // The notice covers none of the app's own controls: the composer, the toolbar, the channel list.
    const noticeBox = await notice.boundingBox();
    for (const control of [
      bob.page.getByRole('textbox', { name: 'Send a message' }),
      bob.page.getByRole('button', { name: 'Dark theme' }),
      bob.page.getByRole('listbox', { name: 'Channel list' }),
      bob.page.getByRole('button', { name: 'Start video call' }),
    ]) {
      expect(overlaps(noticeBox, await control.boundingBox())).toBe(false);
    }
    // It never blocks them either, and Escape dismisses it.
    await bob.page.getByRole('button', { name: 'Dark theme' }).click();
    await expect(bob.page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await shot(bob.page, testInfo, 'bob-missed-dark');
    await bob.page.keyboard.press('Escape');
    await expect(notice).toBeHidden();

    // Close, and the caller is back in the chat.
    await noAnswer.getByRole('button', { name: 'Close' }).click();
    await expect(alice.page.getByRole('region', { name: 'Call' })).toHaveCount(0);
  } finally {
    await close();
  }
});

test('a decline reaches the caller: "Bob declined", and both cards say Declined', async ({
  browser,
  baseURL,
}, testInfo) => {
  const { alice, bob, close } = await people(browser, baseURL, ['alice', 'bob'], ['alice', 'bob']);
  try {
    await openDirect(alice.page, 'bob');
    await openDirect(bob.page, 'alice');
    await startCall(alice.page, 'audio');
    await expect(alice.page.getByRole('group', { name: `Calling ${NAMES.bob}…` })).toBeVisible();
    await expect(ringFrom(bob.page, 'alice')).toBeVisible();
    await shot(alice.page, testInfo, 'alice-calling-phone-dark');
    await shot(bob.page, testInfo, 'bob-ringing-phone-dark');
    await ringFrom(bob.page, 'alice').getByRole('button', { name: 'Decline' }).click();
    const declined = alice.page.getByRole('group', { name: `${NAMES.bob} declined` });
    await expect(declined).toBeVisible();
    await shot(alice.page, testInfo, 'alice-declined');
    await expect(lastCallCard(alice.page)).toContainText('Declined');
    await expect(lastCallCard(bob.page)).toContainText('Declined');
    const callId = await lastCallCard(alice.page).getAttribute('data-call-id');
    expect(await serviceState('bob', callId!)).toMatchObject({
      state: 'ended',
      ended_reason: 'declined',
    });
    // Call again starts it anew (the demo's pre-join preview first), and rings Bob again.
    await declined.getByRole('button', { name: 'Call again' }).click();
    await alice.page
      .getByRole('region', { name: 'Call' })
      .getByRole('button', { name: 'Join' })
      .click();
    await expect(ringFrom(bob.page, 'alice')).toBeVisible();
    await alice.page.getByRole('button', { name: 'Cancel' }).click();
    await expect(ringFrom(bob.page, 'alice')).toBeHidden();
  } finally {
    await close();
  }
});

test('a second call while in one rings as call waiting; "End and accept" moves the callee over', async ({
  browser,
  baseURL,
}, testInfo) => {
  const { alice, bob, carol, close } = await people(
    browser,
    baseURL,
    ['alice', 'bob', 'carol'],
    ['bob'],
  );
  try {
    await openDirect(alice.page, 'bob');
    await openDirect(bob.page, 'alice');
    await openDirect(carol.page, 'bob');
    await startCall(alice.page, 'video');
    await ringFrom(bob.page, 'alice').getByRole('button', { name: 'Accept' }).click();
    const aliceCard = lastCallCard(alice.page);
    await expect(aliceCard).toContainText('2 in the call');

    await startCall(carol.page, 'audio');
    const waiting = ringFrom(bob.page, 'carol');
    await expect(waiting).toBeVisible();
    await expect(waiting).toHaveAttribute('data-state', 'waiting');
    await expect(waiting).toContainText('Accepting ends your current call');
    await shot(bob.page, testInfo, 'bob-call-waiting');
    await waiting.getByRole('button', { name: 'End and accept' }).click();

    // Bob left Alice's call (she stays, alone) and is in Carol's.
    await expect(aliceCard).toContainText('1 in the call');
    const carolCard = lastCallCard(carol.page);
    await expect(carolCard).toContainText('2 in the call');
    await expect(carol.page.getByRole('group', { name: /Calling/ })).toHaveCount(0);
    await shot(carol.page, testInfo, 'carol-in-call-with-bob');
  } finally {
    await close();
  }
});

test('starting a call while in one asks first, and keeps the first call until confirmed', async ({
  browser,
  baseURL,
}, testInfo) => {
  const { alice, bob, close } = await people(browser, baseURL, ['alice', 'bob']);
  try {
    await openDirect(alice.page, 'bob');
    await openDirect(bob.page, 'alice');
    await startCall(alice.page, 'video');
    await ringFrom(bob.page, 'alice').getByRole('button', { name: 'Accept' }).click();
    const aliceCard = lastCallCard(alice.page);
    await expect(aliceCard).toContainText('2 in the call');

    // Bob keeps chatting with the call minimised, and starts a call in General.
    await bob.page.getByRole('button', { name: 'Minimize call' }).click();
    await bob.page
      .locator('.str-chat__channel-list-item', { hasText: /general/i })
      .first()
      .click();
    const start = bob.page.getByRole('button', { name: 'Start audio call' });
    await expect(start).toHaveAttribute('data-in-call', '');
    await start.click();
    const ask = bob.page.getByRole('alertdialog', { name: `Leave the call in ${NAMES.alice}?` });
    await expect(ask).toBeVisible();
    await expect(ask.getByRole('button', { name: 'Stay in this call' })).toBeFocused();
    await shot(bob.page, testInfo, 'bob-switch-question');
    await ask.getByRole('button', { name: 'Stay in this call' }).click();
    await expect(ask).toBeHidden();
    await expect(aliceCard).toContainText('2 in the call');

    await start.click();
    await ask.getByRole('button', { name: 'Leave and start' }).click();
    await expect(aliceCard).toContainText('1 in the call');
    await bob.page
      .getByRole('region', { name: 'Call' })
      .getByRole('button', { name: 'Join' })
      .click();
    await expect(lastCallCard(bob.page)).toContainText('1 in the call');
  } finally {
    await close();
  }
});

test('keyboard only, from the ring to hang-up', async ({ browser, baseURL }, testInfo) => {
  const { alice, bob, close } = await people(browser, baseURL, ['alice', 'bob']);
  try {
    await openDirect(alice.page, 'bob');
    await openDirect(bob.page, 'alice');
    await startCall(alice.page, 'video');
    const ring = ringFrom(bob.page, 'alice');
    await expect(ring.getByRole('button', { name: 'Accept' })).toBeFocused();
    await bob.page.keyboard.press('Enter');
    await expect(lastCallCard(alice.page)).toContainText('2 in the call');
    const leave = bob.page
      .getByRole('region', { name: 'Call' })
      .getByRole('button', { name: 'Leave' });
    let tabs = 0;
    while (!(await leave.evaluate((el) => el === document.activeElement)) && tabs < 60) {
      await bob.page.keyboard.press('Tab');
      tabs += 1;
    }
    testInfo.annotations.push({ type: 'tabs to Leave', description: String(tabs) });
    await expect(leave).toBeFocused();
    await shot(bob.page, testInfo, 'bob-leave-focused');
    await bob.page.keyboard.press('Enter');
    await expect(bob.page.getByRole('region', { name: 'Call' })).toHaveCount(0);
    await expect(lastCallCard(alice.page)).toContainText('1 in the call');
  } finally {
    await close();
  }
});
