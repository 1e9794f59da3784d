import { useSyncExternalStore } from 'react';
import type { CallSession } from '../../core/session';
import { useMaybeCallsContext } from '../context/CallsContext';

const noopSubscribe = () => () => {};
const none = () => null;

/** The controller's current session (or null); re-renders when the controller switches session. */
export function useActiveSession(): CallSession | null {
  const controller = useMaybeCallsContext()?.controller;
  return useSyncExternalStore(
    controller ? controller.subscribe : noopSubscribe,
    controller ? () => controller.getSnapshot().session : none,
    controller ? () => controller.getSnapshot().session : none,
  );
}
