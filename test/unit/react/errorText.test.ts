import { afterEach, describe, expect, it } from 'vitest';
import { defaultMessages } from '../../../src/core/CallKitError';
import { CallKitError, defaultErrorMessage } from '../../../src/core/errors';
import { errorText } from '../../../src/react/internal/errorText';

describe('errorText', () => {
  const registered = defaultMessages.of;
  afterEach(() => {
    defaultMessages.of = registered;
  });

  it.each([
    ['permission-denied', 'Camera or microphone access was denied.'],
    ['network-error', 'Could not reach the call service. Check your connection and try again.'],
    ['forbidden', 'You are not a member of this channel.'],
  ] as const)('shows the sentence for %s, not the error’s own message', (code, sentence) => {
    const error = new CallKitError(code, 'a server said something else');
    expect(errorText(error)).toBe(sentence);
    expect(errorText(error)).toBe(defaultErrorMessage(code));
  });

  it('falls back to the error’s own message before the message table has loaded', () => {
    defaultMessages.of = undefined;
    expect(errorText(new CallKitError('network-error', 'Could not load the call code.'))).toBe(
      'Could not load the call code.',
    );
  });
});
