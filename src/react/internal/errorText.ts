import { type CallKitError, defaultMessages } from '../../core/CallKitError';

/**
 * The English sentence for an error the UI shows: the i18n key it translates (core's
 * `defaultErrorMessage`). Read through `defaultMessages`, which the code that made the error has
 * filled in, so the chat page does not load the message table up front. An error made before
 * that code could load (it failed to load) shows its own message.
 */
export function errorText(error: CallKitError): string {
  return defaultMessages.of?.(error.code) ?? error.message;
}
