import { describe, expect, it, vi } from 'vitest';
import { CallKitError, defaultErrorMessage } from '../../../src/core/errors';

/** A fresh copy of the table's loader: whether it has loaded is per page. */
async function freshErrorText() {
  vi.resetModules();
  const { errorTable } = await import('../../../src/core/errorTable');
  const { errorText } = await import('../../../src/react/internal/errorText');
  const { CallKitError: FreshError } = await import('../../../src/core/CallKitError');
  return { errorTable, errorText, FreshError };
}

describe('errorText', () => {
  it.each([
    ['permission-denied', 'Camera or microphone access was denied.'],
    ['network-error', 'Could not reach the call service. Check your connection and try again.'],
    ['forbidden', 'You are not a member of this channel.'],
  ] as const)('shows the sentence for %s, not the error’s own message', async (code, sentence) => {
    const { errorTable, errorText, FreshError } = await freshErrorText();
    await errorTable.load();
    const error = new FreshError(code, 'a server said something else');
    expect(errorText(error)).toBe(sentence);
    expect(errorText(error)).toBe(defaultErrorMessage(code));
  });

  it('falls back to the error’s own message before the message table has loaded', async () => {
    const { errorText } = await freshErrorText();
    expect(errorText(new CallKitError('network-error', 'Could not load the call code.'))).toBe(
      'Could not load the call code.',
    );
  });
});
