import { clsx } from 'clsx';
import { useEffect, useState } from 'react';
import { useChatContext } from 'stream-chat-react';

/**
 * Portals leave the chat's DOM subtree, and with it the `str-chat` + theme classes that define
 * the `--str-chat__*` tokens: they re-apply them. `mounted` is false during server rendering and
 * the first client render (no `document` before effects).
 */
export function usePortal(extra?: string): { mounted: boolean; className: string } {
  const { theme } = useChatContext('usePortal');
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return { mounted, className: clsx('str-chat', theme, 'str-call__portal', extra) };
}
