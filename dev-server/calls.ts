/** Mounts the project's call service on the dev server's chat store. */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CallService,
  type CallServiceOptions,
  type ChannelEventSink,
  createCallService,
  type MembershipStore,
  type ProviderName,
} from 'stream-chat-calls-server';
import type { ChannelEvents } from './events';
import type { ChatStore } from './store';

type Env = Record<string, string | undefined>;

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_CALLS_DB = resolve(REPO_ROOT, '.data/calls.sqlite');

/**
 * Providers from the environment: `local` always; Agora with AGORA_APP_ID + AGORA_APP_CERTIFICATE;
 * 100ms with HMS_APP_ACCESS_KEY + HMS_APP_SECRET + HMS_TEMPLATE_ID. CALL_PROVIDER picks the default.
 */
export function providersFromEnv(env: Env): {
  providers: CallServiceOptions['providers'];
  defaultProvider: ProviderName;
} {
  const providers: CallServiceOptions['providers'] = { local: {} };
  if (env.AGORA_APP_ID && env.AGORA_APP_CERTIFICATE) {
    providers.agora = { appId: env.AGORA_APP_ID, appCertificate: env.AGORA_APP_CERTIFICATE };
  }
  if (env.HMS_APP_ACCESS_KEY && env.HMS_APP_SECRET && env.HMS_TEMPLATE_ID) {
    providers.hms = {
      accessKey: env.HMS_APP_ACCESS_KEY,
      secret: env.HMS_APP_SECRET,
      templateId: env.HMS_TEMPLATE_ID,
      ...(env.HMS_ROLE ? { role: env.HMS_ROLE } : {}),
      ...(env.HMS_API_BASE ? { apiBase: env.HMS_API_BASE } : {}),
    };
  }
  const chosen = env.CALL_PROVIDER?.trim() || 'local';
  if (chosen !== 'local' && chosen !== 'agora' && chosen !== 'hms') {
    throw new Error('CALL_PROVIDER must be local, agora or hms.');
  }
  if (!providers[chosen]) {
    throw new Error(`CALL_PROVIDER=${chosen}, but its credentials are not set.`);
  }
  return { providers, defaultProvider: chosen };
}

/** Membership answered by the chat store: a channel member, with their channel role. */
export function storeMembership(store: ChatStore): MembershipStore {
  return {
    async getMembership(cid, userId) {
      const member = store.channels.get(cid)?.members.get(userId);
      return member ? { member: true, role: member.role } : { member: false };
    },
    async getUser(userId) {
      const user = store.users.get(userId);
      if (!user) return undefined;
      return { id: user.id, name: user.name, ...(user.image ? { image: user.image } : {}) };
    },
  };
}

/** Custom events from the call service reach the channel like any custom event. */
export function storeEventSink(store: ChatStore, events: ChannelEvents): ChannelEventSink {
  return {
    async sendChannelEvent(cid, event, userId) {
      const channel = store.channels.get(cid);
      if (channel) events.custom(channel, event, userId);
    },
  };
}

export function mountCallService(options: {
  store: ChatStore;
  events: ChannelEvents;
  apiKey: string;
  apiSecret: string;
  databasePath?: string;
  env: Env;
  log?: (line: string) => void;
}): CallService {
  const databasePath = options.databasePath ?? options.env.CALLS_DB ?? DEFAULT_CALLS_DB;
  if (databasePath !== ':memory:') mkdirSync(dirname(resolve(databasePath)), { recursive: true });
  return createCallService({
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    membership: storeMembership(options.store),
    events: storeEventSink(options.store, options.events),
    databasePath,
    ...providersFromEnv(options.env),
    ...(options.log ? { log: options.log } : {}),
  });
}
