import type { CallSessionState } from '../../core/session';
import { useActiveSession } from './useActiveSession';
import { useStoreSelector } from './useStoreSelector';

const identity = (s: CallSessionState | undefined) => s;

/**
 * The active session's state snapshot (undefined before the first call). With a selector the
 * component re-renders only when the selected value changes.
 */
export function useCallSession(): CallSessionState | undefined;
export function useCallSession<T>(
  selector: (state: CallSessionState | undefined) => T,
  isEqual?: (a: T, b: T) => boolean,
): T;
export function useCallSession<T>(
  selector?: (state: CallSessionState | undefined) => T,
  isEqual?: (a: T, b: T) => boolean,
): T | CallSessionState | undefined {
  const session = useActiveSession();
  const select = (selector ?? identity) as (state: CallSessionState | undefined) => T;
  return useStoreSelector(session ?? undefined, select, select(undefined), isEqual);
}
