import { useEffect, useRef } from 'react';

/** Apple platforms write the Command key as ⌘ and join without a plus. */
function isApple(): boolean {
  if (typeof navigator === 'undefined') return false;
  const platform =
    (navigator as { userAgentData?: { platform?: string } }).userAgentData?.platform ??
    navigator.platform;
  return /mac|iphone|ipad|ipod/i.test(platform ?? '');
}

/** How the platform writes Ctrl/⌘ + `key` ("Ctrl+D", "⌘D"). */
export function shortcutLabel(key: string): string {
  return isApple() ? `⌘${key.toUpperCase()}` : `Ctrl+${key.toUpperCase()}`;
}

/**
 * Runs `action` on Ctrl+`key` (⌘+`key` on Apple platforms) anywhere on the page while mounted,
 * instead of the browser's own use of it (as Meet does with Ctrl+D and Ctrl+E). Pass `undefined`
 * to register nothing. Internal.
 */
export function useKeyShortcut(key: string | undefined, action: () => void): void {
  const latest = useRef(action);
  latest.current = action;
  useEffect(() => {
    if (!key) return;
    const apple = isApple();
    const onKeyDown = (event: KeyboardEvent) => {
      const modifier = apple ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
      if (!modifier || event.altKey || event.shiftKey || event.defaultPrevented) return;
      if (event.key.toLowerCase() !== key.toLowerCase()) return;
      event.preventDefault();
      if (!event.repeat) latest.current();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [key]);
}
