import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach } from 'vitest';

afterEach(() => cleanup());

// stream-chat-react's <Channel> throttles a state copy after channel events (trailing, 500 ms) and
// does not cancel it on unmount: when it fires after the file's jsdom is gone, React reads
// `window.event` and the run fails with an unhandled "window is not defined". In a file that
// rendered a <Channel>, let such timers fire while the DOM still exists.
let renderedChannel = false;
// (Files that run in node, e.g. the server-rendering test, have no DOM to watch.)
if (typeof MutationObserver !== 'undefined') {
  new MutationObserver((records) => {
    if (renderedChannel) return;
    for (const r of records) {
      for (const node of r.addedNodes) {
        if (
          node instanceof Element &&
          (node.matches('.str-chat__channel') || node.querySelector('.str-chat__channel'))
        ) {
          renderedChannel = true;
          return;
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });
}
afterAll(async () => {
  if (renderedChannel) await new Promise((resolve) => setTimeout(resolve, 600));
});
