import type { Channel, PartialUpdateChannel, StreamChat } from 'stream-chat';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DevServer } from '../../dev-server/server';
import { distinctChannelId } from '../../dev-server/store';
import { collect, connect, nextEvent, sleep, startTestServer } from './helpers';

let server: DevServer;
const clients: StreamChat[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.disconnectUser()));
});
afterAll(async () => {
  await server.close();
});

/** Custom channel data (name, call) is untyped in stream-chat. */
const data = (c: Channel) => (c.data ?? {}) as Record<string, unknown>;
/** Custom fields for a partial update. */
const patch = (p: { set?: Record<string, unknown>; unset?: string[] }) => p as PartialUpdateChannel;

async function user(id: string): Promise<StreamChat> {
  const client = await connect(server, id);
  clients.push(client);
  return client;
}

describe('chat over the dev server with the real stream-chat client', () => {
  it('connects two users, each with a connection id and a complete `me`', async () => {
    const alice = await user('alice');
    const bob = await user('bob');
    expect(alice.wsConnection?.connectionID).toEqual(expect.any(String));
    expect(bob.wsConnection?.connectionID).not.toBe(alice.wsConnection?.connectionID);
    expect(alice.user).toMatchObject({ id: 'alice', name: 'Alice Andersen', online: true });
    expect(alice.mutedUsers).toEqual([]);
    expect(alice.mutedChannels).toEqual([]);
  });

  it('lists the seeded channels of the user, most recent message first, with member capabilities', async () => {
    const alice = await user('alice');
    const channels = await alice.queryChannels(
      { type: 'messaging', members: { $in: ['alice'] } },
      [{ last_message_at: -1 }],
      { watch: true, state: true },
    );
    const cids = channels.map((c) => c.cid);
    expect(cids.slice(0, 2)).toEqual(['messaging:general', 'messaging:design']);
    expect(cids).toHaveLength(3); // general, design and the alice↔bob direct channel
    const general = channels[0];
    expect(data(general).name).toBe('General');
    expect(general.state.messages.map((m) => m.text)).toContain('Welcome to the dev server!');
    expect(general.data?.own_capabilities).toEqual(
      expect.arrayContaining([
        'send-message',
        'read-events',
        'send-custom-events',
        'update-channel',
      ]),
    );
    expect(general.getConfig()).toMatchObject({
      typing_events: true,
      read_events: true,
      uploads: false,
      replies: false,
    });
    expect(Object.keys(general.state.members).sort()).toEqual(['alice', 'bob', 'carol', 'dave']);
  });

  it('pages messages: newest page first, older pages by id_lt, none for limit 0', async () => {
    const alice = await user('alice');
    const channel = alice.channel('messaging', 'design');
    await channel.watch();
    const sent: string[] = [];
    for (let i = 0; i < 5; i++)
      sent.push((await channel.sendMessage({ text: `page ${i}` })).message.id);
    const latest = await channel.query({ messages: { limit: 2 } });
    expect(latest.messages.map((m) => m.text)).toEqual(['page 3', 'page 4']);
    const older = await channel.query({ messages: { limit: 2, id_lt: sent[3] } });
    expect(older.messages.map((m) => m.text)).toEqual(['page 1', 'page 2']);
    const none = await channel.query({ messages: { limit: 0 } });
    expect(none.messages).toEqual([]);
  });

  it('finds the seeded direct channel by its members', async () => {
    const bob = await user('bob');
    const dm = bob.channel('messaging', { members: ['bob', 'alice'] });
    await dm.watch();
    const seeded = await bob.queryChannels({ cid: { $in: [dm.cid] } });
    expect(seeded.map((c) => c.cid)).toEqual([dm.cid]);
    expect(Object.keys(dm.state.members).sort()).toEqual(['alice', 'bob']);
  });

  it('creates a distinct channel by members once, and tells the new member', async () => {
    const alice = await user('alice');
    const dave = await user('dave');
    const added = nextEvent(dave, 'notification.added_to_channel');
    const first = alice.channel('messaging', { members: ['alice', 'dave'] });
    await first.watch();
    expect(first.id).toMatch(/^!members-/);
    expect(await added).toMatchObject({ channel: { cid: first.cid }, member: { user_id: 'dave' } });
    const again = dave.channel('messaging', { members: ['dave', 'alice'] });
    await again.watch();
    expect(again.cid).toBe(first.cid);
    await expect(alice.channel('messaging', { members: ['alice', 'zed'] }).watch()).rejects.toThrow(
      /Unknown users/,
    );
  });

  it('delivers message.new to a watching member and to the sender', async () => {
    const alice = await user('alice');
    const bob = await user('bob');
    const aliceGeneral = alice.channel('messaging', 'general');
    const bobGeneral = bob.channel('messaging', 'general');
    await Promise.all([aliceGeneral.watch(), bobGeneral.watch()]);
    const atBob = nextEvent(bob, 'message.new', (e) => e.message?.text === 'hello bob');
    const atAlice = nextEvent(alice, 'message.new', (e) => e.message?.text === 'hello bob');
    const { message } = await aliceGeneral.sendMessage({ text: 'hello bob' });
    expect(message).toMatchObject({
      text: 'hello bob',
      user: { id: 'alice' },
      cid: 'messaging:general',
    });
    const event = await atBob;
    expect(event).toMatchObject({
      cid: 'messaging:general',
      channel_id: 'general',
      channel_type: 'messaging',
      user: { id: 'alice' },
    });
    await atAlice;
    expect(bobGeneral.state.messages.at(-1)?.id).toBe(message.id);
    expect(bobGeneral.countUnread()).toBeGreaterThan(0);
  });

  it('sends notification.message_new (with the channel) to a member who does not watch', async () => {
    const alice = await user('alice');
    const bob = await user('bob');
    const design = alice.channel('messaging', 'design');
    await design.watch();
    const notified = nextEvent(bob, 'notification.message_new');
    const messageNew = collect(bob, 'message.new');
    await design.sendMessage({ text: 'bob, are you there?' });
    const event = await notified;
    expect(event).toMatchObject({
      cid: 'messaging:design',
      channel_id: 'design',
      channel_type: 'messaging',
      channel: { cid: 'messaging:design', name: 'Design' },
      message: { text: 'bob, are you there?' },
    });
    expect(event.total_unread_count).toBeGreaterThan(0);
    expect(messageNew.events).toEqual([]);
    messageNew.stop();
  });

  it('relays typing and custom events to other watchers', async () => {
    const alice = await user('alice');
    const bob = await user('bob');
    const [a, b] = [alice.channel('messaging', 'general'), bob.channel('messaging', 'general')];
    await Promise.all([a.watch(), b.watch()]);
    const typing = new Promise((resolve) => b.on('typing.start', resolve));
    await a.keystroke();
    expect(await typing).toMatchObject({ user: { id: 'alice' }, cid: 'messaging:general' });
    const custom = nextEvent(bob, 'call.ring');
    await a.sendEvent({
      type: 'call.ring' as never,
      call: { id: 'x' },
      user: { id: 'mallory' },
    } as never);
    // The server sets who sent it: a client cannot speak for someone else.
    expect(await custom).toMatchObject({
      type: 'call.ring',
      call: { id: 'x' },
      user: { id: 'alice' },
      channel_id: 'general',
    });
  });

  it('marks a channel read and tells the members with message.read', async () => {
    const alice = await user('alice');
    const bob = await user('bob');
    const [a, b] = [alice.channel('messaging', 'general'), bob.channel('messaging', 'general')];
    await Promise.all([a.watch(), b.watch()]);
    const { message } = await a.sendMessage({ text: 'read me' });
    await sleep(50);
    expect(b.countUnread()).toBeGreaterThan(0);
    const atAlice = nextEvent(alice, 'message.read', (e) => e.user?.id === 'bob');
    const atBob = nextEvent(bob, 'message.read', (e) => e.user?.id === 'bob');
    await b.markRead();
    expect(await atAlice).toMatchObject({
      cid: 'messaging:general',
      last_read_message_id: message.id,
    });
    await atBob;
    expect(b.countUnread()).toBe(0);
    expect(a.state.read.bob?.last_read_message_id).toBe(message.id);
  });

  it('stores a call on the channel by partial update and sends the full channel to members', async () => {
    const alice = await user('alice');
    const bob = await user('bob');
    const [a, b] = [alice.channel('messaging', 'design'), bob.channel('messaging', 'design')];
    await Promise.all([a.watch(), b.watch()]);
    const call = {
      id: 'design-call',
      provider: 'local',
      type: 'video',
      local: { room: 'design-call' },
    };
    const updated = nextEvent(bob, 'channel.updated');
    const res = await a.updatePartial(patch({ set: { call } }));
    expect(res.channel).toMatchObject({ call, name: 'Design' });
    const event = await updated;
    expect(event.channel).toMatchObject({
      cid: 'messaging:design',
      name: 'Design',
      call,
      member_count: 3,
    });
    expect(data(b).call).toEqual(call);
    expect(data(b).name).toBe('Design');
    await a.updatePartial(patch({ unset: ['call'] }));
  });

  it('edits, reacts to and deletes a message, telling the other watchers', async () => {
    const alice = await user('alice');
    const bob = await user('bob');
    const [a, b] = [alice.channel('messaging', 'general'), bob.channel('messaging', 'general')];
    await Promise.all([a.watch(), b.watch()]);
    const { message } = await a.sendMessage({ text: 'typo' });
    const edited = nextEvent(bob, 'message.updated', (e) => e.message?.id === message.id);
    await alice.updateMessage({ id: message.id, text: 'fixed' });
    expect((await edited).message?.text).toBe('fixed');
    const reacted = nextEvent(alice, 'reaction.new');
    await b.sendReaction(message.id, { type: 'love' });
    expect(await reacted).toMatchObject({ reaction: { type: 'love', user_id: 'bob' } });
    await expect(bob.updateMessage({ id: message.id, text: 'not yours' })).rejects.toThrow(
      /403|author/,
    );
    const deleted = nextEvent(bob, 'message.deleted', (e) => e.message?.id === message.id);
    await alice.deleteMessage(message.id);
    expect((await deleted).message?.type).toBe('deleted');
    expect((await alice.getMessage(message.id)).message.type).toBe('deleted');
  });

  it('recovers after the server drops the connection: re-watches and receives events again', async () => {
    const alice = await user('alice');
    const bob = await user('bob');
    const [a, b] = [alice.channel('messaging', 'general'), bob.channel('messaging', 'general')];
    await Promise.all([a.watch(), b.watch()]);
    const before = [alice.wsConnection?.connectionID, bob.wsConnection?.connectionID];
    const recovered = [alice, bob].map((c) =>
      nextEvent(c, 'connection.recovered', () => true, 10_000),
    );
    server.dropConnections();
    await Promise.all(recovered);
    expect([alice.wsConnection?.connectionID, bob.wsConnection?.connectionID]).not.toContain(
      before[0],
    );
    expect(bob.wsConnection?.connectionID).not.toBe(before[1]);
    const arrived = nextEvent(alice, 'message.new', (e) => e.message?.text === 'after the drop');
    await b.sendMessage({ text: 'after the drop' });
    expect((await arrived).cid).toBe('messaging:general');
  });

  it('tells channel peers when a user comes online and goes offline', async () => {
    const alice = await user('alice');
    const online = nextEvent(alice, 'user.presence.changed', (e) => e.user?.id === 'dave');
    const dave = await connect(server, 'dave');
    expect((await online).user).toMatchObject({ id: 'dave', online: true });
    const offline = nextEvent(alice, 'user.presence.changed', (e) => e.user?.id === 'dave');
    await dave.disconnectUser();
    expect((await offline).user).toMatchObject({ id: 'dave', online: false });
  });

  it("lists who watches a channel and tells its watchers when someone starts and stops (a DM header's Online)", async () => {
    const alice = await user('alice');
    const channels = await alice.queryChannels(
      { type: 'messaging', members: { $in: ['alice'] } },
      {},
      { watch: true, state: true },
    );
    const dm = channels.find((c) => c.id === distinctChannelId(['alice', 'bob']));
    expect(dm?.cid).toBeDefined();
    expect(Object.keys(dm!.state.watchers)).toEqual(['alice']);
    const started = nextEvent(alice, 'user.watching.start', (e) => e.user?.id === 'bob');
    const bob = await connect(server, 'bob');
    await bob.channel('messaging', dm!.id!).watch();
    expect(await started).toMatchObject({ cid: dm!.cid, watcher_count: 2 });
    expect(Object.keys(dm!.state.watchers).sort()).toEqual(['alice', 'bob']);
    // A later query sees Bob among the watchers.
    const [again] = await alice.queryChannels({ cid: dm!.cid }, {}, { state: true });
    expect(Object.keys(again!.state.watchers)).toContain('bob');
    const stopped = nextEvent(alice, 'user.watching.stop', (e) => e.user?.id === 'bob');
    await bob.disconnectUser();
    expect(await stopped).toMatchObject({ cid: dm!.cid, watcher_count: 1 });
    expect(Object.keys(dm!.state.watchers)).toEqual(['alice']);
  });

  it('queries users by id', async () => {
    const alice = await user('alice');
    const { users } = await alice.queryUsers({ id: { $in: ['bob', 'carol'] } });
    expect(users.map((u) => [u.id, u.name])).toEqual([
      ['bob', 'Bob Brown'],
      ['carol', 'Carol Clark'],
    ]);
  });
});
