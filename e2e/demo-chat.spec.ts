/**
 * The demo's chat around the calls, as issue 13 found it broken: the channel list keeps its width
 * whatever the last message says, the channel header never runs into itself and is one surface in
 * the dark theme, a call message is previewed by its words, "Today" shows once, a direct message
 * says Online while the other person is there, and no request of the demo fails (its favicon).
 */
import { expect, type Page, test } from '@playwright/test';
import { DEMO_URL, DEV_SERVER_URL } from './env';
import { newUserPage, openGeneral, shot, signIn } from './helpers';

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
    await openGeneral(alice.page);
    const before = await layout(alice.page);
    expect(before).toEqual({ list: 320, titleOverlaps: false, avatarOverlaps: false });

    await signIn(bob.page, 'bob');
    await openGeneral(bob.page);
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

/** Bob writes in general through the dev server's REST API (no page of his open). */
async function bobWrites(text: string): Promise<void> {
  const { token } = (await (await fetch(`${DEV_SERVER_URL}/dev/token?user_id=bob`)).json()) as {
    token: string;
  };
  const res = await fetch(`${DEV_SERVER_URL}/channels/messaging/general/message?api_key=dev`, {
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
  const dave = await newUserPage(browser, baseURL);
  try {
    // A message Dave has not read yet: stream-chat-react adds a date separator at the first
    // unread one unless the list is told not to.
    await bobWrites('Dave, are you there?');
    await signIn(dave.page, 'dave');
    await openGeneral(dave.page);
    await expect(dave.page.locator('.str-chat__message-bubble').first()).toBeVisible();
    await expect(
      dave.page.locator('.str-chat__date-separator:not(.str-chat__date-separator--floating)'),
    ).toHaveCount(1);
  } finally {
    await dave.context.close();
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
