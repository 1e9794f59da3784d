import type { CallKitError } from './CallKitError';
import { lazyModule } from './lazy';

/**
 * The message table (errors.ts): loaded with the call code that makes the errors a UI shows (the
 * controller loads it beside the lifecycle), so a chat page does not load it up front.
 */
export const errorTable = lazyModule(() => import('./errors'));

/**
 * The English sentence for an error the UI shows (the i18n key it translates): `errors.ts`'s
 * `defaultErrorMessage`. An error made before that table could load (it failed to load) shows its
 * own message.
 */
export function errorSentence(error: CallKitError): string {
  return errorTable.current?.defaultErrorMessage(error.code) ?? error.message;
}
