/** How every real-browser test launches Debian's Chromium (see ENVIRONMENT.md): offline, fake media. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  // No shell quotes: Playwright passes arguments as they are.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

export const chromiumLaunchOptions = () => ({
  executablePath: CHROMIUM_PATH,
  chromiumSandbox: false,
  args: [...CHROMIUM_ARGS],
});
