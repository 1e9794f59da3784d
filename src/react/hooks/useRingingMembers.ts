import type { RingingMember } from '../../core/lifecycle/types';
import { useCallLifecycle } from './useCallLifecycle';

const NONE: readonly RingingMember[] = [];

/**
 * The members the user's outgoing call rings, each with how the ring went: `ringing` (still
 * being rung), `joined`, `declined`, `busy` (in another call) or `no-answer`. Empty when the user
 * is not ringing anyone. The array changes only when a member's status does (for a participant
 * panel: show those not `joined` under the people in the call).
 *
 * @example
 * const rung = useRingingMembers().filter((m) => m.status !== 'joined');
 */
export function useRingingMembers(): readonly RingingMember[] {
  return useCallLifecycle((s) => s.outgoing?.members ?? NONE);
}
