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
  providersFromEnv,
} from 'stream-chat-calls-server';
import type { ChannelEvents } from './events';
import type { ChatStore } from './store';

type Env = Record<string, string | undefined>;

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * The providers, by the call service's own rules (`providersFromEnv`: Agora with
 * AGORA_APP_ID + AGORA_APP_CERTIFICATE, 100ms with HMS_APP_ACCESS_KEY + HMS_APP_SECRET +
 * HMS_TEMPLATE_ID, half a provider is a startup error, CALL_PROVIDER picks the default), and
 * `local` always: the demo and the tests need no account. The default is `local` unless
 * CALL_PROVIDER says otherwise.
 */
export function devProviders(env: Env): {
  providers: CallServiceOptions['providers'];
  defaultProvider: ProviderName;
} {
  const { providers, defaultProvider } = providersFromEnv(env);
  return {
    providers: { ...providers, local: providers.local ?? {} },
    defaultProvider: defaultProvider ?? 'local',
  };
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
  // In memory by default, like the chat state: a restart forgets calls and channels together.
  const databasePath = options.databasePath ?? (options.env.CALLS_DB?.trim() || ':memory:');
  if (databasePath !== ':memory:') mkdirSync(dirname(resolve(databasePath)), { recursive: true });
  return createCallService({
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    membership: storeMembership(options.store),
    events: storeEventSink(options.store, options.events),
    databasePath,
    ...devProviders(options.env),
    ...(options.log ? { log: options.log } : {}),
  });
}
