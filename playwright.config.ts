/**
 * End-to-end tests on the demo app in Debian's Chromium (never a downloaded browser).
 * `npx playwright test` starts the dev server with the demo (`tsx dev-server/start.ts --demo`) on
 * fixed loopback ports, with fake Agora/100ms credentials and a local 100ms REST double
 * (e2e/global-setup.ts), so every provider can be exercised offline.
 */
import { defineConfig, devices } from '@playwright/test';
import {
  DEMO_PORT,
  DEMO_URL,
  DEV_SERVER_PORT,
  DEV_SERVER_URL,
  FAKE_AGORA,
  FAKE_HMS,
} from './e2e/env';
import { chromiumLaunchOptions } from './test/chromium';

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD ??= '1';

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // Two Chromium contexts with live video on 2 cores: generous per test, bounded for the run.
  timeout: 120_000,
  globalTimeout: 4 * 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  outputDir: 'test-results/e2e',
  use: {
    baseURL: DEMO_URL,
    permissions: ['camera', 'microphone'],
    screenshot: 'only-on-failure',
    // Traces record a screencast of every page: opt in with E2E_TRACE=1.
    trace: process.env.E2E_TRACE ? 'retain-on-failure' : 'off',
    actionTimeout: 15_000,
    navigationTimeout: 20_000,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        // Debian's Chromium with the project's flags (offline, fake camera and microphone).
        launchOptions: chromiumLaunchOptions(),
      },
    },
  ],
  webServer: {
    command: 'npx tsx dev-server/start.ts --demo',
    url: DEMO_URL,
    reuseExistingServer: !process.env.CI,
    timeout: 90_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(DEV_SERVER_PORT),
      DEMO_PORT: String(DEMO_PORT),
      CALLS_DB: ':memory:',
      DEMO_HMR: 'off',
      VITE_STREAM_BASE_URL: DEV_SERVER_URL,
      ...FAKE_AGORA,
      ...FAKE_HMS,
    },
  },
});
