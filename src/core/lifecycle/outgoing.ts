import type { CallChannel } from '../channel';
import type { CallSession } from '../session';
import type { Call, CallLiveState, CallType } from '../types';
import type { DeclineEvent } from './events';
import type {
  LifecycleHost,
  OutcomeReason,
  OutgoingRing,
  RingingMember,
  RingStatus,
} from './types';

export interface OutgoingStart {
  channel: CallChannel;
  type: CallType;
  members: readonly RingingMember[];
}

/**
 * The caller's side of a ring: who is still rung, who answered, declined or is busy, and the
 * ring timeout. In a 1:1 call the first answer, a decline or the timeout decides the call
 * (`finish`); in a group the caller is in the call and the others' answers only mark them.
 */
export class OutgoingRinger {
  private timer?: ReturnType<typeof setTimeout>;
  private offRoom?: () => void;
  private offSession?: () => void;

  constructor(
    private readonly host: LifecycleHost,
    /** A 1:1 call came back unanswered, declined or busy. */
    private readonly finish: (reason: OutcomeReason) => void,
  ) {}

  get current(): OutgoingRing | undefined {
    return this.host.getSnapshot().outgoing;
  }

  /** Shows the ring at once, before CreateCall has answered ("Calling Bob…" on the click). */
  begin({ channel, type, members }: OutgoingStart): void {
    this.stop();
    this.host.update({
      outgoing: { channel, type, members, direct: members.length === 1, status: 'ringing' },
      outcome: undefined,
    });
  }

  /** CreateCall answered: the ring is for this call's session. */
  created(call: Call, session: number): void {
    const o = this.current;
    if (o) this.host.update({ outgoing: { ...o, call, session } });
  }

  /** The ring went out: it times out after `timeoutMs`; joins in the session's room answer it. */
  ringing(timeoutMs: number, session: CallSession): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.timeout(), timeoutMs);
    const watchRoom = () => {
      const room = session.getSnapshot().room;
      if (!room || this.offRoom) return;
      const seen = () => {
        const { participants } = room.store.getSnapshot();
        const ids = Object.values(participants)
          .filter((p) => !p.isLocal)
          .map((p) => p.userId);
        if (ids.length > 0) this.joined(ids);
      };
      this.offRoom = room.store.subscribe(seen);
      seen();
    };
    this.offSession = session.subscribe(watchRoom);
    watchRoom();
  }

  /** A `call.declined` from a rung member. */
  declined(event: DeclineEvent): void {
    const o = this.current;
    if (!o?.call || o.call.id !== event.callId || o.status !== 'ringing') return;
    if (event.session !== undefined && o.session !== undefined && event.session !== o.session) {
      return;
    }
    if (!o.members.some((m) => m.id === event.userId && m.status === 'ringing')) return;
    this.mark([event.userId], event.reason);
    if (o.direct) this.finish(event.reason);
  }

  /** A live state of the ringing call: its participants have answered. */
  live(live: CallLiveState): void {
    const o = this.current;
    if (!o?.call || o.call.id !== live.call.id) return;
    if (o.session !== undefined && live.session !== o.session) return;
    this.joined(live.participants.map((p) => p.user_id));
  }

  private joined(userIds: readonly string[]): void {
    this.mark(userIds, 'joined');
  }

  private timeout(): void {
    this.timer = undefined;
    const o = this.current;
    if (o?.status !== 'ringing') return;
    const answered = o.members.some((m) => m.status === 'joined');
    this.mark(
      o.members.filter((m) => m.status === 'ringing').map((m) => m.id),
      'no-answer',
    );
    if (o.direct && !answered) this.finish('no-answer');
  }

  /** Sets members' status; the ring is over once nobody is rung any more. */
  private mark(userIds: readonly string[], status: RingStatus): void {
    const o = this.current;
    if (!o) return;
    const ids = new Set(userIds);
    let changed = false;
    const members = o.members.map((m) => {
      if (!ids.has(m.id) || m.status === status || m.status === 'joined') return m;
      changed = true;
      return { ...m, status };
    });
    if (!changed) return;
    const ringing = members.some((m) => m.status === 'ringing');
    const answered = members.some((m) => m.status === 'joined');
    const next: OutgoingRing = { ...o, members };
    if (o.status === 'ringing' && (!ringing || (o.direct && answered))) {
      next.status = answered ? 'answered' : 'stopped';
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.host.update({ outgoing: next });
  }

  /** Whether anyone rung has joined (a caller leaving before that cancels the call). */
  get answered(): boolean {
    return Boolean(this.current?.members.some((m) => m.status === 'joined'));
  }

  /** Stops timing and watching; with `clear`, the ring is forgotten too. */
  stop(clear = true): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.offRoom?.();
    this.offRoom = undefined;
    this.offSession?.();
    this.offSession = undefined;
    if (clear && this.current) this.host.update({ outgoing: undefined });
  }
}
