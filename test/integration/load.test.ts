import type { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevServer } from '../../dev-server/server';
import { createCallId, streamCallApi } from '../../src/core';
import { connect, startTestServer } from './helpers';

let server: DevServer;
let alice: StreamChat;
let bob: StreamChat;

beforeAll(async () => {
  server = await startTestServer();
  [alice, bob] = await Promise.all([connect(server, 'alice'), connect(server, 'bob')]);
});
afterAll(async () => {
  await Promise.all([alice?.disconnectUser(), bob?.disconnectUser()]);
  await server.close();
});

describe('the call service under concurrent use', () => {
  it('answers 200 concurrent GetCallToken requests from the real client without a failure', async () => {
    const { call } = await streamCallApi(alice).createCall(
      { type: 'messaging', id: 'general' },
      { id: createCallId(), type: 'video' },
    );
    const api = streamCallApi(bob);
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, () => api.getCallToken(call.id)),
    );
    const failures = results.filter((r) => r.status === 'rejected');
    expect(failures).toEqual([]);
    const tokens = results.map((r) => (r.status === 'fulfilled' ? r.value.token : ''));
    expect(tokens.every((t) => t.split('.').length === 3)).toBe(true);
  });
});
