type VisibleCallback = () => void;
let observer: IntersectionObserver | undefined;
const callbacks = new WeakMap<Element, VisibleCallback>();

/**
 * Calls `onVisible` once, the first time `element` is on screen. One IntersectionObserver is
 * shared by every card. Without IntersectionObserver (server rendering, old test DOMs) nothing is
 * ever reported visible, so nothing is fetched.
 */
export function observeVisible(element: Element, onVisible: VisibleCallback): () => void {
  const IO = (globalThis as { IntersectionObserver?: typeof IntersectionObserver })
    .IntersectionObserver;
  if (!IO) return () => {};
  observer ??= new IO(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const cb = callbacks.get(entry.target);
        callbacks.delete(entry.target);
        observer?.unobserve(entry.target);
        cb?.();
      }
    },
    { rootMargin: '100px' },
  );
  callbacks.set(element, onVisible);
  observer.observe(element);
  return () => {
    callbacks.delete(element);
    observer?.unobserve(element);
  };
}

/** For tests that swap IntersectionObserver between cases. */
export function resetVisibilityObserver(): void {
  observer?.disconnect();
  observer = undefined;
}
