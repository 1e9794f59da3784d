/**
 * The fresh-app test's browser part (run by scripts/fresh-app/run.ts, not by `npm run test:e2e`):
 * the repository's dev server and the fresh app's production build (`vite preview` in the app's
 * folder, FRESH_APP_DIR), both on loopback, in Debian's Chromium with the project's flags.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../../test/chromium';
import { APP_PORT, APP_URL, DEV_SERVER_PORT } from './ports';

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD ??= '1';
const appDir = process.env.FRESH_APP_DIR;
if (!appDir)
  throw new Error('FRESH_APP_DIR is not set: run this through scripts/fresh-app/run.ts.');

const repo = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  testDir: '.',
  testMatch: 'call.spec.ts',
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: `${repo}/test-results/fresh-app`,
  use: {
    baseURL: APP_URL,
    permissions: ['camera', 'microphone'],
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 20_000,
    launchOptions: chromiumLaunchOptions(),
  },
  webServer: [
    {
      command: 'npx tsx dev-server/start.ts',
      cwd: repo,
      url: `http://127.0.0.1:${DEV_SERVER_PORT}/dev/token?user_id=alice`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { PORT: String(DEV_SERVER_PORT), CALLS_DB: ':memory:' },
    },
    {
      command: `npx vite preview --host 127.0.0.1 --port ${APP_PORT} --strictPort`,
      cwd: appDir,
      url: APP_URL,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
