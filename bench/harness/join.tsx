/**
 * Harness for join-latency and join-leave-leaks (runs in Chromium with a fake camera).
 * `?mode=bare`: a Join button that only calls getUserMedia and attaches the stream to a <video>.
 * `?mode=bare-net&server=…` (with the kit's parameters): the bare page's getUserMedia and attach, plus
 * the requests a local join makes on the same click — GetCallToken, then the signaling WebSocket
 * and its `join` — written by hand, with no kit and no React work on the click.
 * `?mode=kit&server=…&user=…&channel=…[&create=1]`: a real stream-chat client on the dev server,
 * stream-chat-react's MessageList with the kit's CallAttachment, a CallsProvider with the local
 * provider and a CallRoom; with `create=1` the page creates the channel, the call and its message.
 * Both modes record, from the Join click (capture listener), the first local and the first remote
 * video frame of real size (requestVideoFrameCallback, > 2×2) on `window.__bench`.
 */
import '../../src/react/styles/index.css';
import 'stream-chat-react/dist/css/index.css';
import { createRoot } from 'react-dom/client';
import { StreamChat } from 'stream-chat';
import { Channel, Chat, MessageList, Window, WithComponents } from 'stream-chat-react';
import { streamCallApi } from '../../src/core/api';
import { buildCallAttachment } from '../../src/core/attachment';
import { local } from '../../src/providers/local';
import { CallAttachment } from '../../src/react/CallAttachment';
import { CallsProvider } from '../../src/react/CallsProvider';
import { CallRoom } from '../../src/react/room/CallRoom';

export interface FrameMark {
  at: number;
  width: number;
  height: number;
}

export interface JoinBench {
  ready: boolean;
  error?: string;
  clickAt?: number;
  localFrame?: FrameMark;
  remoteFrame?: FrameMark;
  /** What happened between the click and the frames, ms after the click (kit breakdown). */
  marks: { name: string; at: number }[];
}

const params = new URLSearchParams(location.search);
const bench: JoinBench = { ready: false, marks: [] };
(window as unknown as { __bench: JoinBench }).__bench = bench;

// The click that starts the measurement: capture phase, before any handler of the page.
document.addEventListener(
  'click',
  () => {
    bench.clickAt = performance.now();
    bench.localFrame = undefined;
    bench.remoteFrame = undefined;
    bench.marks = [];
    // Runs once the click's task (its handlers and their microtasks, React's render) is over.
    const after = new MessageChannel();
    after.port1.onmessage = () => mark('click handled');
    after.port2.postMessage(null);
  },
  { capture: true },
);

const mark = (name: string) => {
  if (bench.clickAt !== undefined)
    bench.marks.push({ name, at: performance.now() - bench.clickAt });
};
// Breakdown probes (both modes): getUserMedia and signaling WebSocket timings after the click.
const gum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
navigator.mediaDevices.getUserMedia = (constraints) => {
  mark('getUserMedia called');
  return gum(constraints).then((stream) => {
    mark('getUserMedia resolved');
    return stream;
  });
};
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    const what = String(url).includes('/local/signal') ? 'signaling socket' : 'chat socket';
    mark(`${what} created`);
    this.addEventListener('open', () => mark(`${what} open`), { once: true });
    this.addEventListener('message', () => mark(`${what} first message`), { once: true });
  }
};
/** HTTP requests made after the click (resource timing), as marks. */
export function requestMarks(clickAt: number): { name: string; at: number }[] {
  return performance
    .getEntriesByType('resource')
    .filter((e) => e.startTime >= clickAt)
    .flatMap((e) => {
      // Call and channel ids vary by run: name the route, not the id.
      const path = new URL(e.name).pathname
        .replace(/^\/calls\/[^/]+/, '/calls/{id}')
        .replace(/^\/channels\/([^/]+)\/[^/]+/, '/channels/$1/{id}');
      return [
        { name: `${path} sent`, at: e.startTime - clickAt },
        { name: `${path} answered`, at: (e as PerformanceResourceTiming).responseEnd - clickAt },
      ];
    });
}
(window as unknown as { __requestMarks: typeof requestMarks }).__requestMarks = requestMarks;

/** Waits for the first presented frame of real size on `video`. */
function watchFrames(video: HTMLVideoElement, kind: 'localFrame' | 'remoteFrame') {
  const onFrame = (now: number, meta: VideoFrameCallbackMetadata) => {
    if (!video.isConnected) return;
    if (meta.width > 2 && meta.height > 2) {
      if (bench.clickAt !== undefined && !bench[kind]) {
        bench[kind] = { at: now - bench.clickAt, width: meta.width, height: meta.height };
      }
      return;
    }
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
}

const watched = new WeakSet<HTMLVideoElement>();
new MutationObserver(() => {
  for (const video of document.querySelectorAll('video')) {
    if (watched.has(video)) continue;
    watched.add(video);
    const tile = video.closest('.str-call__tile');
    const isLocal = !tile || tile.hasAttribute('data-local');
    mark(`${isLocal ? 'local' : 'remote'} <video> in the DOM`);
    watchFrames(video, isLocal ? 'localFrame' : 'remoteFrame');
  }
}).observe(document.body, { childList: true, subtree: true });

const root = createRoot(document.getElementById('root')!);

/** What the bare pages do on the click: getUserMedia, then the stream into a <video> made before. */
function bareCamera(): () => void {
  const video = Object.assign(document.createElement('video'), {
    autoplay: true,
    playsInline: true,
    muted: true,
  });
  return () => {
    // The same constraints as the local provider's first capture.
    void navigator.mediaDevices
      .getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
        video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 24 } },
      })
      .then((stream) => {
        video.srcObject = stream;
        document.getElementById('root')!.append(video);
      });
  };
}

function renderBareButton(onClick: () => void) {
  root.render(
    <button type="button" className="str-call__button" onClick={onClick}>
      Join
    </button>,
  );
  bench.ready = true;
}

async function bare() {
  renderBareButton(bareCamera());
}

/**
 * The bare camera plus the network work of a local join, by hand: GetCallToken with the user's
 * JWT, then the signaling socket and its `join` frame (the dev server answers with `welcome`).
 */
async function bareWithNetwork() {
  const { client, channel, server } = await setUpChat();
  const callId = params.get('call') ?? channel.id!;
  const camera = bareCamera();
  renderBareButton(() => {
    camera();
    void fetch(`${server}/calls/${encodeURIComponent(callId)}?api_key=${client.key}`, {
      method: 'POST',
      headers: {
        authorization: client._getToken() ?? '',
        'stream-auth-type': 'jwt',
        'content-type': 'application/json',
      },
      body: '{}',
    })
      .then((r) => r.json() as Promise<{ token: string }>)
      .then(({ token }) => {
        const ws = new WebSocket(`${server.replace(/^http/, 'ws')}/local/signal`);
        ws.onopen = () => ws.send(JSON.stringify({ type: 'join', token }));
      });
  });
}

/** The chat side both kit-like modes start from: a connected client, the channel, the call. */
async function setUpChat() {
  const server = params.get('server')!;
  const userId = params.get('user')!;
  const channelId = params.get('channel')!;
  const { token, user } = (await (await fetch(`${server}/dev/token?user_id=${userId}`)).json()) as {
    token: string;
    user: { id: string; name?: string };
  };
  const client = new StreamChat(params.get('key') ?? 'dev', { baseURL: server, timeout: 10_000 });
  await client.connectUser({ id: user.id, name: user.name }, token);
  const channel = client.channel('messaging', channelId, {
    members: (params.get('members') ?? userId).split(','),
  } as Record<string, unknown>);
  await channel.watch();
  if (params.get('create') === '1') {
    const { call } = await streamCallApi(client).createCall(channel, {
      id: params.get('call') ?? channelId,
      type: 'video',
    });
    await channel.sendMessage({ text: '', attachments: [buildCallAttachment(call) as never] });
  }
  return { client, channel, server };
}

async function kit() {
  const { client, channel } = await setUpChat();
  root.render(
    <Chat client={client}>
      <CallsProvider providers={[local()]} ringing={false}>
        <WithComponents overrides={{ Attachment: CallAttachment }}>
          <Channel channel={channel}>
            <Window>
              <MessageList />
            </Window>
          </Channel>
        </WithComponents>
        <CallRoom />
      </CallsProvider>
    </Chat>,
  );
  bench.ready = true;
}

const modes: Record<string, () => Promise<void>> = { bare, 'bare-net': bareWithNetwork, kit };
(modes[params.get('mode') ?? 'kit'] ?? kit)().catch((e: Error) => {
  bench.error = e.message;
});
