import { useSyncExternalStore } from 'react';
import type { CallPhase } from '../../core/lifecycle/types';
import { useMaybeCallsContext } from '../context/CallsContext';

const noopSubscribe = () => () => {};
const idle = (): CallPhase => 'idle';

/**
 * Where the user's call life is: `idle`, `outgoing`, `connecting`, `in-call`, `ended`,
 * `incoming` or `call-waiting`. `idle` outside `<CallsProvider>`.
 */
export function useCallPhase(): CallPhase {
  const controller = useMaybeCallsContext()?.controller;
  const get = controller ? () => controller.getSnapshot().phase : idle;
  return useSyncExternalStore(controller ? controller.subscribe : noopSubscribe, get, get);
}
