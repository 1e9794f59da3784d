import type { CallControllerState, CallPhase } from './types';

/** Where the user's call life is, from the controller's state and its session's. */
export function phaseOf(state: Omit<CallControllerState, 'phase'>): CallPhase {
  const calling = state.session?.getSnapshot().callingState;
  const inCall = calling === 'joined' || calling === 'reconnecting';
  const connecting = calling === 'starting' || calling === 'joining';
  if (state.incoming) return inCall || connecting ? 'call-waiting' : 'incoming';
  if (state.outcome) return 'ended';
  if (state.outgoing?.direct && state.outgoing.status === 'ringing') return 'outgoing';
  if (inCall) return 'in-call';
  if (connecting) return 'connecting';
  return 'idle';
}
