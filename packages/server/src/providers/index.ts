import type { ProviderName } from '../contract';
import type { CallServiceOptions } from '../types';
import { agoraProvider } from './agora';
import { hmsProvider } from './hms';
import { localProvider } from './local';
import type { ServerProvider } from './types';

export { agoraProvider, agoraUid } from './agora';
export { HMS_DEFAULT_API_BASE, hmsProvider } from './hms';
export { LOCAL_TOKEN_AUDIENCE, type LocalTokenClaims, localProvider } from './local';
export type { ServerProvider, TokenUser } from './types';

/** A custom provider's name: what the kit accepts too (and no key of the call itself). */
const CUSTOM_NAME = /^[a-z][a-z0-9_-]{0,31}$/;
const RESERVED = new Set(['id', 'provider', 'type', 'session']);

/** The configured providers, in the order agora, hms, local, then the app's own. */
export function buildProviders(
  options: Pick<CallServiceOptions, 'providers' | 'customProviders' | 'apiSecret' | 'fetch'>,
): Map<ProviderName, ServerProvider> {
  const out = new Map<ProviderName, ServerProvider>();
  const { agora, hms, local } = options.providers;
  if (agora) out.set('agora', agoraProvider(agora));
  if (hms) out.set('hms', hmsProvider(hms, options.fetch));
  if (local) out.set('local', localProvider(local, options.apiSecret));
  for (const provider of options.customProviders ?? []) {
    const { name } = provider;
    if (typeof name !== 'string' || !CUSTOM_NAME.test(name) || RESERVED.has(name)) {
      throw new Error(
        `"${String(name)}" is not a valid provider name: use lower-case letters, digits, _ and -, starting with a letter (not id, provider, type or session).`,
      );
    }
    if (out.has(name)) throw new Error(`Two providers are named "${name}".`);
    out.set(name, provider);
  }
  return out;
}
