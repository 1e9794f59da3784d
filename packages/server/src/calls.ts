import {
  type Call,
  type CallLiveState,
  type CallToken,
  type CallType,
  CHANNEL_CALL_ID_PREFIX,
  type ClientEndReason,
  channelCallId,
  type ProviderName,
} from './contract';
import { badRequest, CallError, conflict, forbidden, notFound } from './errors';
import type { ServerProvider, TokenUser } from './providers';
import {
  type CallRegistry,
  type Person,
  type StoredCall,
  type TakeOut,
  toLiveState,
} from './registry';
import type { ChannelEventSink, Membership, MembershipStore } from './types';

export interface CallManagerDeps {
  registry: CallRegistry;
  providers: Map<ProviderName, ServerProvider>;
  defaultProvider: ProviderName;
  membership: MembershipStore;
  events?: ChannelEventSink;
  emptyCallGraceMs: number;
  /** Participants not heard from for this long are taken out (0: never). */
  participantTtlMs: number;
  /** How often a participant's `alive` checks its channel membership again. */
  membershipRecheckMs: number;
  log: (line: string) => void;
  /** Called once when a call ends, on the instance that ended it (closes its signaling room). */
  onEnded: (call: Call) => void;
}

export { toLiveState };

const isAllowed = (m: Membership) => m.member || m.role === 'admin';
const canEnd = (m: Membership) =>
  m.role === 'admin' || (m.member && (m.role === 'owner' || m.role === 'moderator'));

/** Non-members learn nothing of a call: they get the answer an unknown call gets. */
const unknownCall = () => notFound('The call does not exist.');
const callEnded = () => new CallError('call-ended', 'The call has ended.');

/** How long one instance may take to create a provider room before another may try. */
const ROOM_CLAIM_MS = 15_000;
/** Sweeps for calls left empty run at least this often (and on a wake-up after each leave). */
const MAX_EMPTY_SWEEP_MS = 5_000;

/**
 * The call rules (membership, creation, sessions, live state, self-ending), without HTTP. The
 * rules that read before they write are single registry operations (one transaction each, the
 * call's row locked), so any number of instances may share one database; the operation that
 * changed the call tells the channel, after its commit (at most once: a failed send is logged).
 * Every instance sweeps the database for silent participants and calls left empty, so nothing
 * depends on the instance that saw the last leave.
 */
export class CallManager {
  /** Same-process CreateCalls of one id share one attempt (the database settles the rest). */
  private readonly creating = new Map<string, Promise<StoredCall>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sweeps = new Set<Promise<void>>();
  private sweepingSilent = false;
  private sweepingEmpty = false;
  private closed = false;

  constructor(private readonly deps: CallManagerDeps) {
    const { participantTtlMs: ttl, emptyCallGraceMs: grace } = deps;
    if (ttl > 0) this.every(Math.max(ttl / 3, 10), () => this.sweepSilent());
    this.every(Math.min(Math.max(grace / 2, 100), MAX_EMPTY_SWEEP_MS), () => this.sweepEmpty());
    // Calls left empty while no instance ran end now, once their grace has passed.
    this.wakeUp(0);
  }

  /**
   * CreateCall for a member of `cid`: creates the call (or its next session, when the id's call
   * has ended) and mints the starter's token. An id used in another channel is a 409.
   */
  async createCall(
    userId: string,
    cid: string,
    req: { id: string; type: CallType; provider?: ProviderName },
  ): Promise<{ call: Call; session: number } & CallToken> {
    if (req.id.startsWith(CHANNEL_CALL_ID_PREFIX) && req.id !== channelCallId(cid)) {
      throw badRequest('Call ids starting with "ch-" are reserved for their own channel.');
    }
    await this.requireMember(cid, userId);
    const providerName = req.provider ?? this.deps.defaultProvider;
    if (!this.deps.providers.has(providerName)) {
      throw badRequest(`The provider "${providerName}" is not configured on this call service.`);
    }
    const user = await this.user(userId);
    let stored = await this.createOnce(req.id, cid, req.type, providerName, user);
    if (stored.cid !== cid) throw conflict('This call id is already used by another channel.');
    if (stored.endedAt !== null) {
      // "Call again": the next session, in the same provider room.
      const next = await this.deps.registry.newSession(req.id, {
        type: req.type,
        createdBy: user,
      });
      stored = next!.stored;
      if (next!.changed) {
        this.deps.log(`call ${req.id}: session ${stored.session} started`);
        await this.emit(stored, 'call.updated', userId);
      }
    }
    const token = await this.tokenFor(stored.call, user);
    return { call: stored.call, session: stored.session, ...token };
  }

  /** GetCallToken: a member's token for the call's current session; 410 once it has ended. */
  async getToken(userId: string, id: string): Promise<CallToken> {
    const found = await this.deps.registry.getCall(id);
    if (!found) throw unknownCall();
    // Both at once: against Stream each is a request (the user's is cached for a minute), and
    // asked one after the other they were two round trips on the way to every join.
    const [, user] = await Promise.all([
      this.requireCallMember(found.cid, userId),
      this.user(userId),
    ]);
    // An ended session admits nobody: "Call again" is CreateCall, which starts the next one.
    if (found.ended) throw callEnded();
    return this.tokenFor(found.call, user);
  }

  /** The current session's live state, or the record of `session` when given. */
  async state(userId: string, id: string, session?: number): Promise<CallLiveState> {
    const stored = await this.find(id);
    await this.requireCallMember(stored.cid, userId);
    return this.record(stored, session);
  }

  /**
   * `join` adds the user to the ongoing session (an ended one, or a `session` that is not the
   * current one, is 410: joining never reopens a call; "Call again" is CreateCall). `alive`,
   * repeated while in the call, refreshes the user's time-to-live and adds back one taken out
   * while unheard, but never reopens a call. `leave` takes the user out. `alive` and `leave`
   * for a session that is not the current one change nothing and answer that session's state.
   */
  async participate(
    userId: string,
    id: string,
    action: 'join' | 'alive' | 'leave',
    session?: number,
  ): Promise<CallLiveState> {
    const { registry } = this.deps;
    if (action === 'alive') {
      // A participant's repeated report: one UPDATE. Its membership was checked when it joined
      // and is checked again at most every membershipRecheckMs, not every 30 s.
      const seen = await registry.alive(id, userId, session);
      if (seen) {
        const current = (await registry.get(id))!;
        if (seen.sinceCheckMs >= this.deps.membershipRecheckMs) {
          const m = await this.deps.membership.getMembership(current.cid, userId);
          if (!isAllowed(m)) {
            // No longer in the channel: out of its call, and answered as for an unknown call.
            const out = await registry.leave(id, userId, this.deps.emptyCallGraceMs);
            if (out?.changed) await this.tookOut(out);
            throw unknownCall();
          }
          await registry.memberChecked(id, userId);
        }
        return this.record(current, session);
      }
    }
    // The channel from GetCallToken's memo: the change itself reads the call under its lock.
    const found = await registry.getCall(id);
    if (!found) throw unknownCall();
    await this.requireCallMember(found.cid, userId);
    if (action === 'leave') {
      const out = await registry.leave(id, userId, this.deps.emptyCallGraceMs, session);
      if (!out) throw unknownCall();
      if (out.changed) await this.tookOut(out);
      return this.record(out.stored, session);
    }
    const user = await this.user(userId);
    // An `alive` adds back only into the session it was sent for (the one it last saw).
    const joined = await registry.join(
      id,
      user,
      session ?? (action === 'alive' ? found.session : undefined),
    );
    if (!joined) throw unknownCall();
    if ('refused' in joined) {
      if (action === 'join') throw callEnded();
      return this.record(joined.stored, session ?? found.session);
    }
    if (joined.changed) await this.emit(joined.stored, 'call.updated', userId);
    return toLiveState(joined.stored);
  }

  /**
   * Ends the current session for everyone, for `reason` (default `'ended'`). A `session` that is
   * not the current one changes nothing and answers that session's state.
   */
  async end(
    userId: string,
    id: string,
    { reason = 'ended', session }: { reason?: ClientEndReason; session?: number } = {},
  ): Promise<CallLiveState> {
    const stored = await this.find(id);
    const membership = await this.requireCallMember(stored.cid, userId);
    if (session !== undefined && session !== stored.session) return this.record(stored, session);
    if (stored.createdBy.id !== userId && !canEnd(membership)) {
      throw forbidden("Only the call's creator or a channel moderator can end the call.");
    }
    // Only the session whose starter was checked: one started meanwhile is left alone.
    const out = await this.deps.registry.end(id, reason, stored.session);
    if (out?.changed) await this.ended(out.stored, userId);
    return this.record(out?.stored ?? stored, stored.session);
  }

  /** Stops the sweeps and waits for one that is running. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.sweeps]);
  }

  /** A participant left or went silent: tell the channel; an emptied call ends after grace. */
  private async tookOut(out: TakeOut): Promise<void> {
    if (out.ended) {
      await this.ended(out.stored, out.userId);
      return;
    }
    await this.emit(out.stored, 'call.updated', out.userId);
    if (out.stored.participants.length === 0) this.wakeUp(this.deps.emptyCallGraceMs);
  }

  private async ended(stored: StoredCall, userId: string): Promise<void> {
    this.deps.onEnded(stored.call);
    await this.emit(stored, 'call.ended', userId);
  }

  /** The state of `session` (the current one when undefined): past ones are their record. */
  private async record(current: StoredCall, session: number | undefined): Promise<CallLiveState> {
    if (session === undefined || session === current.session) return toLiveState(current);
    const found = await this.deps.registry.pastSession(current.call.id, session);
    if (!found) throw notFound('The call has no such session.');
    return found;
  }

  private every(ms: number, sweep: () => Promise<void>) {
    const timer = setInterval(() => this.track(sweep()), ms);
    timer.unref();
    this.timers.add(timer);
  }

  /** Sweeps for empty calls once `ms` (a grace period) has passed, besides the regular sweep. */
  private wakeUp(ms: number) {
    if (this.closed) return;
    // A little after: the database's clock decides, and it must have passed the grace too.
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.track(this.sweepEmpty());
    }, ms + 20);
    timer.unref();
    this.timers.add(timer);
  }

  private track(p: Promise<void>) {
    this.sweeps.add(p);
    void p.finally(() => this.sweeps.delete(p));
  }

  private async sweepSilent(): Promise<void> {
    if (this.sweepingSilent || this.closed) return;
    this.sweepingSilent = true;
    try {
      const { participantTtlMs, emptyCallGraceMs } = this.deps;
      for (const out of await this.deps.registry.sweepSilent(participantTtlMs, emptyCallGraceMs)) {
        this.deps.log(
          `call ${out.stored.call.id}: ${out.userId} not heard from in time, taken out`,
        );
        await this.tookOut(out);
      }
    } catch (e) {
      this.deps.log(`sweeping silent participants failed: ${describe(e)}`);
    } finally {
      this.sweepingSilent = false;
    }
  }

  private async sweepEmpty(): Promise<void> {
    if (this.sweepingEmpty || this.closed) return;
    this.sweepingEmpty = true;
    try {
      for (const stored of await this.deps.registry.sweepEmpty(this.deps.emptyCallGraceMs)) {
        await this.ended(stored, stored.createdBy.id);
      }
    } catch (e) {
      this.deps.log(`sweeping empty calls failed: ${describe(e)}`);
    } finally {
      this.sweepingEmpty = false;
    }
  }

  /** The call, created once: per process one attempt per id, across processes the database. */
  private createOnce(
    id: string,
    cid: string,
    type: CallType,
    providerName: ProviderName,
    user: TokenUser,
  ): Promise<StoredCall> {
    const pending = this.creating.get(id);
    if (pending) return pending;
    const p = this.getOrCreate(id, cid, type, providerName, user);
    this.creating.set(id, p);
    return p.finally(() => this.creating.delete(id));
  }

  private async getOrCreate(
    id: string,
    cid: string,
    type: CallType,
    providerName: ProviderName,
    user: TokenUser,
  ): Promise<StoredCall> {
    const { registry } = this.deps;
    const provider = this.deps.providers.get(providerName)!;
    // A room made locally (Agora, local): the insert itself answers the call that exists.
    if (!provider.createsRooms) return this.insert(id, cid, type, provider, user);
    const existing = await registry.get(id);
    if (existing) return existing;
    // A room made remotely (100ms) is made once per call across instances: whoever holds the
    // claim makes it; the others wait for the call to appear (or the claim to expire).
    const started = Date.now();
    for (;;) {
      if (await registry.claimRoom(id, ROOM_CLAIM_MS)) {
        try {
          return (await registry.get(id)) ?? (await this.insert(id, cid, type, provider, user));
        } finally {
          await registry.releaseRoom(id).catch(() => {});
        }
      }
      await new Promise((r) => setTimeout(r, 25));
      const made = await registry.get(id);
      if (made) return made;
      if (Date.now() - started > 2 * ROOM_CLAIM_MS) {
        throw new CallError('internal', 'Timed out waiting for the call to be created.');
      }
    }
  }

  private async insert(
    id: string,
    cid: string,
    type: CallType,
    provider: ServerProvider,
    user: TokenUser,
  ): Promise<StoredCall> {
    const room = await provider.createRoom(id);
    const call: Call = { id, provider: provider.name, type, ...room };
    const { created, stored } = await this.deps.registry.create({ call, cid, createdBy: user });
    if (created) this.deps.log(`call ${id} created in ${cid} (${provider.name})`);
    return stored;
  }

  private tokenFor(call: Call, user: TokenUser): Promise<CallToken> {
    const provider = this.deps.providers.get(call.provider);
    if (!provider) {
      return Promise.reject(
        new CallError(
          'provider-unavailable',
          `The provider "${call.provider}" is no longer configured.`,
        ),
      );
    }
    return provider.token(call, user);
  }

  private async find(id: string): Promise<StoredCall> {
    const stored = await this.deps.registry.get(id);
    if (!stored) throw unknownCall();
    return stored;
  }

  private async requireMember(cid: string, userId: string): Promise<Membership> {
    const m = await this.deps.membership.getMembership(cid, userId);
    if (!isAllowed(m)) throw new CallError('not-a-member', 'You are not a member of this channel.');
    return m;
  }

  /** Membership of a call's channel: a non-member is told the call does not exist (404). */
  private async requireCallMember(cid: string, userId: string): Promise<Membership> {
    const m = await this.deps.membership.getMembership(cid, userId);
    if (!isAllowed(m)) throw unknownCall();
    return m;
  }

  private async user(userId: string): Promise<Person> {
    try {
      const u = await this.deps.membership.getUser?.(userId);
      const out: Person = { id: userId };
      if (typeof u?.name === 'string' && u.name) out.name = u.name.slice(0, 200);
      if (typeof u?.image === 'string' && u.image) out.image = u.image.slice(0, 2000);
      return out;
    } catch {
      return { id: userId };
    }
  }

  private async emit(stored: StoredCall, type: string, userId: string) {
    if (!this.deps.events) return;
    try {
      await this.deps.events.sendChannelEvent(
        stored.cid,
        { type, call_state: toLiveState(stored) },
        userId,
      );
    } catch (e) {
      this.deps.log(`event ${type} to ${stored.cid} failed: ${describe(e)}`);
    }
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : 'error';
}
