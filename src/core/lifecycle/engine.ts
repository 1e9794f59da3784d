/**
 * The call lifecycle's work, loaded with the first start, join or ring (CallController is its
 * small, eager face): the one active session, starting and ringing, answers to rings, switching
 * between calls, and calls that end under the user.
 */
import { buildCallAttachment } from '../attachment';
import type { CallChannel, CallChatEvent } from '../channel';
import { CallKitError, toCallKitError } from '../errors';
import { channelCallId, createCallId } from '../ids';
import type { CallSession } from '../session';
import { sessionCode } from '../sessionCode';
import type { Call } from '../types';
import { channelLabel } from './channelLabel';
import { readDecline, readLiveEvent } from './events';
import { IncomingRinger } from './incoming';
import { OutgoingRinger } from './outgoing';
import type {
  CallSwitchRequest,
  JoinCallOptions,
  LifecycleHost,
  OutcomeReason,
  RingingMember,
  StartCallOptions,
  StartCallOutcome,
} from './types';

const noop = () => {};
const DEFAULT_RING_TIMEOUT_MS = 30_000;

export class Lifecycle {
  private readonly incoming: IncomingRinger;
  private readonly outgoing: OutgoingRinger;
  /** start/join/leave run one after another: a double click or StrictMode cannot fork sessions. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Operations started and not settled. */
  private pending = 0;
  private unbind?: () => void;
  private channel?: CallChannel;
  private asking?: (yes: boolean) => void;
  /** The last start, for Call again from "No answer". */
  private lastStart?: StartCallOptions;
  private destroyed = false;

  constructor(private readonly host: LifecycleHost) {
    this.incoming = new IncomingRinger(host, {
      inCall: (id) => this.isActive(this.session) && this.session?.state.call?.id === id,
      busy: () => this.isActive(this.session),
      sendDecline: (ring, reason) =>
        void ring.channel
          .sendEvent({
            type: 'call.declined',
            call_id: ring.call.id,
            session: ring.session,
            reason,
          })
          .catch(noop), // the caller's ring times out on its own
    });
    this.outgoing = new OutgoingRinger(host, (reason) => void this.finish(reason));
  }

  private get session(): CallSession | null {
    return this.host.getSnapshot().session;
  }

  private isActive(session: CallSession | null): session is CallSession {
    return Boolean(session?.isActive);
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    // Nothing queued: the operation starts in the caller's own tick (a Start's request goes out
    // within the click, before the UI re-renders).
    const next = this.pending === 0 ? op() : this.queue.then(op, op);
    this.pending += 1;
    const done = () => {
      this.pending -= 1;
    };
    this.queue = next.then(done, done);
    return next;
  }

  handle(event: CallChatEvent): void {
    switch (event.type) {
      case 'call.ring':
        if (this.host.options.ringing !== false) this.incoming.ring(event);
        return;
      case 'call.declined': {
        const decline = readDecline(event);
        if (decline) this.outgoing.declined(decline);
        return;
      }
      case 'call.updated': {
        const live = readLiveEvent(event)?.live;
        if (live) this.outgoing.live(live);
        return;
      }
      case 'call.ended':
        this.incoming.ended(event);
        this.leaveIfEnded(event);
        return;
    }
  }

  /**
   * A `call.ended` event naming the user's call: asks the call service, and leaves only when the
   * call really ended (any member can send a custom event; the event alone ends nobody's call).
   */
  private leaveIfEnded(event: CallChatEvent): void {
    const ended = readLiveEvent(event);
    const session = this.session;
    const call = session?.state.call;
    if (!ended || !this.isActive(session) || call?.id !== ended.id) return;
    const { callSession } = session.state;
    this.host.options.api
      .getCallState(ended.id, callSession === undefined ? {} : { session: callSession })
      .then((live) => {
        this.host.liveStates.put(live);
        if (live.state === 'ended' && this.session === session) void session.leave('ended');
      })
      .catch(noop); // unknown: stay; the provider ends the room too when the call really ended
  }

  /**
   * A new session in place of the last one. `first` runs with it before it is published (and a
   * UI renders it): a start's CreateCall request goes out before the caller's view is drawn.
   */
  private async replaceSession(
    channel?: CallChannel,
    first?: (session: CallSession) => void,
  ): Promise<CallSession> {
    const previous = this.session;
    if (previous?.isActive) await previous.leave();
    const { CallSession } = sessionCode.current ?? (await sessionCode.load());
    if (this.destroyed) throw new CallKitError('aborted', 'The call controller was destroyed.');
    this.unbind?.();
    this.unbind = undefined;
    // Already left: this only drops its listeners.
    if (previous) void previous.destroy();
    const { api, providers, user, joinTimeoutMs, serviceURL } = this.host.options;
    const session = new CallSession({ api, providers, user, joinTimeoutMs, serviceURL });
    const { events, liveStates } = this.host;
    const offs = [
      session.events.on('call.joined', (e) => events.emit('call.joined', e)),
      session.events.on('call.left', (e) => {
        this.left(session);
        events.emit('call.ended', e);
      }),
      session.events.on('call.failed', (e) => events.emit('error', e)),
      session.events.on('call.updated', ({ live }) => {
        liveStates.put(live);
        this.outgoing.live(live);
      }),
      session.subscribe(() => this.incoming.sessionChanged()),
    ];
    this.unbind = () => {
      for (const off of offs) off();
    };
    this.channel = channel;
    first?.(session);
    this.host.update({ session });
    return session;
  }

  /**
   * The user left a call they were ringing others into: nobody answered yet, so the call ends
   * ('cancelled') and stops ringing everywhere; otherwise the ring state just goes.
   */
  private left(session: CallSession): void {
    const o = this.host.getSnapshot().outgoing;
    if (!o?.call || session.state.call?.id !== o.call.id) return;
    const ringing = o.status === 'ringing' && !this.outgoing.answered;
    this.outgoing.stop();
    if (!ringing) return;
    const { api } = this.host.options;
    const options = o.session === undefined ? {} : { session: o.session };
    api
      .endCall(o.call.id, { reason: 'cancelled', ...options })
      .then((live) => this.host.liveStates.put(live), noop);
  }

  /** Asks the user before leaving their call for another; resolves with their answer. */
  private askSwitch(to: CallSwitchRequest['to']): Promise<boolean> {
    const call = this.session?.state.call;
    if (!call) return Promise.resolve(true);
    this.asking?.(false);
    const me = this.host.options.user.id;
    const channelName = this.channel ? channelLabel(this.channel, me) : undefined;
    return new Promise<boolean>((resolve) => {
      this.asking = (yes) => {
        this.asking = undefined;
        this.host.update({ switching: undefined });
        resolve(yes);
      };
      this.host.update({ switching: { from: { call, channelName }, to } });
    });
  }

  answerSwitch(yes: boolean): void {
    this.asking?.(yes);
  }

  async start(options: StartCallOptions): Promise<StartCallOutcome> {
    const { channel, type, callId, join = true, text = '' } = options;
    const { user, ringTimeoutMs: timeout_ms = DEFAULT_RING_TIMEOUT_MS } = this.host.options;
    if (!channel.id) {
      return { ok: false, error: new CallKitError('invalid-request', 'There is no channel.') };
    }
    const ref = { type: channel.type, id: channel.id, cid: channel.cid };
    const id =
      callId === 'channel'
        ? channelCallId(ref)
        : !callId || callId === 'unique'
          ? createCallId()
          : callId;
    const current = this.session;
    if (this.isActive(current)) {
      if (current.state.call?.id === id)
        return { ok: true, call: current.state.call, session: current };
      if (!options.leaveCurrent) {
        const yes = await this.askSwitch({
          action: 'start',
          channelName: channelLabel(channel, user.id),
        });
        if (!yes)
          return { ok: false, error: new CallKitError('aborted', 'Stayed in the current call.') };
      }
    }
    this.lastStart = options;
    const members = channel
      .members()
      .filter((m) => m.id !== user.id)
      .map((m) => ({ ...m, status: 'ringing' as const }));
    const ring = (options.ring ?? this.host.options.ringing ?? true) && members.length > 0;
    // The caller follows the ring (who answered, "No answer") as they join. A call started without
    // joining (a pre-join preview first) rings once its starter joins: nobody is rung into a call
    // its caller may still cancel.
    const follow = ring && join;
    const later = ring && !join;
    if (!follow) this.outgoing.stop();
    if (this.host.getSnapshot().outcome) this.host.update({ outcome: undefined });
    let session: CallSession | undefined;
    try {
      return await this.serial(async () => {
        let ringing: Promise<unknown> = Promise.resolve();
        let announced: Promise<void> = Promise.resolve();
        const rung = members.map((m) => m.id);
        const onCreated = ({ call, session: n }: { call: Call; session: number }) => {
          // The members hear of the call first: the ring goes out before the caller's own view
          // updates, and the announcement right after it (sent together, the message's work on
          // the server held the ring back). Ringing is a courtesy: the call is announced and
          // joinable without it.
          if (follow) {
            ringing = channel
              .sendEvent({ type: 'call.ring', call, session: n, members: rung, timeout_ms })
              .catch(noop);
          }
          announced = ringing.then(() => this.announce(channel, call, n, options.notify, text));
        };
        let creating: ReturnType<CallSession['create']> | undefined;
        session = await this.replaceSession(channel, (s) => {
          const request = { id, type, ...(options.options ? { options: options.options } : {}) };
          creating = s.create(ref, request, onCreated);
          // "Calling Bob…" once the request is on its way: the view renders in this same frame.
          if (follow) this.outgoing.begin({ channel, type, members });
        });
        // Set by replaceSession's callback, before it returns.
        const created = await creating!;
        const { call } = created;
        this.host.events.emit('call.started', { call, channel: ref });
        this.outgoing.created(call, created.session);
        await ringing;
        if (ring && follow && this.host.getSnapshot().outgoing) {
          this.outgoing.ringing(timeout_ms, session);
        }
        await announced;
        if (join) void session.join({ call });
        else if (later) this.ringOnJoin(session, { channel, type, members, timeout_ms });
        return { ok: true as const, call, session };
      });
    } catch (e) {
      const error = toCallKitError(e, 'server-error');
      const s = session as CallSession | undefined;
      if (s?.state.call) {
        // Created but not announced: nobody can find it, so do not sit in it alone (leaving a
        // call that rang ends it as cancelled, which stops the ring). The session reported
        // CreateCall's own failures; this one it has not seen.
        if (s.isActive) void s.leave();
        this.host.events.emit('error', { error, call: s.state.call });
      }
      this.outgoing.stop();
      return { ok: false, error };
    }
  }

  /**
   * Rings a started call's members once its starter joins it (after a pre-join preview): the
   * caller then sees "Calling Bob…" as with a direct start. Leaving before joining cancels the
   * call (it was announced: its card then says so, and nobody was rung).
   */
  private ringOnJoin(
    session: CallSession,
    ring: {
      channel: CallChannel;
      type: Call['type'];
      members: RingingMember[];
      timeout_ms: number;
    },
  ): void {
    const { channel, type, members, timeout_ms } = ring;
    const call = session.state.call;
    const n = session.state.callSession;
    if (!call || n === undefined) return;
    const off = session.subscribe(() => {
      const { callingState } = session.state;
      if (callingState === 'joining' || callingState === 'joined') {
        off();
        if (this.session !== session) return;
        this.outgoing.begin({ channel, type, members });
        this.outgoing.created(call, n);
        const rung = members.map((m) => m.id);
        void channel
          .sendEvent({ type: 'call.ring', call, session: n, members: rung, timeout_ms })
          .catch(noop)
          .then(() => {
            if (this.host.getSnapshot().outgoing) this.outgoing.ringing(timeout_ms, session);
          });
      } else if (callingState === 'left') {
        off();
        const { api } = this.host.options;
        void api
          .endCall(call.id, { reason: 'cancelled', session: n })
          .then((live) => this.host.liveStates.put(live), noop);
      }
    });
  }

  private async announce(
    channel: CallChannel,
    call: Call,
    session: number,
    notify = this.host.options.notify ?? 'message',
    text: string,
  ): Promise<void> {
    if (notify === 'channel') await channel.setCall(call);
    else if (notify === 'event') await channel.sendEvent({ type: 'call.created', call, session });
    // The call's public fields only: CreateCall's token never goes into a message.
    else
      await channel.sendMessage({ text, attachments: [{ ...buildCallAttachment(call, session) }] });
  }

  async join(call: Call, options: JoinCallOptions = {}): Promise<CallSession | undefined> {
    const { channel, leaveCurrent, ...request } = options;
    const current = this.session;
    if (this.isActive(current) && current.state.call?.id !== call.id && !leaveCurrent) {
      const me = this.host.options.user.id;
      const channelName = channel ? channelLabel(channel, me) : undefined;
      if (!(await this.askSwitch({ action: 'join', call, channelName }))) return undefined;
    }
    return this.serial(async () => {
      const now = this.session;
      const ref = channel && { type: channel.type, id: channel.id, cid: channel.cid };
      if (this.isActive(now) && now.state.call?.id === call.id) {
        if (now.state.callingState === 'starting') void now.join({ ...request, call });
        return now;
      }
      if (this.host.getSnapshot().outcome) this.host.update({ outcome: undefined });
      const session = await this.replaceSession(channel);
      void session.join({ ...request, call, ...(ref ? { channel: ref } : {}) });
      return session;
    });
  }

  /** Leaves the active call: at once, and again after any start or join still queued. */
  async leave(): Promise<void> {
    const o = this.host.getSnapshot().outgoing;
    if (o?.direct && o.status === 'ringing') return this.cancel();
    const now = this.session?.leave();
    await this.serial(async () => {
      await this.session?.leave();
    });
    await now;
  }

  async accept(): Promise<void> {
    const ring = this.incoming.take();
    if (!ring) return;
    await this.join(ring.call, {
      callSession: ring.session,
      channel: ring.channel,
      leaveCurrent: true,
    });
  }

  async decline(): Promise<void> {
    this.incoming.decline();
  }

  /** Cancels a ringing 1:1 call: it ends for everyone ('cancelled'), no outcome is shown. */
  async cancel(): Promise<void> {
    const o = this.host.getSnapshot().outgoing;
    if (!o) return this.leave();
    this.outgoing.stop();
    const session = this.session;
    if (!o.call || session?.state.call?.id !== o.call.id) {
      await session?.leave();
      return;
    }
    await this.endSession(session, 'cancelled');
  }

  /** A 1:1 call came back: it ends with the reason, and the caller sees why. */
  private async finish(reason: OutcomeReason): Promise<void> {
    const o = this.host.getSnapshot().outgoing;
    if (!o?.call) return;
    this.outgoing.stop(false);
    this.host.update({
      outgoing: undefined,
      outcome: { reason, call: o.call, type: o.type, channel: o.channel, members: o.members },
    });
    const session = this.session;
    if (session?.state.call?.id === o.call.id) await this.endSession(session, reason);
  }

  private async endSession(
    session: CallSession,
    reason: OutcomeReason | 'cancelled',
  ): Promise<void> {
    // Ended by its starter's client; when the service cannot be told, the call still ends here
    // (its last participant leaving ends it for the service).
    await session.end({ reason }).catch(() => session.leave());
  }

  /** Starts the last outgoing call again ("Call again" after "No answer"). */
  async callAgain(): Promise<StartCallOutcome | undefined> {
    const { outcome } = this.host.getSnapshot();
    const last = this.lastStart;
    if (!outcome || !last) return undefined;
    this.host.update({ outcome: undefined });
    const reuse = last.callId !== undefined && last.callId !== 'unique';
    return this.start({ ...last, callId: reuse ? last.callId : 'unique', leaveCurrent: true });
  }

  /** Listening stopped. */
  stopRinging(): void {
    this.incoming.stop();
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    this.asking?.(false);
    this.incoming.stop();
    this.outgoing.stop(false);
    const session = this.session;
    this.unbind?.();
    this.unbind = undefined;
    await session?.destroy();
    await this.queue;
  }
}
