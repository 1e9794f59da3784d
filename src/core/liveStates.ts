import type { CallApi } from './api';
import type { CallChatClient } from './channel';
import { lazyModule } from './lazy';
import { IDLE, type LiveEntry } from './liveEntry';
import type { LiveStateStore } from './liveStateStore';
import type { CallLiveState } from './types';

const storeCode = lazyModule(() => import('./liveStateStore'));

/**
 * Live state of the calls shown in the chat, shared by every card (see LiveStateStore). Its code
 * loads with the first card that subscribes: until then no call has an entry (entries come only
 * from that code's fetches and events), so every card reads `idle` just as it would with the code
 * loaded. Subscriptions, loads and states that arrive meanwhile are handed over in order.
 */
export class LiveStateCache {
  private store?: LiveStateStore;
  private pending: ((store: LiveStateStore) => void)[] = [];

  constructor(
    private readonly api: CallApi,
    private readonly chat: CallChatClient | undefined,
  ) {}

  /** The entry of a call's current session, or of `session` when given. */
  get(id: string, session?: number): LiveEntry {
    return this.store?.get(id, session) ?? IDLE;
  }

  subscribe(id: string, cid: string | undefined, listener: () => void): () => void {
    if (this.store) return this.store.subscribe(id, cid, listener);
    let off: (() => void) | undefined;
    let active = true;
    this.whenReady((store) => {
      if (active) off = store.subscribe(id, cid, listener);
    });
    return () => {
      active = false;
      off?.();
    };
  }

  /** Fetches once per call and session (deduplicated); later updates come from channel events. */
  load(id: string, session?: number): void {
    this.whenReady((store) => store.load(id, session));
  }

  /** A state that arrived another way (a join report's answer, an end). */
  put(live: CallLiveState): void {
    this.whenReady((store) => store.put(live));
  }

  private whenReady(run: (store: LiveStateStore) => void): void {
    if (this.store) {
      run(this.store);
      return;
    }
    this.pending.push(run);
    if (this.pending.length > 1) return;
    storeCode.load().then(
      ({ LiveStateStore }) => {
        this.store ??= new LiveStateStore(this.api, this.chat);
        const runs = this.pending;
        this.pending = [];
        for (const r of runs) r(this.store);
      },
      () => {
        // Not loaded (offline): the cards stay idle; the next one loads again.
        this.pending = [];
      },
    );
  }
}
