import { useSyncExternalStore } from 'react';
import type { CallSession } from '../../core/session';
import { useCallsContextOrWarn } from '../context/CallsContext';

const noopSubscribe = () => () => {};
const none = () => null;

/**
 * The controller's current session (or null); re-renders when the controller switches session.
 * Outside `<CallsProvider>` there is none; a `component` that then renders nothing says so on
 * the console (development).
 */
export function useActiveSession(component?: string): CallSession | null {
  const controller = useCallsContextOrWarn(component)?.controller;
  return useSyncExternalStore(
    controller ? controller.subscribe : noopSubscribe,
    controller ? () => controller.getSnapshot().session : none,
    controller ? () => controller.getSnapshot().session : none,
  );
}
