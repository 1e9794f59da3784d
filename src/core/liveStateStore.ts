import type { CallApi } from './apiTypes';
import type { CallChatClient, CallChatEvent } from './channel';
import { IDLE, type LiveEntry, LOADING } from './liveEntry';
import { readCallLiveState } from './readLiveState';
import type { CallLiveState } from './types';

/** Calls kept in memory at most (the oldest are forgotten first; a card asks again). */
const MAX_CALLS = 500;

const pastKey = (id: string, session: number) => `${id}#${session}`;

/**
 * Live state of the calls shown in the chat (LiveStateCache's work, loaded with the first card),
 * shared by every card: one entry per call (its newest session and version win), one per past
 * session a card announced, at most one request in flight for each, and requests only for cards
 * that became visible. `call.updated` and `call.ended` channel events keep entries fresh without
 * asking the server again.
 */
export class LiveStateStore {
  /** The newest known state of each call. */
  private readonly current = new Map<string, LiveEntry>();
  /** Records of past sessions, by `id#session`. */
  private readonly past = new Map<string, LiveEntry>();
  /** The channel a call was announced in: events for that id count only from that channel. */
  private readonly cids = new Map<string, string>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private unbind?: () => void;
  private users = 0;

  constructor(
    private readonly api: CallApi,
    private readonly chat: CallChatClient | undefined,
  ) {}

  /**
   * The entry of a call's current session, or of `session`: a past session's record, or loading
   * while the store knows only an older session than the one asked for.
   */
  get(id: string, session?: number): LiveEntry {
    const entry = this.current.get(id) ?? IDLE;
    const known = entry.live?.session;
    if (session === undefined || known === undefined || known === session) return entry;
    if (known > session) return this.past.get(pastKey(id, session)) ?? IDLE;
    return LOADING;
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

  /** Fetches the call's state (or a past session's record) once; events keep it fresh. */
  load(id: string, session?: number): void {
    const entry = this.current.get(id) ?? IDLE;
    const known = entry.live?.session;
    if (session !== undefined && known !== undefined && known > session) {
      this.loadPast(id, session);
      return;
    }
    if (entry.status === 'loading') return;
    const stale = session !== undefined && known !== undefined && known < session;
    if (entry.status === 'ready' && !stale) return;
    this.setCurrent(id, { ...entry, status: 'loading' });
    this.api.getCallState(id).then(
      (live) => this.put(live),
      () => {
        const now = this.current.get(id) ?? IDLE;
        if (now.status === 'loading') this.setCurrent(id, { ...now, status: 'error' });
      },
    );
  }

  private loadPast(id: string, session: number): void {
    const key = pastKey(id, session);
    const entry = this.past.get(key);
    if (entry && entry.status !== 'error') return;
    this.setPast(id, session, LOADING);
    this.api.getCallState(id, { session }).then(
      (live) => this.put(live),
      () => this.setPast(id, session, { status: 'error' }),
    );
  }

  /**
   * A state that arrived (an answer, an event): the newest session and version of a call win; an
   * older session's state is kept as that session's record.
   */
  put(live: CallLiveState): void {
    const id = live.call.id;
    const known = this.current.get(id)?.live;
    const newer =
      !known ||
      live.session > known.session ||
      (live.session === known.session && live.version >= known.version);
    if (newer) {
      // The session before a new one is kept as its record, for the cards that announced it.
      if (known && live.session > known.session && known.state === 'ended') {
        this.past.set(pastKey(id, known.session), { status: 'ready', live: known });
      }
      this.setCurrent(id, { status: 'ready', live });
    } else if (live.session < known.session) {
      this.setPast(id, live.session, { status: 'ready', live });
    }
  }

  private setCurrent(id: string, entry: LiveEntry): void {
    this.current.delete(id);
    this.current.set(id, entry);
    this.trim();
    this.notify(id);
  }

  private setPast(id: string, session: number, entry: LiveEntry): void {
    const key = pastKey(id, session);
    this.past.delete(key);
    this.past.set(key, entry);
    this.trim();
    this.notify(id);
  }

  private trim(): void {
    for (const map of [this.current, this.past] as Map<string, unknown>[]) {
      for (const key of map.keys()) {
        if (map.size <= MAX_CALLS) break;
        if (!this.listeners.has(key.split('#')[0])) map.delete(key);
      }
    }
  }

  private notify(id: string): void {
    for (const l of [...(this.listeners.get(id) ?? [])]) l();
  }

  private listen(): void {
    const chat = this.chat;
    if (!chat) return;
    const onEvent = (event: CallChatEvent) => {
      const live = readCallLiveState(event.call_state ?? event);
      if (!live) return;
      const known = this.cids.get(live.call.id);
      if (known && event.cid && known !== event.cid) return;
      this.put(live);
    };
    const offs = [chat.on('call.updated', onEvent), chat.on('call.ended', onEvent)];
    this.unbind = () => {
      for (const off of offs) off();
    };
  }
}
