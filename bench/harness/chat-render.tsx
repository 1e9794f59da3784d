/**
 * Harness for the chat-render benchmark (runs in Chromium). `?mode=call|plain|none&n=500`:
 * renders a channel with n messages (each with one call attachment, one plain-text file
 * attachment, or none) through stream-chat-react 14, offline, with the kit's CallAttachment
 * override and a CallsProvider whose CallApi counts its calls. Reports on `window.__bench`.
 */
import 'stream-chat-react/dist/css/index.css';
import '../../src/react/styles/index.css';
import { createRoot } from 'react-dom/client';
import {
  type Attachment,
  type ChannelResponse,
  type MessageResponse,
  StreamChat,
} from 'stream-chat';
import { Channel, Chat, MessageList, Window, WithComponents } from 'stream-chat-react';
import type { CallApi } from '../../src/core/api';
import type { CallLiveState } from '../../src/core/types';
import { CallAttachment } from '../../src/react/CallAttachment';
import { CallsProvider } from '../../src/react/CallsProvider';

type Mode = 'call' | 'plain' | 'none';

interface BenchWindow {
  __bench?: {
    done: boolean;
    commitMs: number;
    paintMs: number;
    items: number;
    /** CallApi calls made up to the first paint of the list. */
    apiCallsAtPaint: number;
    /** CallApi calls by method so far (read again after the list settles). */
    apiCalls: Record<string, number>;
    error?: string;
  };
}

const params = new URLSearchParams(location.search);
const mode = (params.get('mode') ?? 'call') as Mode;
const n = Number(params.get('n') ?? 500);
const w = window as unknown as BenchWindow;

const apiCalls: Record<string, number> = {};
const count = (name: string) => {
  apiCalls[name] = (apiCalls[name] ?? 0) + 1;
};
const liveState = (id: string): CallLiveState => ({
  call: { id, provider: 'local', type: 'video', local: { room: id } },
  session: 1,
  version: 1,
  state: 'ongoing',
  participants: [],
  attendees: [],
  started_at: new Date(0).toISOString(),
  ended_at: null,
});
const api: CallApi = {
  async createCall(_channel, request) {
    count('createCall');
    return { call: liveState(request.id).call, session: 1, token: 't' };
  },
  async getCallToken() {
    count('getCallToken');
    return { token: 't' };
  },
  async getCallState(id) {
    count('getCallState');
    return liveState(id);
  },
  async updateParticipation(id) {
    count('updateParticipation');
    return liveState(id);
  },
  async endCall(id) {
    count('endCall');
    return { ...liveState(id), state: 'ended' };
  },
};

function attachmentFor(i: number): Attachment[] {
  if (mode === 'none') return [];
  if (mode === 'call') {
    const id = `call-${i}`;
    return [
      {
        type: 'call',
        call: { id, provider: 'local', type: i % 2 ? 'audio' : 'video', local: { room: id } },
      } as unknown as Attachment,
    ];
  }
  return [
    {
      type: 'file',
      title: `notes-${i}.txt`,
      mime_type: 'text/plain',
      file_size: 1200 + i,
      asset_url: `https://files.invalid/notes-${i}.txt`,
    },
  ];
}

const users = [
  { id: 'alice', name: 'Alice' },
  { id: 'bob', name: 'Bob' },
];
const start = Date.UTC(2026, 0, 1);
const messages = Array.from({ length: n }, (_, i): MessageResponse => {
  const at = new Date(start + i * 60_000).toISOString();
  return {
    id: `m-${i}`,
    cid: 'messaging:bench',
    type: 'regular',
    text: `Message ${i}`,
    html: `<p>Message ${i}</p>`,
    user: users[i % 2],
    created_at: at,
    updated_at: at,
    attachments: attachmentFor(i),
    latest_reactions: [],
    own_reactions: [],
    reaction_counts: {},
    reaction_groups: {},
    mentioned_users: [],
    reply_count: 0,
  } as unknown as MessageResponse;
});

const client = new StreamChat('bench', { allowServerSideConnect: true });
client.user = users[0];
client.userID = users[0].id;
const channel = client.channel('messaging', 'bench');
channel._initializeState(
  {
    channel: { id: 'bench', type: 'messaging', cid: 'messaging:bench' } as ChannelResponse,
    members: users.map((user) => ({ user, user_id: user.id })),
    messages,
    pinned_messages: [],
    read: [],
    watchers: [],
  },
  'latest',
);
channel.initialized = true;

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
const afterPaint = async () => {
  await nextFrame();
  await new Promise<void>((r) => setTimeout(r, 0));
};

const root = document.getElementById('root')!;
const itemSelector = '.str-chat__li';
let commitMs = 0;
const seen = new Promise<void>((resolve) => {
  const observer = new MutationObserver(() => {
    if (root.querySelectorAll(itemSelector).length >= n) {
      commitMs = performance.now() - t0;
      observer.disconnect();
      resolve();
    }
  });
  observer.observe(root, { childList: true, subtree: true });
});

const t0 = performance.now();
createRoot(root).render(
  <Chat client={client}>
    <CallsProvider providers={[]} api={api} ringing={false}>
      <WithComponents overrides={{ Attachment: CallAttachment }}>
        <Channel channel={channel}>
          <Window>
            <MessageList />
          </Window>
        </Channel>
      </WithComponents>
    </CallsProvider>
  </Chat>,
);
const timeout = new Promise<void>((_, reject) =>
  setTimeout(() => reject(new Error(`fewer than ${n} ${itemSelector} after 30 s`)), 30_000),
);
Promise.race([seen, timeout])
  .then(afterPaint)
  .then(() => {
    w.__bench = {
      done: true,
      commitMs,
      paintMs: performance.now() - t0,
      items: root.querySelectorAll(itemSelector).length,
      apiCallsAtPaint: Object.values(apiCalls).reduce((a, b) => a + b, 0),
      apiCalls,
    };
  })
  .catch((e: Error) => {
    w.__bench = {
      done: true,
      commitMs: 0,
      paintMs: 0,
      items: 0,
      apiCallsAtPaint: 0,
      apiCalls,
      error: e.message,
    };
  });
