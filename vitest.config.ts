import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumLaunchOptions } from './test/chromium';

// One factory per project: sharing one browser object between projects fails in Vitest 4.
const browser = () => ({
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: chromiumLaunchOptions() }),
  instances: [{ browser: 'chromium' as const }],
  api: { host: '127.0.0.1' },
  screenshotFailures: false,
});

export default defineConfig({
  plugins: [react()],
  // The call service's package, from its sources (tsconfig.json's paths say the same).
  resolve: {
    alias: {
      'stream-chat-calls-server': fileURLToPath(
        new URL('./packages/server/src/index.ts', import.meta.url),
      ),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['test/setup-dom.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'packages/server/test/**/*.test.ts',
            'test/node/**/*.test.ts',
            'test/integration/**/*.test.{ts,tsx}',
          ],
          // A throwaway PostgreSQL cluster for the call service's registry tests.
          globalSetup: ['test/postgres-setup.ts'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.{ts,tsx}'],
          setupFiles: ['test/setup-browser.ts'],
          // Starts the real dev server (chat + call service + local signaling) on loopback.
          globalSetup: ['test/browser/global-setup.ts'],
          browser: browser(),
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: '.storybook' })],
        test: {
          name: 'storybook',
          setupFiles: ['.storybook/vitest.setup.ts'],
          browser: browser(),
        },
      },
    ],
  },
});
