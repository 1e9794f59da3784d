import { inject } from 'vitest';
import type { Call, CallType } from '../../src/core/types';

/** Talks to the dev server from the browser the way the app does (tokens, CreateCall, GetCallToken). */
export function devServer() {
  const url = inject('devServerURL');
  const apiKey = inject('devServerApiKey');
  if (!url) {
    throw new Error(
      "No dev server: add globalSetup: ['test/browser/global-setup.ts'] to the browser project in vitest.config.ts.",
    );
  }
  const userToken = async (userId: string): Promise<string> => {
    const res = await fetch(`${url}/dev/token?user_id=${encodeURIComponent(userId)}`);
    if (!res.ok) throw new Error(`/dev/token ${res.status}`);
    return ((await res.json()) as { token: string }).token;
  };
  const post = async <T>(path: string, userId: string, body: unknown): Promise<T> => {
    const res = await fetch(`${url}${path}?api_key=${apiKey}`, {
      method: 'POST',
      headers: {
        Authorization: await userToken(userId),
        'stream-auth-type': 'jwt',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path} ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    url,
    /** CreateCall in messaging:general as `userId`; returns the call and the creator's token. */
    createCall: (userId: string, id: string, type: CallType = 'video') =>
      post<{ call: Call; token: string }>('/channels/messaging/general/call', userId, { id, type }),
    /** GetCallToken for another member. */
    callToken: (userId: string, callId: string) =>
      post<{ token: string }>(`/calls/${encodeURIComponent(callId)}`, userId, {}),
    endCall: (userId: string, callId: string) =>
      post<unknown>(`/calls/${encodeURIComponent(callId)}/end`, userId, {}),
  };
}
