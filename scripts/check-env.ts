/** Fails early, with the fix, when the machine lacks what the tests need. */
import { existsSync } from 'node:fs';
import { findPostgresBin, INSTALL_HINT } from './postgres';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(
    `Chromium was not found at ${chromium}. The browser, Storybook and e2e tests run in Debian's Chromium:\n` +
      '  sudo apt-get update && sudo apt-get install -y chromium\n' +
      'or set CHROMIUM_PATH. (`bash .ci/run` installs it and runs everything.)',
  );
  process.exit(1);
}
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Node ${process.versions.node} is too old: use Node 20.19 or newer.`);
  process.exit(1);
}
if (!findPostgresBin()) {
  console.error(INSTALL_HINT);
  process.exit(1);
}
