import type { Call, CallLiveState, CallToken, CallType, ProviderName } from './contract';
import { badRequest, CallError, conflict, forbidden, notFound } from './errors';
import { Liveness } from './liveness';
import type { ServerProvider, TokenUser } from './providers';
import type { CallRegistry, StoredCall } from './registry';
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
  log: (line: string) => void;
  /** Called once when a call ends (closes its local signaling room). */
  onEnded: (callId: string) => void;
}

const isAllowed = (m: Membership) => m.member || m.role === 'admin';
const canEnd = (m: Membership) =>
  m.role === 'admin' || (m.member && (m.role === 'owner' || m.role === 'moderator'));

/** Live state as the wire has it. */
export function toLiveState(s: StoredCall): CallLiveState {
  return {
    call: s.call,
    // Placeholders until the service keeps sessions (contract v2, the server-db work).
    session: 1,
    version: 0,
    state: s.endedAt === null ? 'ongoing' : 'ended',
    participants: s.participants,
    attendees: s.participants,
    started_at: s.startedAt,
    ended_at: s.endedAt,
    created_by: s.createdBy,
  };
}

/** The call rules (membership, idempotent creation, live state, self-ending), without HTTP. */
export class CallManager {
  private readonly creating = new Map<string, Promise<StoredCall>>();
  private readonly emptyTimers = new Map<string, NodeJS.Timeout>();
  private readonly liveness: Liveness;

  constructor(private readonly deps: CallManagerDeps) {
    // Calls left empty when the previous process stopped get their grace period again.
    for (const id of deps.registry.emptyOngoing()) {
      const s = deps.registry.get(id);
      if (s) this.scheduleEmptyEnd(id, s.createdBy.id);
    }
    this.liveness = new Liveness(deps.participantTtlMs, (id, userId) => this.silent(id, userId));
  }

  async createCall(
    userId: string,
    cid: string,
    req: { id: string; type: CallType; provider?: ProviderName },
  ): Promise<{ call: Call } & CallToken> {
    await this.requireMember(cid, userId);
    const providerName = req.provider ?? this.deps.defaultProvider;
    if (!this.deps.providers.has(providerName)) {
      throw badRequest(`The provider "${providerName}" is not configured on this call service.`);
    }
    const user = await this.user(userId);
    const stored = await this.createOnce(req.id, cid, () =>
      this.insert(req.id, cid, req.type, providerName, user),
    );
    const token = await this.tokenFor(stored.call, user);
    return { call: stored.call, ...token };
  }

  async getToken(userId: string, id: string): Promise<CallToken> {
    const { registry } = this.deps;
    const stored = registry.getCall ? registry.getCall(id) : registry.get(id);
    if (!stored) throw notFound('The call does not exist.');
    // Both at once: against Stream each is a request (the user's is cached for a minute), and
    // asked one after the other they were two round trips on the way to every join.
    const [, user] = await Promise.all([this.requireMember(stored.cid, userId), this.user(userId)]);
    // An ended call still gives tokens: "Rejoin" on its card works, and the join reopens it.
    return this.tokenFor(stored.call, user);
  }

  async state(userId: string, id: string): Promise<CallLiveState> {
    const stored = this.find(id);
    await this.requireMember(stored.cid, userId);
    if (stored.endedAt === null) {
      this.liveness.adopt(
        id,
        stored.participants.map((p) => p.user_id),
      );
    }
    return toLiveState(stored);
  }

  /**
   * `join` adds the user (and reopens an ended call: Rejoin); `alive`, repeated while in the
   * call, refreshes the user's time-to-live and never reopens a call, so a repeat that crosses
   * the call's end cannot start it again (one taken out after a long network loss is added back
   * to the ongoing call); `leave` takes the user out.
   */
  async participate(
    userId: string,
    id: string,
    action: 'join' | 'alive' | 'leave',
  ): Promise<CallLiveState> {
    const stored = this.find(id);
    await this.requireMember(stored.cid, userId);
    const { registry } = this.deps;
    if (action === 'alive') {
      const current = registry.get(id)!;
      if (current.endedAt !== null) return toLiveState(current);
      if (current.participants.some((p) => p.user_id === userId)) {
        this.liveness.heardFrom(id, userId);
        return toLiveState(current);
      }
    }
    if (action === 'join' || action === 'alive') {
      const user = await this.user(userId);
      const now = new Date().toISOString();
      // No awaits from here to the write: the call may have ended while we looked the user up.
      const current = registry.get(id)!;
      if (action === 'alive' && current.endedAt !== null) return toLiveState(current);
      this.cancelEmptyTimer(id);
      const reopened = current.endedAt !== null && registry.reopen(id, now);
      const existing = reopened
        ? undefined
        : current.participants.find((p) => p.user_id === userId);
      registry.addParticipant(id, {
        user_id: userId,
        joined_at: existing?.joined_at ?? now,
        ...(user.name ? { name: user.name } : {}),
        ...(user.image ? { image: user.image } : {}),
      });
      this.liveness.heardFrom(id, userId);
      const after = toLiveState(registry.get(id)!);
      if (!existing) await this.emit(stored.cid, 'call.updated', after, userId);
      return after;
    }
    return this.takeOut(id, stored.cid, userId);
  }

  /** Removes a participant (its leave, or its silence), tells the channel, ends an empty call. */
  private async takeOut(id: string, cid: string, userId: string): Promise<CallLiveState> {
    const { registry } = this.deps;
    this.liveness.forget(id, userId);
    const removed = registry.removeParticipant(id, userId);
    if (!removed) return toLiveState(registry.get(id)!);
    await this.emit(cid, 'call.updated', toLiveState(registry.get(id)!), userId);
    // Read again after the await: someone may have joined (or ended it) meanwhile.
    const after = registry.get(id)!;
    if (after.endedAt === null && after.participants.length === 0 && after.hadParticipants) {
      if (this.deps.emptyCallGraceMs <= 0) return this.finish(id, userId);
      this.scheduleEmptyEnd(id, userId);
    }
    return toLiveState(registry.get(id)!);
  }

  /** A participant the service has not heard from in time: taken out as if it had left. */
  private async silent(id: string, userId: string): Promise<void> {
    const stored = this.deps.registry.get(id);
    if (!stored || stored.endedAt !== null) return;
    this.deps.log(`call ${id}: ${userId} not heard from in time, taken out`);
    await this.takeOut(id, stored.cid, userId).catch((e) =>
      this.deps.log(`call ${id}: taking ${userId} out failed: ${String(e)}`),
    );
  }

  async end(userId: string, id: string): Promise<CallLiveState> {
    const stored = this.find(id);
    const membership = await this.deps.membership.getMembership(stored.cid, userId);
    if (!isAllowed(membership)) {
      throw new CallError('not-a-member', "You are not a member of this call's channel.");
    }
    if (stored.createdBy.id !== userId && !canEnd(membership)) {
      throw forbidden("Only the call's creator or a channel moderator can end the call.");
    }
    return this.finish(id, userId);
  }

  close(): void {
    for (const t of this.emptyTimers.values()) clearTimeout(t);
    this.emptyTimers.clear();
    this.liveness.close();
  }

  private async finish(id: string, userId: string): Promise<CallLiveState> {
    this.cancelEmptyTimer(id);
    this.liveness.forget(id);
    const changed = this.deps.registry.end(id, new Date().toISOString());
    const stored = this.deps.registry.get(id)!;
    const state = toLiveState(stored);
    if (changed) {
      this.deps.onEnded(id);
      await this.emit(stored.cid, 'call.ended', state, userId);
    }
    return state;
  }

  private scheduleEmptyEnd(id: string, userId: string) {
    this.cancelEmptyTimer(id);
    const timer = setTimeout(() => {
      this.emptyTimers.delete(id);
      const s = this.deps.registry.get(id);
      if (!s || s.endedAt !== null || s.participants.length > 0) return;
      this.finish(id, userId).catch((e) =>
        this.deps.log(`call ${id}: ending failed: ${String(e)}`),
      );
    }, this.deps.emptyCallGraceMs);
    timer.unref();
    this.emptyTimers.set(id, timer);
  }

  private cancelEmptyTimer(id: string) {
    const t = this.emptyTimers.get(id);
    if (t) clearTimeout(t);
    this.emptyTimers.delete(id);
  }

  /** Serialises creation per id, so two concurrent CreateCalls make one call (and one room). */
  private async createOnce(id: string, cid: string, make: () => Promise<StoredCall>) {
    for (;;) {
      const existing = this.deps.registry.get(id);
      if (existing) {
        if (existing.cid !== cid)
          throw conflict('This call id is already used by another channel.');
        return existing;
      }
      const pending = this.creating.get(id);
      if (!pending) break;
      await pending.catch(() => undefined);
    }
    const p = make();
    this.creating.set(id, p);
    try {
      return await p;
    } finally {
      this.creating.delete(id);
    }
  }

  private async insert(
    id: string,
    cid: string,
    type: CallType,
    providerName: ProviderName,
    user: TokenUser,
  ): Promise<StoredCall> {
    const room = await this.deps.providers.get(providerName)!.createRoom(id);
    const call: Call = { id, provider: providerName, type, ...room };
    const createdBy: StoredCall['createdBy'] = { id: user.id };
    if (user.name) createdBy.name = user.name;
    if (user.image) createdBy.image = user.image;
    const { stored } = this.deps.registry.createOrGet({
      call,
      cid,
      createdBy,
      now: new Date().toISOString(),
    });
    if (stored.cid !== cid) throw conflict('This call id is already used by another channel.');
    this.deps.log(`call ${id} created in ${cid} (${providerName})`);
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

  private find(id: string): StoredCall {
    const stored = this.deps.registry.get(id);
    if (!stored) throw notFound('The call does not exist.');
    return stored;
  }

  private async requireMember(cid: string, userId: string): Promise<Membership> {
    const m = await this.deps.membership.getMembership(cid, userId);
    if (!isAllowed(m)) throw new CallError('not-a-member', 'You are not a member of this channel.');
    return m;
  }

  private async user(userId: string): Promise<TokenUser> {
    try {
      const u = await this.deps.membership.getUser?.(userId);
      const out: TokenUser = { id: userId };
      if (typeof u?.name === 'string' && u.name) out.name = u.name.slice(0, 200);
      if (typeof u?.image === 'string' && u.image) out.image = u.image.slice(0, 2000);
      return out;
    } catch {
      return { id: userId };
    }
  }

  private async emit(cid: string, type: string, state: CallLiveState, userId: string) {
    if (!this.deps.events) return;
    try {
      await this.deps.events.sendChannelEvent(cid, { type, call_state: state }, userId);
    } catch (e) {
      this.deps.log(`event ${type} to ${cid} failed: ${e instanceof Error ? e.message : 'error'}`);
    }
  }
}
