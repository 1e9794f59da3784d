/** Connects one user to Stream (or the dev server) and disconnects on sign-out or unmount. */
import { useEffect, useState } from 'react';
import { StreamChat } from 'stream-chat';
import type { DemoConfig } from './config';
import { DemoConnectError, fetchToken, serverDownError } from './token';

export type ChatClientState =
  | { status: 'connecting' }
  | { status: 'ready'; client: StreamChat }
  | { status: 'error'; error: DemoConnectError };

function toConnectError(config: DemoConfig, e: unknown): DemoConnectError {
  if (e instanceof DemoConnectError) return e;
  const err = e as { message?: string; code?: number; isWSFailure?: boolean };
  const message = String(err?.message ?? e);
  if (
    /network|timeout|failed to fetch|ws connection|websocket/i.test(message) ||
    err?.isWSFailure
  ) {
    return serverDownError(config, e);
  }
  return new DemoConnectError(
    `Could not connect to the chat: ${message}`,
    'Check the API key and base URL, then press Retry.',
    { cause: e },
  );
}

export function useChatClient(
  config: DemoConfig,
  userId: string,
  attempt: number,
): ChatClientState {
  const [state, setState] = useState<ChatClientState>({ status: 'connecting' });

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `attempt` means Retry: reconnect
  useEffect(() => {
    const abort = new AbortController();
    const client = new StreamChat(config.apiKey, { baseURL: config.baseURL, timeout: 10_000 });
    setState({ status: 'connecting' });
    (async () => {
      try {
        const first = await fetchToken(config, userId, abort.signal);
        let initial: string | undefined = first.token;
        // A token provider (not a fixed token) lets the client and the call service renew it.
        const tokenProvider = async () => {
          if (initial) {
            const token = initial;
            initial = undefined;
            return token;
          }
          return (await fetchToken(config, userId)).token;
        };
        await client.connectUser(first.user, tokenProvider);
        if (abort.signal.aborted) return;
        setState({ status: 'ready', client });
      } catch (e) {
        if (abort.signal.aborted) return;
        setState({ status: 'error', error: toConnectError(config, e) });
        void client.disconnectUser().catch(() => {});
      }
    })();
    return () => {
      abort.abort();
      void client.disconnectUser().catch(() => {});
    };
  }, [config, userId, attempt]);

  return state;
}
