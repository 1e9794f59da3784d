import {
  type Call,
  type CallEndReason,
  type CallLiveState,
  type CallToken,
  type CallType,
  CHANNEL_CALL_ID_PREFIX,
  type ClientEndReason,
  channelCallId,
  type ProviderName,
} from './contract';
import { badRequest, CallError, conflict, forbidden, notFound } from './errors';
import { Liveness } from './liveness';
import type { ServerProvider, TokenUser } from './providers';
import { type CallRegistry, type StoredCall, toLiveState } from './registry';
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

export { toLiveState };

/** Non-members learn nothing of a call: they get the answer an unknown call gets. */
const unknownCall = () => notFound('The call does not exist.');
const callEnded = () => new CallError('call-ended', 'The call has ended.');

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
    let stored = await this.createOnce(req.id, cid, () =>
      this.insert(req.id, cid, req.type, providerName, user),
    );
    if (stored.endedAt !== null) stored = await this.nextSession(stored, req.type, user);
    const token = await this.tokenFor(stored.call, user);
    return { call: stored.call, session: stored.session, ...token };
  }

  /** CreateCall on an ended call: its next session, in the same provider room. */
  private async nextSession(
    stored: StoredCall,
    type: CallType,
    user: TokenUser,
  ): Promise<StoredCall> {
    const { registry } = this.deps;
    const id = stored.call.id;
    const started = registry.newSession(id, {
      type,
      createdBy: creator(user),
      now: new Date().toISOString(),
    });
    const after = registry.get(id)!;
    if (started) {
      this.deps.log(`call ${id}: session ${after.session} started`);
      await this.emit(stored.cid, 'call.updated', toLiveState(after), user.id);
    }
    return after;
  }

  async getToken(userId: string, id: string): Promise<CallToken> {
    const { registry } = this.deps;
    const found = registry.getCall ? registry.getCall(id) : registry.get(id);
    if (!found) throw unknownCall();
    // Both at once: against Stream each is a request (the user's is cached for a minute), and
    // asked one after the other they were two round trips on the way to every join.
    const [, user] = await Promise.all([
      this.requireCallMember(found.cid, userId),
      this.user(userId),
    ]);
    // An ended session admits nobody: "Call again" is CreateCall, which starts the next one.
    if ('ended' in found ? found.ended : found.endedAt !== null) throw callEnded();
    return this.tokenFor(found.call, user);
  }

  /** The current session's live state, or the record of `session` when given. */
  async state(userId: string, id: string, session?: number): Promise<CallLiveState> {
    const stored = this.find(id);
    await this.requireCallMember(stored.cid, userId);
    if (session !== undefined && session !== stored.session) return this.record(stored, session);
    if (stored.endedAt === null) {
      this.liveness.adopt(
        id,
        stored.participants.map((p) => p.user_id),
      );
    }
    return toLiveState(stored);
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
    const stored = this.find(id);
    await this.requireCallMember(stored.cid, userId);
    const { registry } = this.deps;
    if (session !== undefined && session !== stored.session) {
      if (action === 'join') throw callEnded();
      return this.record(stored, session);
    }
    if (action === 'leave') return this.takeOut(id, stored.cid, userId);
    if (stored.endedAt !== null) {
      if (action === 'join') throw callEnded();
      return toLiveState(stored);
    }
    if (action === 'alive' && stored.participants.some((p) => p.user_id === userId)) {
      this.liveness.heardFrom(id, userId);
      return toLiveState(stored);
    }
    const user = await this.user(userId);
    // No awaits from here to the write: the call may have ended, or started its next session,
    // while we looked the user up.
    const current = registry.get(id)!;
    if (current.session !== stored.session || current.endedAt !== null) {
      if (action === 'join') throw callEnded();
      return current.session === stored.session
        ? toLiveState(current)
        : this.record(current, stored.session);
    }
    this.cancelEmptyTimer(id);
    const added = registry.addParticipant(id, {
      user_id: userId,
      joined_at: new Date().toISOString(),
      ...(user.name ? { name: user.name } : {}),
      ...(user.image ? { image: user.image } : {}),
    });
    this.liveness.heardFrom(id, userId);
    const after = toLiveState(registry.get(id)!);
    if (added) await this.emit(stored.cid, 'call.updated', after, userId);
    return after;
  }

  /** The record of a session other than the current one (404 when there is none). */
  private record(stored: StoredCall, session: number): CallLiveState {
    const found =
      session === stored.session
        ? toLiveState(stored)
        : this.deps.registry.pastSession(stored.call.id, session);
    if (!found) throw notFound('The call has no such session.');
    return found;
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
      if (this.deps.emptyCallGraceMs <= 0) return this.finish(id, userId, 'empty');
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

  /**
   * Ends the current session for everyone, for `reason` (default `'ended'`). A `session` that is
   * not the current one changes nothing and answers that session's state.
   */
  async end(
    userId: string,
    id: string,
    { reason = 'ended', session }: { reason?: ClientEndReason; session?: number } = {},
  ): Promise<CallLiveState> {
    const stored = this.find(id);
    const membership = await this.requireCallMember(stored.cid, userId);
    if (session !== undefined && session !== stored.session) return this.record(stored, session);
    if (stored.createdBy.id !== userId && !canEnd(membership)) {
      throw forbidden("Only the call's creator or a channel moderator can end the call.");
    }
    return this.finish(id, userId, reason);
  }

  close(): void {
    for (const t of this.emptyTimers.values()) clearTimeout(t);
    this.emptyTimers.clear();
    this.liveness.close();
  }

  private async finish(id: string, userId: string, reason: CallEndReason): Promise<CallLiveState> {
    this.cancelEmptyTimer(id);
    this.liveness.forget(id);
    const changed = this.deps.registry.end(id, new Date().toISOString(), reason);
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
      this.finish(id, userId, 'empty').catch((e) =>
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
    const { stored } = this.deps.registry.createOrGet({
      call,
      cid,
      createdBy: creator(user),
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

function creator(user: TokenUser): StoredCall['createdBy'] {
  const out: StoredCall['createdBy'] = { id: user.id };
  if (user.name) out.name = user.name;
  if (user.image) out.image = user.image;
  return out;
}
