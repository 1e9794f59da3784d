/**
 * Harness for the ring benchmark (Chromium, fake camera, the real dev server). Two pages, a caller
 * and a callee, in a direct channel (`members=alice,bob`):
 * `?mode=kit&role=caller|callee`: the kit as an app uses it — StartCallButton, CallRoom and
 * IncomingCall in a CallsProvider with the local provider, over a real stream-chat client.
 * `?mode=bare&role=caller|callee`: the same two pages by hand, no kit: the caller's click makes
 * the same CreateCall request and sends one custom event (`call.ring`); the callee's client shows
 * a dialog when that event arrives.
 * Each page records times as epoch milliseconds (`performance.timeOrigin + performance.now()`, so
 * the two pages' times compare) on `window.__ring`: the caller's Start click, the callee's ring on
 * screen (the frame after the dialog entered the DOM), the callee's Accept click, and each side's
 * first remote video frame.
 */
import '../../src/react/styles/index.css';
import 'stream-chat-react/dist/css/index.css';
import { createRoot } from 'react-dom/client';
import { StreamChat } from 'stream-chat';
import { Channel, Chat, Window } from 'stream-chat-react';
import { local } from '../../src/providers/local';
import { CallsProvider } from '../../src/react/CallsProvider';
import { IncomingCall } from '../../src/react/IncomingCall';
import { CallRoom } from '../../src/react/room/CallRoom';
import { StartCallButton } from '../../src/react/StartCallButton';

export interface RingBench {
  ready: boolean;
  error?: string;
  startAt?: number;
  ringAt?: number;
  acceptAt?: number;
  remoteFrameAt?: number;
  /** The callee: when the `call.ring` event reached its chat client. */
  eventAt?: number;
  /** Long tasks (over 50 ms is Chrome's bar; we keep all it reports), epoch start and ms. */
  longTasks?: { at: number; ms: number }[];
  /** The caller: its requests after the click (resource timing), epoch ms. */
  requests?: { path: string; sent: number; answered: number }[];
}

const params = new URLSearchParams(location.search);
const bench: RingBench = { ready: false };
(window as unknown as { __ring: RingBench }).__ring = bench;
const now = () => performance.timeOrigin + performance.now();

// Clicks, in the capture phase (before any handler of the page).
document.addEventListener(
  'click',
  (e) => {
    const action = (e.target as Element).closest('button')?.dataset.bench;
    if (action === 'start') bench.startAt = now();
    if (action === 'accept') bench.acceptAt = now();
  },
  { capture: true },
);

// The ring on screen: the frame after a ringing dialog entered the DOM.
new MutationObserver(() => {
  if (bench.ringAt !== undefined || !document.querySelector('[role="alertdialog"]')) return;
  requestAnimationFrame(() => {
    bench.ringAt ??= now();
  });
}).observe(document.body, { childList: true, subtree: true });

// The first remote video frame of real size.
const watched = new WeakSet<HTMLVideoElement>();
new MutationObserver(() => {
  for (const video of document.querySelectorAll<HTMLVideoElement>('.str-call__tile video')) {
    if (watched.has(video) || video.closest('.str-call__tile')?.hasAttribute('data-local'))
      continue;
    watched.add(video);
    const onFrame = (_: number, meta: VideoFrameCallbackMetadata) => {
      if (meta.width > 2 && meta.height > 2) bench.remoteFrameAt ??= now();
      else video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  }
}).observe(document.body, { childList: true, subtree: true });

const root = createRoot(document.getElementById('root')!);
bench.longTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    bench.longTasks?.push({ at: performance.timeOrigin + e.startTime, ms: Math.round(e.duration) });
  }
}).observe({ type: 'longtask', buffered: true });

/** The caller's requests since the click, for the breakdown. */
(window as unknown as { __requests: () => RingBench['requests'] }).__requests = () =>
  performance
    .getEntriesByType('resource')
    .map((e) => e as PerformanceResourceTiming)
    .filter(
      (e) =>
        bench.startAt !== undefined && performance.timeOrigin + e.startTime >= bench.startAt - 1,
    )
    .map((e) => ({
      path: new URL(e.name).pathname.replace(/\/[^/]*ring-[^/]+/g, '/{id}'),
      sent: performance.timeOrigin + e.startTime,
      answered: performance.timeOrigin + e.responseEnd,
    }));

async function setUpChat() {
  const server = params.get('server')!;
  const userId = params.get('user')!;
  const { token, user } = (await (await fetch(`${server}/dev/token?user_id=${userId}`)).json()) as {
    token: string;
    user: { id: string; name?: string };
  };
  const client = new StreamChat(params.get('key') ?? 'dev', { baseURL: server, timeout: 10_000 });
  await client.connectUser({ id: user.id, name: user.name }, token);
  const channel = client.channel('messaging', params.get('channel')!, {
    members: (params.get('members') ?? userId).split(','),
  } as Record<string, unknown>);
  await channel.watch();
  client.on('call.ring', () => {
    bench.eventAt ??= now();
  });
  return { client, channel, server };
}

async function kit() {
  const { client, channel } = await setUpChat();
  const caller = params.get('role') === 'caller';
  // The kit's buttons carry no bench marker: the harness marks them after they render.
  new MutationObserver(() => {
    for (const b of document.querySelectorAll<HTMLButtonElement>('button')) {
      if (b.dataset.bench) continue;
      if (b.classList.contains('str-call__start-button')) b.dataset.bench = 'start';
      if (b.dataset.action === 'accept') b.dataset.bench = 'accept';
    }
  }).observe(document.body, { childList: true, subtree: true });
  root.render(
    <Chat client={client}>
      <CallsProvider providers={[local()]} muteRingtone notifyInBackground={false}>
        {/* The callee has no channel open (another screen of the app), as the bare callee. */}
        {caller && (
          <Channel channel={channel}>
            <Window>
              <StartCallButton type="video" callId={params.get('call')!} />
            </Window>
          </Channel>
        )}
        <CallRoom />
        <IncomingCall />
      </CallsProvider>
    </Chat>,
  );
  bench.ready = true;
}

async function bare() {
  const { client, channel, server } = await setUpChat();
  if (params.get('role') === 'caller') {
    root.render(
      <button
        type="button"
        data-bench="start"
        onClick={() => {
          // The same CreateCall request as the kit's, then one custom event.
          void fetch(`${server}/channels/messaging/${channel.id}/call?api_key=${client.key}`, {
            method: 'POST',
            headers: {
              authorization: client._getToken() ?? '',
              'stream-auth-type': 'jwt',
              'content-type': 'application/json',
            },
            body: JSON.stringify({ id: params.get('call'), type: 'video' }),
          })
            .then((r) => r.json() as Promise<{ call: unknown }>)
            .then(({ call }) => channel.sendEvent({ type: 'call.ring', call } as never));
        }}
      >
        Start
      </button>,
    );
  } else {
    client.on('call.ring', () => {
      root.render(
        <div role="alertdialog" aria-label="Ringing">
          Ringing
        </div>,
      );
    });
  }
  bench.ready = true;
}

(params.get('mode') === 'bare' ? bare : kit)().catch((e: Error) => {
  bench.error = e.message;
});
