import type { CallType } from '../../core/types';

/** The call message's text, untranslated: the card's title, and what chat lists show for it. */
export function callSummary(type: CallType): 'Audio call' | 'Video call' {
  return type === 'audio' ? 'Audio call' : 'Video call';
}

/**
 * Whether a call message's text only says what the card shows (the kit's own summary, in the
 * reader's language or in English), so the card may stand in for it. Any other text is shown.
 */
export function isCallSummary(
  text: string | undefined,
  type: CallType,
  t: (key: string) => string,
): boolean {
  if (!text) return false;
  const summary = callSummary(type);
  return text === summary || text === t(summary);
}
