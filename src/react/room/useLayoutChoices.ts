import type { CallLayout } from './layout';
import { useCallLayoutKind } from './useCallLayoutKind';

const GROUP: readonly CallLayout[] = ['grid', 'speaker'];
const NONE: readonly CallLayout[] = [];

/**
 * The layout picks that mean something now: grid and speaker in a group video call, none in an
 * audio call, a call of two, alone, or while someone presents (their own layouts take the stage
 * whatever the pick). Show a layout switch only when this is not empty.
 *
 * @example
 * const choices = useLayoutChoices();
 * {choices.length > 0 && <LayoutSwitch options={choices} value={layout} onChange={setLayout} />}
 */
export function useLayoutChoices(): readonly CallLayout[] {
  const kind = useCallLayoutKind();
  return kind === 'grid' || kind === 'speaker' ? GROUP : NONE;
}
