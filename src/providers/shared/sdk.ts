import { CallKitError } from '../../core/errors';

/**
 * How each runtime says a bare import could not be resolved: Chromium ("Failed to resolve module
 * specifier"), Firefox ("was a bare specifier, but was not remapped"), Safari ("does not resolve
 * to a valid URL"), Node and test runners ("Cannot find module/package", ERR_MODULE_NOT_FOUND),
 * webpack's runtime ("Cannot find module"). A lazy chunk that fails to download says "Failed to
 * fetch dynamically imported module" instead: that is a network failure, worth a Retry.
 */
const UNRESOLVED =
  /resolve module specifier|bare specifier|does not resolve to a valid URL|Cannot find (module|package)|MODULE_NOT_FOUND/i;

function isUnresolved(e: unknown): boolean {
  if (e === null || typeof e !== 'object') return false;
  const { message, code } = e as { message?: unknown; code?: unknown };
  return (
    (typeof message === 'string' && UNRESOLVED.test(message)) || code === 'ERR_MODULE_NOT_FOUND'
  );
}

/** Packages already reported on the console (once per page is enough). */
const reported = new Set<string>();

/** Which factory needs which package (for the message a developer reads). */
export interface SdkPackage {
  /** The factory, as the app calls it: `agora()`. */
  factory: string;
  /** The npm package to install: `agora-rtc-sdk-ng`. */
  name: string;
}

/**
 * Loads a provider's SDK. A package the app did not install fails the join with
 * `provider-sdk-missing`, naming the package in the UI's sentence (`values.package`) and on the
 * console; any other failure to load (the network) is a recoverable `provider-join-failed`.
 */
export async function loadProviderSdk<T>(load: () => Promise<T>, pkg: SdkPackage): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (e instanceof CallKitError) throw e;
    if (isUnresolved(e)) {
      const error = new CallKitError(
        'provider-sdk-missing',
        `${pkg.factory} needs the ${pkg.name} package, which this app does not include: npm install ${pkg.name}`,
        { cause: e, values: { package: pkg.name } },
      );
      // A developer's mistake, not a user's: say it where developers look too.
      if (!reported.has(pkg.name)) console.error(`[stream-chat-calls] ${error.message}`);
      reported.add(pkg.name);
      throw error;
    }
    throw new CallKitError('provider-join-failed', `Could not load ${pkg.name}.`, { cause: e });
  }
}
