import type { StreamChat } from 'stream-chat';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevServer } from '../../dev-server/server';
import {
  buildCallAttachment,
  createCallId,
  parseCallAttachment,
  streamCallApi,
} from '../../src/core';
import { API_SECRET, connect, nextEvent, startTestServer } from './helpers';

let server: DevServer;
let alice: StreamChat;
let bob: StreamChat;

beforeAll(async () => {
  server = await startTestServer();
  [alice, bob] = await Promise.all([connect(server, 'alice'), connect(server, 'bob')]);
  await Promise.all([
    alice.channel('messaging', 'general').watch(),
    bob.channel('messaging', 'general').watch(),
  ]);
});
afterAll(async () => {
  await Promise.all([alice?.disconnectUser(), bob?.disconnectUser()]);
  await server.close();
});

const HOSTILE = [
  {
    type: 'call',
    call: { id: 'x', provider: 'agora', type: 'video', agora: { channel: 'x' }, token: 'planted' },
  },
  {
    type: 'call',
    call: {
      id: '../../etc',
      provider: 'local',
      type: 'video',
      local: { room: '<img src=x onerror=alert(1)>' },
    },
  },
  { type: 'call', call: 'not an object' },
  { type: 'image', image_url: 'javascript:alert(1)', title: '<script>alert(1)</script>' },
  {
    type: 'call',
    call: {
      id: 'y',
      provider: 'hms',
      type: 'video',
      hms: { room_id: 'r', room_name: 'n' },
      agora_app_id: 'x',
    },
  },
];

describe('attachments are data the UI judges', () => {
  it('stores and delivers hostile attachments from a member exactly as sent', async () => {
    const arrived = nextEvent(bob, 'message.new', (e) => e.message?.text === 'hostile');
    const { message } = await alice
      .channel('messaging', 'general')
      .sendMessage({ text: 'hostile', attachments: HOSTILE as never });
    expect(message.attachments).toEqual(HOSTILE);
    const event = await arrived;
    expect(event.message?.attachments).toEqual(HOSTILE);
    expect((await bob.getMessage(message.id)).message.attachments).toEqual(HOSTILE);
    // The kit's parser, not the server, decides what can be joined.
    expect(HOSTILE.map((a) => parseCallAttachment(a).ok)).toEqual([
      true,
      false,
      false,
      false,
      true,
    ]);
  });

  it('never adds a secret to a call message, its channel or its events', async () => {
    const general = alice.channel('messaging', 'general');
    const created = await streamCallApi(alice).createCall(general, {
      id: createCallId(),
      type: 'audio',
    });
    const arrived = nextEvent(
      bob,
      'message.new',
      (e) => e.message?.user?.id === 'alice' && !!e.message.attachments?.length,
    );
    const { message } = await general.sendMessage({
      text: '',
      attachments: [buildCallAttachment(created.call)],
    });
    const everything = JSON.stringify([
      message,
      await arrived,
      (await bob.getMessage(message.id)).message,
    ]);
    expect(everything).not.toContain(created.token);
    expect(everything).not.toContain(API_SECRET);
    expect(message.attachments).toEqual([{ type: 'call', call: created.call }]);
  });
});
