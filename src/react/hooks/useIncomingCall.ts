import { useMemo } from 'react';
import type { IncomingRing, MissedCall } from '../../core/lifecycle/types';
import { useCallsContext } from '../context/CallsContext';
import { askRingPermission } from '../internal/attention';
import { useCallLifecycle } from './useCallLifecycle';

export type { IncomingCaller, IncomingRing, MissedCall } from '../../core/lifecycle/types';

/** The ringing call and the missed ones, and what the user can do. */
export interface UseIncomingCallResult {
  /** The call ringing for this user, if any. */
  ringing?: IncomingRing;
  /** It rings while the user is in another call: accepting ends that call ("End and accept"). */
  waiting: boolean;
  /** Calls that rang unanswered, newest last (dismissed ones too: `dismissed`). */
  missed: readonly MissedCall[];
  /** Joins the ringing call (leaving the current one, if any). */
  accept(): Promise<void>;
  /** Stops ringing and tells the caller: declined, or busy while in another call. */
  decline(): Promise<void>;
  /** Hides a missed call's notice (the call stays in `missed`, marked `dismissed`). */
  dismissMissed(callId: string): void;
}

/**
 * The call ringing for this user (if any) and the calls they missed: for a ringing UI of your
 * own. (Passing your dialog to `<IncomingCall>` instead keeps its portal and its background-tab
 * notification.)
 *
 * @example
 * ```tsx
 * const { ringing, waiting, accept, decline } = useIncomingCall();
 * if (!ringing) return null;
 * return (
 *   <div role="alertdialog" aria-label={`${ringing.caller.name ?? ringing.caller.id} is calling`}>
 *     <button onClick={() => void accept()}>{waiting ? 'End and accept' : 'Accept'}</button>
 *     <button onClick={() => void decline()}>Decline</button>
 *   </div>
 * );
 * ```
 */
export function useIncomingCall(): UseIncomingCallResult {
  const { controller, options } = useCallsContext();
  const ringing = useCallLifecycle((s) => s.incoming);
  const waiting = useCallLifecycle((s) => s.phase === 'call-waiting');
  const missed = useCallLifecycle((s) => s.missed);
  const { notifyInBackground } = options;
  const actions = useMemo(
    () => ({
      accept: () => {
        // The user just answered a call: the moment to ask for background-ring notifications.
        if (notifyInBackground) askRingPermission();
        return controller.accept();
      },
      decline: () => controller.decline(),
      dismissMissed: (callId: string) => controller.dismissMissed(callId),
    }),
    [controller, notifyInBackground],
  );
  return { ringing, waiting, missed, ...actions };
}
