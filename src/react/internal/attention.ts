import { useEffect } from 'react';

type NotificationCtor = typeof Notification | undefined;

const notificationApi = (): NotificationCtor =>
  (globalThis as { Notification?: typeof Notification }).Notification;

/**
 * Asks for permission to show system notifications, once, when the user has just started or
 * accepted a call (a moment when a notification's use is plain), never on page load. A refusal
 * changes nothing else: rings still show in the page.
 */
export function askRingPermission(): void {
  const N = notificationApi();
  if (N?.permission !== 'default') return;
  try {
    void Promise.resolve(N.requestPermission()).catch(() => {});
  } catch {
    // Old callback-only implementations and locked-down browsers: no notifications.
  }
}

export interface RingAttention {
  /** The notification's title and the tab title's mark, translated ("Bob is calling"). */
  title: string;
  /** The notification's body ("Incoming video call in General"). */
  body: string;
  /** One tag per ring: a repeated notification replaces the last. */
  tag: string;
}

/**
 * While a call rings in a background tab: a system notification (where permitted) and a marked
 * tab title, both gone when the ring ends or the tab is shown. Clicking the notification brings
 * the tab forward, on the ring.
 */
export function useRingAttention(ring: RingAttention | undefined, enabled: boolean): void {
  const { title, body, tag } = ring ?? {};
  useEffect(() => {
    if (!enabled || !title || typeof document === 'undefined') return;
    let notification: Notification | undefined;
    let original: string | undefined;
    let marked: string | undefined;
    const raise = () => {
      if (!document.hidden || marked !== undefined) return;
      original = document.title;
      marked = `📞 ${title} · ${original}`;
      document.title = marked;
      const N = notificationApi();
      if (N?.permission !== 'granted') return;
      try {
        notification = new N(title, { body, tag, requireInteraction: true });
        notification.onclick = () => {
          window.focus();
          notification?.close();
        };
      } catch {
        // Some browsers only notify from a service worker: the marked title stays.
      }
    };
    const lower = () => {
      notification?.close();
      notification = undefined;
      // Unless the app has changed the title meanwhile.
      if (marked !== undefined && document.title === marked) document.title = original ?? '';
      marked = undefined;
    };
    const onVisibility = () => (document.hidden ? raise() : lower());
    raise();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      lower();
    };
  }, [enabled, title, body, tag]);
}
