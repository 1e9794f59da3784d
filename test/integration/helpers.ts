/** Shared set-up for integration tests: a dev server on a free port and real stream-chat clients. */
import { type Event, type EventTypes, StreamChat } from 'stream-chat';
import { createUserToken } from '../../dev-server/auth';
import { type DevServer, startDevServer } from '../../dev-server/server';

export const API_SECRET = 'dev-secret';

export async function startTestServer(): Promise<DevServer> {
  return startDevServer({ port: 0, databasePath: ':memory:', apiSecret: API_SECRET, env: {} });
}

/** A token from the dev server's own endpoint, as the demo gets it. */
export async function devToken(server: DevServer, userId: string): Promise<string> {
  const res = await fetch(`${server.url}/dev/token?user_id=${encodeURIComponent(userId)}`);
  if (!res.ok) throw new Error(`dev token for ${userId}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

export function newClient(server: DevServer): StreamChat {
  // A fresh instance per user (not getInstance): two users in one process.
  return new StreamChat(server.apiKey, { baseURL: server.url, allowServerSideConnect: true });
}

export async function connect(server: DevServer, userId: string): Promise<StreamChat> {
  const client = newClient(server);
  await client.connectUser({ id: userId }, await devToken(server, userId));
  return client;
}

/** A user token signed with the server's secret, for users the dev token endpoint refuses. */
export async function signedToken(userId: string): Promise<string> {
  return createUserToken(userId, API_SECRET);
}

/** The next event of a type (matching `where`) on a client; rejects after `timeoutMs`. */
export function nextEvent(
  client: StreamChat,
  type: string,
  where: (e: Event) => boolean = () => true,
  timeoutMs = 5000,
): Promise<Event> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.unsubscribe();
      reject(new Error(`${client.userID} got no ${type} within ${timeoutMs} ms`));
    }, timeoutMs);
    const sub = client.on(type as EventTypes, (e) => {
      if (!where(e)) return;
      clearTimeout(timer);
      sub.unsubscribe();
      resolve(e);
    });
  });
}

/** Collects every event of a type a client receives (to assert something did NOT arrive). */
export function collect(client: StreamChat, type: string): { events: Event[]; stop(): void } {
  const events: Event[] = [];
  const sub = client.on(type as EventTypes, (e) => events.push(e));
  return { events, stop: () => sub.unsubscribe() };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
