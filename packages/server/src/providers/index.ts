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

/** The configured providers, in the order agora, hms, local. */
export function buildProviders(
  options: Pick<CallServiceOptions, 'providers' | 'apiSecret' | 'fetch'>,
): Map<ProviderName, ServerProvider> {
  const out = new Map<ProviderName, ServerProvider>();
  const { agora, hms, local } = options.providers;
  if (agora) out.set('agora', agoraProvider(agora));
  if (hms) out.set('hms', hmsProvider(hms, options.fetch));
  if (local) out.set('local', localProvider(local, options.apiSecret));
  return out;
}
