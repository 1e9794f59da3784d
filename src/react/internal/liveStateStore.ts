import type { StreamChat, Event as StreamEvent } from 'stream-chat';
import { type CallApi, readCallLiveState } from '../../core/api';
import type { CallLiveState } from '../../core/types';
import { IDLE, type LiveEntry } from './liveStates';

/**
 * Live state of calls shown in the chat (LiveStateCache's work, loaded with the first card),
 * shared by every card: one entry per call id, at most one request in flight per id, and
 * requests only for cards that became visible. `call.updated` and `call.ended` channel events
 * keep entries fresh without asking the server again.
 */
export class LiveStateStore {
  private readonly entries = new Map<string, LiveEntry>();
  /** The channel a call was announced in: events for that id count only from that channel. */
  private readonly cids = new Map<string, string>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private unbind?: () => void;
  private users = 0;

  constructor(
    private readonly api: CallApi,
    private readonly client: StreamChat,
  ) {}

  get(id: string): LiveEntry {
    return this.entries.get(id) ?? IDLE;
  }

  subscribe(id: string, cid: string | undefined, listener: () => void): () => void {
    if (cid && !this.cids.has(id)) this.cids.set(id, cid);
    let set = this.listeners.get(id);
    if (!set) {
      set = new Set();
      this.listeners.set(id, set);
    }
    set.add(listener);
    if (this.users++ === 0) this.listen();
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
      if (--this.users === 0) {
        this.unbind?.();
        this.unbind = undefined;
      }
    };
  }

  /** Fetches once per id (deduplicated); later updates come from channel events. */
  load(id: string): void {
    const entry = this.get(id);
    if (entry.status === 'loading' || entry.status === 'ready') return;
    this.set(id, { ...entry, status: 'loading' });
    this.api.getCallState(id).then(
      (live) => this.set(id, { status: 'ready', live }),
      () => this.set(id, { ...this.get(id), status: 'error' }),
    );
  }

  /** A state that arrived another way (an event, a join's answer). */
  put(live: CallLiveState): void {
    this.set(live.call.id, { status: 'ready', live });
  }

  private set(id: string, entry: LiveEntry): void {
    this.entries.set(id, entry);
    for (const l of [...(this.listeners.get(id) ?? [])]) l();
  }

  private listen(): void {
    const onEvent = (event: StreamEvent) => {
      const raw = (event as { call_state?: unknown }).call_state ?? event;
      const live = readCallLiveState(raw);
      if (!live) return;
      const known = this.cids.get(live.call.id);
      if (known && event.cid && known !== event.cid) return;
      this.put(live);
    };
    const a = this.client.on('call.updated', onEvent);
    const b = this.client.on('call.ended', onEvent);
    this.unbind = () => {
      a.unsubscribe();
      b.unsubscribe();
    };
  }
}
