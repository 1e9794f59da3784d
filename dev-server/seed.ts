/** The dev server's starting data: four users, two group channels, two direct-message channels. */
import { type ChatStore, distinctChannelId, type MessageRecord } from './store';

export const SEED_USERS = [
  { id: 'alice', name: 'Alice Andersen' },
  { id: 'bob', name: 'Bob Brown' },
  { id: 'carol', name: 'Carol Clark' },
  { id: 'dave', name: 'Dave Davis' },
] as const;

export const SEED_CHANNELS = {
  general: 'messaging:general',
  design: 'messaging:design',
} as const;

function say(store: ChatStore, cid: string, userId: string, text: string, at: Date): void {
  const channel = store.channels.get(cid)!;
  const t = at.toISOString();
  const message: MessageRecord = {
    id: `seed-${channel.messages.length + 1}-${channel.id.replace(/[^\w-]/g, '')}`,
    cid,
    user_id: userId,
    text,
    type: 'regular',
    attachments: [],
    mentioned_user_ids: [],
    silent: false,
    reply_count: 0,
    reactions: [],
    pinned: false,
    pinned_at: null,
    pinned_by_id: null,
    created_at: t,
    updated_at: t,
  };
  store.addMessage(channel, message);
}

export function seed(store: ChatStore): void {
  for (const u of SEED_USERS) store.upsertUser({ ...u, role: 'user', seeded: true });
  store.createChannel({
    type: 'messaging',
    id: 'general',
    createdBy: 'alice',
    data: { name: 'General' },
    members: [
      { user_id: 'alice', role: 'owner' },
      { user_id: 'bob' },
      { user_id: 'carol', role: 'moderator' },
      { user_id: 'dave' },
    ],
  });
  store.createChannel({
    type: 'messaging',
    id: 'design',
    createdBy: 'carol',
    data: { name: 'Design' },
    members: [{ user_id: 'alice' }, { user_id: 'bob' }, { user_id: 'carol', role: 'owner' }],
  });
  for (const pair of [
    ['alice', 'bob'],
    ['bob', 'carol'],
  ]) {
    store.createChannel({
      type: 'messaging',
      id: distinctChannelId(pair),
      createdBy: pair[0],
      members: pair.map((user_id) => ({ user_id })),
      distinct: true,
    });
  }
  // A little history, oldest first, so the channel list has an order and previews.
  const start = Date.now() - 60 * 60 * 1000;
  const at = (minutes: number) => new Date(start + minutes * 60 * 1000);
  say(store, SEED_CHANNELS.design, 'carol', 'New mockups for the call screen are up.', at(0));
  say(store, SEED_CHANNELS.general, 'alice', 'Welcome to the dev server!', at(5));
  say(store, SEED_CHANNELS.general, 'bob', 'Hi all. Press the call button to try a call.', at(6));
  // Seeded channels predate their history; seeded history counts as read.
  for (const channel of store.channels.values()) {
    channel.created_at = at(-1).toISOString();
    channel.updated_at = channel.last_message_at ?? channel.created_at;
    for (const userId of channel.members.keys()) store.markRead(channel, userId);
  }
}
