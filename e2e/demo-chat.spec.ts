/**
 * The demo's chat around the calls, as issue 13 found it broken: the channel list keeps its width
 * whatever the last message says, the channel header never runs into itself and is one surface in
 * the dark theme, a call message is previewed by its words, "Today" shows once, a direct message
 * says Online while the other person is there, and no request of the demo fails (its favicon).
 */
import { expect, type Page, test } from '@playwright/test';
import { DEMO_URL, DEV_SERVER_URL } from './env';
import { newUserPage, shot, signIn } from './helpers';

/**
 * Opens messaging:design: these tests write there, not in General, where the room's walkthrough
 * reads the chat beside the call.
 */
async function openDesign(page: Page): Promise<void> {
  await page
    .locator('.str-chat__channel-list-item', { hasText: /design/i })
    .first()
    .click();
  await expect(page.locator('.str-chat__message-list')).toBeVisible();
}

/** The channel list's width and whether the header's title and avatar overlap. */
function layout(page: Page) {
  return page.evaluate(() => {
    const rect = (s: string) => document.querySelector(s)?.getBoundingClientRect();
    const title = rect('.str-chat__channel-header__data');
    const avatar = rect('.str-chat__channel-header__end');
    const calls = rect('.demo-channel-header__calls');
    return {
      list: Math.round(rect('.demo-app__channels')?.width ?? 0),
      titleOverlaps: Boolean(title && avatar && title.right > avatar.left + 0.5),
      avatarOverlaps: Boolean(avatar && calls && avatar.right > calls.left + 0.5),
    };
  });
}

test('a long message keeps the channel list at its width and the header whole, at 1280 and 900 px', async ({
  browser,
  baseURL,
}, testInfo) => {
  const alice = await newUserPage(browser, baseURL);
  const bob = await newUserPage(browser, baseURL);
  const failed: string[] = [];
  alice.page.on('response', (r) => {
    if (r.url().startsWith(DEMO_URL) && r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  try {
    await signIn(alice.page, 'alice');
    await openDesign(alice.page);
    const before = await layout(alice.page);
    expect(before).toEqual({ list: 320, titleOverlaps: false, avatarOverlaps: false });

    await signIn(bob.page, 'bob');
    await openDesign(bob.page);
    const long = `A long line for the channel list preview ${'and more words '.repeat(12)}`;
    await bob.page.getByRole('textbox', { name: /message/i }).fill(long);
    await bob.page.keyboard.press('Enter');
    await expect(alice.page.locator('.str-chat__summarized-message-preview').first()).toContainText(
      'A long line',
    );
    expect(await layout(alice.page)).toEqual(before);
    await shot(alice.page, testInfo, 'long-preview-1280');

    await alice.page.setViewportSize({ width: 900, height: 800 });
    await expect
      .poll(() => layout(alice.page))
      .toEqual({
        list: 320,
        titleOverlaps: false,
        avatarOverlaps: false,
      });
    // Icon-only call buttons, their names kept.
    await expect(alice.page.getByRole('button', { name: 'Start video call' })).toBeVisible();
    await shot(alice.page, testInfo, 'long-preview-900');

    // Dark: the header is one surface behind the title and the call buttons.
    await alice.page.getByRole('button', { name: 'Dark theme' }).click();
    const [row, header] = await alice.page.evaluate(() =>
      ['.demo-channel-header', '.str-chat__channel-header'].map(
        (s) => getComputedStyle(document.querySelector(s)!).backgroundColor,
      ),
    );
    expect(row).toBe(header);
    await shot(alice.page, testInfo, 'header-dark-900');
    expect(failed).toEqual([]);
  } finally {
    await alice.context.close();
    await bob.context.close();
  }
});

/** Bob writes in Design through the dev server's REST API (no page of his open). */
async function bobWrites(text: string): Promise<void> {
  const { token } = (await (await fetch(`${DEV_SERVER_URL}/dev/token?user_id=bob`)).json()) as {
    token: string;
  };
  const res = await fetch(`${DEV_SERVER_URL}/channels/messaging/design/message?api_key=dev`, {
    method: 'POST',
    headers: {
      Authorization: token,
      'stream-auth-type': 'jwt',
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ message: { text } }),
  });
  expect(res.ok).toBe(true);
}

test('one "Today" for a day of messages, unread ones included', async ({ browser, baseURL }) => {
  const carol = await newUserPage(browser, baseURL);
  try {
    // A message Carol has not read yet: stream-chat-react adds a date separator at the first
    // unread one unless the list is told not to.
    await bobWrites('Carol, are you there?');
    await signIn(carol.page, 'carol');
    await openDesign(carol.page);
    await expect(
      carol.page.locator('.str-chat__message-list').getByText('Carol, are you there?'),
    ).toBeVisible();
    // Seeded messages are an hour old: after midnight they sit under "Yesterday", rightly.
    await expect(
      carol.page
        .locator('.str-chat__date-separator:not(.str-chat__date-separator--floating)')
        .filter({ hasText: /^\s*Today\s*$/ }),
    ).toHaveCount(1);
  } finally {
    await carol.context.close();
  }
});

test('a direct message says Online while the other person is there, Offline once they leave', async ({
  browser,
  baseURL,
}, testInfo) => {
  const alice = await newUserPage(browser, baseURL);
  const bob = await newUserPage(browser, baseURL);
  try {
    await signIn(bob.page, 'bob');
    await signIn(alice.page, 'alice');
    await alice.page
      .locator('.str-chat__channel-list-item')
      .filter({
        has: alice.page.locator('.str-chat__channel-list-item-data__title', {
          hasText: /^Bob Brown$/,
        }),
      })
      .click();
    const header = alice.page.locator('.str-chat__channel-header');
    await expect(header).toContainText('Bob Brown');
    await expect(header).toContainText('Online');
    await shot(alice.page, testInfo, 'dm-online');
    await bob.context.close();
    await expect(header).toContainText('Offline');
  } finally {
    await alice.context.close();
    await bob.context.close().catch(() => {});
  }
});
