/**
 * The one way the kit loads code on demand. A chat page needs none of a call's machinery (the
 * session, the lifecycle, the ringing dialog, the room): each part is a lazy module that loads
 * when first used, or once the page has settled, so the first click does not wait for it.
 */

const noop = () => {};

/** How long after the page's `load` event it counts as settled (then an idle moment is awaited). */
const SETTLE_DELAY_MS = 1_000;

let settled = false;
let scheduled = false;
const waiting = new Set<() => void>();

function fire(): void {
  settled = true;
  const runs = [...waiting];
  waiting.clear();
  for (const run of runs) run();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  const w = window as Window & {
    requestIdleCallback?: (cb: () => void, options?: { timeout: number }) => number;
  };
  const idle = () =>
    w.requestIdleCallback ? w.requestIdleCallback(fire, { timeout: SETTLE_DELAY_MS }) : fire();
  const afterLoad = () => setTimeout(idle, SETTLE_DELAY_MS);
  if (document.readyState === 'complete') afterLoad();
  else w.addEventListener('load', afterLoad, { once: true });
}

/**
 * Runs `run` once the page has settled: its `load` event, a second, and an idle moment. One
 * signal for the whole kit, whoever asks. Later callers run on the next task. Does nothing where
 * there is no page (server rendering). Returns a cancel.
 */
export function whenSettled(run: () => void): () => void {
  if (typeof window === 'undefined' || typeof document === 'undefined') return noop;
  if (settled) {
    const timer = setTimeout(run, 0);
    return () => clearTimeout(timer);
  }
  const once = () => run();
  waiting.add(once);
  schedule();
  return () => {
    waiting.delete(once);
  };
}

/** A module loaded on demand, made by `lazyModule`. */
export interface LazyModule<T> {
  /**
   * The module: loaded once and shared by every caller; after a failed load (offline) the next
   * call loads again.
   */
  load(): Promise<T>;
  /** The module once it has loaded (synchronous reads: render, keepalive requests). */
  readonly current: T | undefined;
  /** Loads once the page has settled (see `whenSettled`); a failure waits for the next `load()`. */
  preload(): () => void;
  /** Called once, when the module has loaded. */
  subscribe(listener: () => void): () => void;
}

/**
 * A module loaded on demand through `import()`: `lazyModule(() => import('./session'))`. Declare
 * it in a module the loaded one does not import, so no import circle forms.
 */
export function lazyModule<T>(importer: () => Promise<T>): LazyModule<T> {
  let loading: Promise<T> | undefined;
  let current: T | undefined;
  const listeners = new Set<() => void>();
  const load = (): Promise<T> => {
    if (current !== undefined) return Promise.resolve(current);
    loading ??= importer().then(
      (value) => {
        current = value;
        for (const listener of [...listeners]) listener();
        listeners.clear();
        return value;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  return {
    load,
    get current() {
      return current;
    },
    preload: () => (current === undefined ? whenSettled(() => void load().catch(noop)) : noop),
    subscribe(listener) {
      if (current !== undefined) return noop;
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
