/**
 * The demo around the kit: sign-in and sign-out, no token in the URL, theme and language switches
 * that reach the kit's components, the phone layout, and a readable message when the dev server
 * cannot be reached.
 */
import { expect, test } from '@playwright/test';
import { openGeneral, shot, signIn } from './helpers';

test('signs in from the list of seeded users and out again, never putting the token in the URL', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  for (const name of ['Alice', 'Bob', 'Carol', 'Dave']) {
    await expect(page.getByRole('button', { name: `Sign in as ${name}` })).toBeVisible();
  }
  await shot(page, testInfo, 'sign-in');

  await page.getByRole('button', { name: 'Sign in as Carol' }).click();
  await expect(page.getByTestId('signed-in-user')).toHaveText('Carol Clark');
  await expect(page.locator('.str-chat__channel-list-item').first()).toBeVisible();
  expect(new URL(page.url()).searchParams.get('user')).toBe('carol');
  expect(page.url()).not.toMatch(/token|eyJ/);
  await shot(page, testInfo, 'signed-in');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in as Carol' })).toBeVisible();
  expect(new URL(page.url()).searchParams.has('user')).toBe(false);
});

test('the theme and language switches restyle and translate the chat and the call buttons', async ({
  page,
}, testInfo) => {
  await signIn(page, 'dave');
  await openGeneral(page);
  await expect(page.locator('.str-chat__channel').first()).toHaveClass(/str-chat__theme-light/);

  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.locator('.str-chat__channel').first()).toHaveClass(/str-chat__theme-dark/);
  await shot(page, testInfo, 'dark');

  await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
  await expect(page.getByRole('button', { name: 'Iniciar videollamada' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start video call' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toBeVisible();
  await shot(page, testInfo, 'spanish');

  // Both choices survive a reload (they are in the URL, the token is not).
  await page.reload();
  await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toBeVisible();
  await expect(page.locator('.str-chat__channel-list')).toHaveClass(/str-chat__theme-dark/);
});

test('on a phone the channel list is a drawer that closes when a channel is picked', async ({
  browser,
  baseURL,
}, testInfo) => {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  try {
    await page.goto('/?user=bob');
    await expect(page.getByTestId('signed-in-user')).toHaveText('Bob Brown');
    await expect(page.locator('.str-chat__message-list')).toBeVisible();
    const toggle = page.getByRole('button', { name: 'Show channels' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('navigation', { name: 'Channels' })).toBeHidden();
    await shot(page, testInfo, 'phone-channel');

    await toggle.click();
    await expect(page.getByRole('navigation', { name: 'Channels' })).toBeVisible();
    await shot(page, testInfo, 'phone-drawer-open');

    await page
      .locator('.str-chat__channel-list-item', { hasText: /design/i })
      .first()
      .click();
    await expect(page.getByRole('navigation', { name: 'Channels' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'Show channels' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
  } finally {
    await context.close();
  }
});

test('when the dev server cannot be reached it says so, how to start it, and retries', async ({
  page,
}, testInfo) => {
  let down = true;
  await page.route('**/dev/token?*', (route) =>
    down ? route.abort('connectionrefused') : route.fallback(),
  );
  await page.goto('/?user=alice');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Cannot reach the dev server at http://127.0.0.1:');
  await expect(alert).toContainText('npm start');
  await shot(page, testInfo, 'server-down');

  down = false;
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('signed-in-user')).toHaveText('Alice Andersen');
});
