import type { StreamChat } from 'stream-chat';
import type { CallApi } from '../../core/api';
import { preloadCallApiCode } from '../../core/callApi';
import type { CallLiveState } from '../../core/types';
import type { CallLiveStatus } from './CallLiveStatus';
import { lazyComponent } from './lazyComponent';
import type { LiveStateStore } from './liveStateStore';

export type LiveStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface LiveEntry {
  status: LiveStatus;
  live?: CallLiveState;
}

export const IDLE: LiveEntry = { status: 'idle' };

/**
 * The card's live-state line (ongoing with who is in, or ended with its duration). It loads with
 * the store below, before the store is used: a card that has a live state to show can always
 * show it at once.
 */
export const LiveStatus = lazyComponent<Parameters<typeof CallLiveStatus>[0]>(
  () => import('./CallLiveStatus').then((m) => m.CallLiveStatus),
  'CallLiveStatus',
);

/**
 * Live state of calls shown in the chat, shared by every card (see LiveStateStore). Its code
 * (and the cards' LiveStatus) loads with the first card that subscribes: until then no call has
 * an entry (entries come only from that code's fetches and events), so every card reads `idle`
 * just as it would with the code loaded. Subscriptions and loads made meanwhile are handed over
 * in order.
 */
export class LiveStateCache {
  private store?: LiveStateStore;
  private loading?: Promise<LiveStateStore>;

  constructor(
    private readonly api: CallApi,
    private readonly client: StreamChat,
  ) {}

  get(id: string): LiveEntry {
    return this.store?.get(id) ?? IDLE;
  }

  subscribe(id: string, cid: string | undefined, listener: () => void): () => void {
    if (this.store) return this.store.subscribe(id, cid, listener);
    let off: (() => void) | undefined;
    let active = true;
    this.ready().then(
      (store) => {
        if (active) off = store.subscribe(id, cid, listener);
      },
      () => {}, // not loaded (offline): the card stays idle
    );
    return () => {
      active = false;
      off?.();
    };
  }

  /** Fetches once per id (deduplicated); later updates come from channel events. */
  load(id: string): void {
    if (this.store) this.store.load(id);
    else
      this.ready().then(
        (store) => store.load(id),
        () => {}, // not loaded (offline): the card stays idle
      );
  }

  private ready(): Promise<LiveStateStore> {
    // The first card asks for its state right after: the default API's request code loads
    // alongside.
    if (!this.loading) preloadCallApiCode();
    this.loading ??= Promise.all([import('./liveStateStore'), LiveStatus.preload()]).then(
      ([{ LiveStateStore }]) => {
        this.store = new LiveStateStore(this.api, this.client);
        return this.store;
      },
      (e: unknown) => {
        this.loading = undefined; // offline: the next card tries again
        throw e;
      },
    );
    return this.loading;
  }
}

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
