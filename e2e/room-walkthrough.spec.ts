/**
 * The call room walked through as a person would, on a laptop (1280×800, light) and a phone
 * (390×844, dark): start a call, someone accepts with the keyboard, look at who is in, chat beside
 * the call, the controls' tooltips and shortcuts, minimise to the dock, leave. A screenshot per step
 * (test-results/e2e/…); the assertions are what a person would notice: the room covers the page
 * with an opaque background, no control is clipped or off screen, the count matches, the dock keeps
 * off the composer and the newest message, the channel list keeps its width, focus comes back.
 */
import { type Browser, devices, expect, type Locator, type Page, test } from '@playwright/test';
import { newUserPage, openGeneral, shot, signIn } from './helpers';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Every visible button of `scope` lies wholly inside the viewport. Buttons scrolled out of a
 * scrolling list (older messages in the chat beside the call) are not on screen: a person scrolls
 * to them.
 */
async function expectAllOnScreen(page: Page, scope: Locator) {
  const viewport = page.viewportSize()!;
  const boxes = await scope.getByRole('button').evaluateAll((buttons) =>
    buttons
      .filter((b) => {
        const r = b.getBoundingClientRect();
        for (let el = b.parentElement; el; el = el.parentElement) {
          const { overflowX, overflowY } = getComputedStyle(el);
          if (!/auto|scroll/.test(overflowX + overflowY)) continue;
          const s = el.getBoundingClientRect();
          if (r.bottom <= s.top || r.top >= s.bottom || r.right <= s.left || r.left >= s.right)
            return false;
        }
        return true;
      })
      .map((b) => {
        const r = b.getBoundingClientRect();
        return { name: b.getAttribute('aria-label') ?? b.textContent, r: r.toJSON() as DOMRect };
      })
      .filter(({ r }) => r.width > 1 && r.height > 1),
  );
  expect(boxes.length).toBeGreaterThanOrEqual(3);
  for (const { name, r } of boxes) {
    expect.soft(r.left, `${name} left`).toBeGreaterThanOrEqual(0);
    expect.soft(r.top, `${name} top`).toBeGreaterThanOrEqual(0);
    expect.soft(r.right, `${name} right`).toBeLessThanOrEqual(viewport.width);
    expect.soft(r.bottom, `${name} bottom`).toBeLessThanOrEqual(viewport.height);
  }
}

/** The room covers the whole viewport with an opaque background. */
async function expectCoversPage(page: Page, room: Locator) {
  const viewport = page.viewportSize()!;
  expect(await room.boundingBox()).toEqual({ x: 0, y: 0, ...viewport });
  const background = await room.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(background).toMatch(/^rgb\(/);
}

/** A phone: 390×844, touch, a mobile browser (it cannot share its screen). */
async function phonePage(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({
    ...devices['Pixel 7'],
    baseURL,
    viewport: { width: 390, height: 844 },
    permissions: ['camera', 'microphone'],
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[pageerror] ${e.message}`));
  return { context, page };
}

/** Whether the app's page (its chat) is inert: out of the tab order and the accessibility tree. */
const underInert = (page: Page) =>
  page.locator('.demo-app').evaluate((el) => el.closest('[inert]') !== null);

/** Through the pre-join view when the app shows one. */
async function joinFromRoom(room: Locator) {
  const join = room.getByRole('button', { name: 'Join' });
  await expect(join.or(room.getByRole('group', { name: 'Call controls' }))).toBeVisible({
    timeout: 15_000,
  });
  if (await join.isVisible()) await join.click();
  await expect(room).toHaveAttribute('data-state', 'joined', { timeout: 15_000 });
}

for (const device of [
  { name: 'laptop', viewport: { width: 1280, height: 800 }, theme: 'light', phone: false },
  { name: 'phone', viewport: { width: 390, height: 844 }, theme: 'dark', phone: true },
] as const) {
  test(`the call room on a ${device.name}: covers the page, people, chat beside, dock, focus back`, async ({
    browser,
    baseURL,
  }, testInfo) => {
    const alice = device.phone
      ? await phonePage(browser, baseURL)
      : await newUserPage(browser, baseURL);
    const bob = await newUserPage(browser, baseURL);
    try {
      await signIn(bob.page, 'bob');
      await openGeneral(bob.page);
      if (device.phone) {
        await alice.page.goto(`/?user=alice&theme=${device.theme}`);
        await alice.page.getByRole('button', { name: 'Show channels' }).click();
      } else {
        await signIn(alice.page, 'alice', `&theme=${device.theme}`);
      }
      await openGeneral(alice.page);
      const channels = alice.page.getByRole('navigation', { name: 'Channels' });
      const listWidth = device.phone ? 0 : (await channels.boundingBox())!.width;
      await shot(alice.page, testInfo, 'alice-in-general');

      // Alice starts a video call: the room covers the page, opaque, and has the focus.
      const start = alice.page.getByRole('button', { name: 'Start video call' });
      await start.click();
      const room = alice.page.getByRole('region', { name: 'Call' });
      await joinFromRoom(room);
      await expectCoversPage(alice.page, room);
      await expect(room).toBeFocused();
      await expect(room.getByRole('heading', { name: 'General' })).toBeVisible();
      await expect(room.getByRole('timer')).toHaveText(/^\d+:\d\d$/);
      await shot(alice.page, testInfo, 'alice-alone-in-the-room');

      // Bob accepts the ring with the keyboard (Accept has the focus): focus moves into his room.
      const ring = bob.page.getByRole('alertdialog', { name: /Alice Andersen is calling/ });
      await expect(ring.getByRole('button', { name: 'Accept' })).toBeFocused({ timeout: 15_000 });
      await bob.page.keyboard.press('Enter');
      const bobRoom = bob.page.getByRole('region', { name: 'Call' });
      await expect(bobRoom).toHaveAttribute('data-state', 'joined', { timeout: 15_000 });
      await expect
        .poll(() => bob.page.evaluate(() => !!document.activeElement?.closest('.str-call__room')))
        .toBe(true);
      // The chat under Bob's room is out of the tab order.
      expect(await underInert(bob.page)).toBe(true);

      // The count matches the people in the call, on both sides.
      await expect(room.getByRole('button', { name: 'Participants 2' })).toBeVisible({
        timeout: 15_000,
      });
      await expect(bobRoom.getByRole('button', { name: 'Participants 2' })).toBeVisible();
      await expectAllOnScreen(alice.page, room);
      await shot(alice.page, testInfo, 'alice-with-bob');
      await shot(bob.page, testInfo, 'bob-with-alice');

      // Who is in: the panel lists both, Alice first as "(you)".
      await room.getByRole('button', { name: 'Participants 2' }).click();
      const people = room
        .getByRole('complementary', { name: 'Participants' })
        .getByRole('list', { name: 'In the call' })
        .getByRole('listitem');
      await expect(people).toHaveCount(2);
      await expect(people.first()).toContainText('Alice Andersen (you)');
      await expect(people.nth(1)).toContainText('Bob Brown');
      await expectAllOnScreen(alice.page, room);
      await shot(alice.page, testInfo, 'participants');
      await room.getByRole('button', { name: 'Close participants' }).click();

      // The chat beside the call: Alice writes; the call keeps playing under or beside it.
      // On a phone the header keeps one line: Chat and Minimize are in its More menu.
      if (device.phone) await room.getByRole('button', { name: 'More options' }).click();
      await room.getByRole('button', { name: 'Chat' }).click();
      const chat = room.getByRole('complementary', { name: 'Chat' });
      const composer = chat.getByRole('textbox');
      await composer.fill('Can you hear me?');
      await composer.press('Enter');
      await expect(chat.getByText('Can you hear me?').first()).toBeVisible();
      await expect(
        bob.page.locator('.str-chat__message-list').getByText('Can you hear me?').first(),
      ).toBeAttached();
      const playing = await room
        .locator('.str-call__stage video')
        .evaluateAll((videos) =>
          videos.filter((v) => !(v as HTMLVideoElement).paused && v.isConnected),
        )
        .then((v) => v.length);
      expect(playing).toBeGreaterThan(0);
      if (!device.phone) {
        // Beside the stage, not over it.
        const stage = (await room.locator('.str-call__stage').boundingBox())!;
        expect(overlaps(stage, (await chat.boundingBox())!)).toBe(false);
      }
      // The call's card fits the narrow chat's message bubble (nothing of it is cut off).
      const clipped = await chat.locator('.str-call__card').evaluateAll((cards) =>
        cards.filter((card) => {
          const bubble = card.closest('.str-chat__message-bubble');
          if (!bubble) return false;
          const c = card.getBoundingClientRect();
          const b = bubble.getBoundingClientRect();
          return c.left < b.left - 0.5 || c.right > b.right + 0.5;
        }),
      );
      expect(clipped).toHaveLength(0);
      await expectAllOnScreen(alice.page, room);
      await shot(alice.page, testInfo, 'chat-beside-the-call');
      await chat.getByRole('button', { name: 'Close chat' }).click();

      // Controls: a tooltip names the action and its shortcut; Ctrl+D mutes.
      const mic = room.getByRole('group', { name: 'Call controls' }).getByRole('button', {
        name: 'Microphone',
      });
      if (!device.phone) {
        await mic.hover();
        await expect(
          alice.page.getByRole('tooltip', { name: /Turn off microphone/ }),
        ).toBeVisible();
        await expect(
          alice.page.getByRole('tooltip', { name: /Turn off microphone/ }),
        ).toContainText('Ctrl+D');
        await shot(alice.page, testInfo, 'tooltip');
      }
      await alice.page.keyboard.press('Control+d');
      await expect(mic).toHaveAttribute('aria-pressed', 'false');
      await shot(alice.page, testInfo, 'muted');

      // Minimised: the dock keeps off the composer and the newest message; the page is usable.
      if (device.phone) await room.getByRole('button', { name: 'More options' }).click();
      await room.getByRole('button', { name: 'Minimize call' }).click();
      const dock = alice.page.getByRole('region', { name: 'Minimized call' });
      await expect(dock).toBeVisible();
      await expect(dock.getByRole('button', { name: 'Expand call' })).toBeFocused();
      const dockBox = (await dock.boundingBox())!;
      const appComposer = alice.page.locator('.demo-app .str-chat__message-composer').first();
      const newest = alice.page.locator('.demo-app .str-chat__li').last();
      expect(overlaps(dockBox, (await appComposer.boundingBox())!)).toBe(false);
      expect(overlaps(dockBox, (await newest.boundingBox())!)).toBe(false);
      expect(await underInert(alice.page)).toBe(false);
      await expectAllOnScreen(alice.page, dock);
      await shot(alice.page, testInfo, 'docked');

      // Back to full size, then Leave: focus returns to the Start button; the list kept its width.
      await dock.getByRole('button', { name: 'Expand call' }).click();
      await expect(room).toBeFocused();
      await room.getByRole('button', { name: 'Leave' }).click();
      await expect(room).toHaveCount(0);
      await expect(start).toBeFocused();
      if (!device.phone) expect((await channels.boundingBox())!.width).toBe(listWidth);
      await shot(alice.page, testInfo, 'alice-left');

      await bobRoom.getByRole('button', { name: 'Leave' }).click();
      await expect(bobRoom).toHaveCount(0);
      expect(await underInert(bob.page)).toBe(false);
      // His Accept button is gone with the ring: the keyboard goes on in the page.
      await bob.page.keyboard.press('Tab');
      expect(await bob.page.evaluate(() => !!document.activeElement?.closest('.demo-app'))).toBe(
        true,
      );
      await shot(bob.page, testInfo, 'bob-left');
    } finally {
      await alice.context.close();
      await bob.context.close();
    }
  });
}
