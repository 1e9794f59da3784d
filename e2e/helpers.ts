/** Shared steps for the e2e specs: sign-in, per-step screenshots, media leak counting. */
import {
  type Browser,
  type BrowserContext,
  expect,
  type Page,
  type TestInfo,
} from '@playwright/test';

/**
 * Installed before any page script: wraps getUserMedia/getDisplayMedia and RTCPeerConnection so a
 * test can count the camera/microphone tracks still live and the peer connections still open.
 */
export function mediaLeakProbe() {
  const w = window as unknown as {
    __e2eMedia?: { tracks: MediaStreamTrack[]; peers: WeakRef<RTCPeerConnection>[] };
  };
  const state = { tracks: [] as MediaStreamTrack[], peers: [] as WeakRef<RTCPeerConnection>[] };
  w.__e2eMedia = state;
  // Patch the prototype with plain assignments: SDK shims (webrtc-adapter) later assign their own
  // `navigator.mediaDevices.getUserMedia` on top, which must stay possible, and still call ours.
  const proto = window.MediaDevices?.prototype;
  if (proto) {
    for (const name of ['getUserMedia', 'getDisplayMedia'] as const) {
      const original = proto[name] as
        | ((this: MediaDevices, c?: unknown) => Promise<MediaStream>)
        | undefined;
      if (!original) continue;
      proto[name] = async function (this: MediaDevices, constraints?: unknown) {
        const stream = await original.call(this, constraints);
        state.tracks.push(...stream.getTracks());
        return stream;
      } as MediaDevices[typeof name];
    }
  }
  const Native = window.RTCPeerConnection;
  if (Native) {
    class Probed extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        state.peers.push(new WeakRef(this));
        this.addEventListener('track', (e) => state.tracks.push(e.track));
      }
    }
    Object.defineProperty(window, 'RTCPeerConnection', {
      configurable: true,
      writable: true,
      value: Probed,
    });
  }
}

export interface MediaCounts {
  /** Tracks from getUserMedia/getDisplayMedia and remote tracks, still `live`. */
  liveTracks: number;
  /** Camera/microphone tracks ever obtained on this page. */
  capturedTracks: number;
  /** Peer connections not closed. */
  openPeers: number;
}

export function mediaCounts(page: Page): Promise<MediaCounts> {
  return page.evaluate(() => {
    const s = (
      window as unknown as {
        __e2eMedia?: { tracks: MediaStreamTrack[]; peers: WeakRef<RTCPeerConnection>[] };
      }
    ).__e2eMedia;
    if (!s) return { liveTracks: -1, capturedTracks: -1, openPeers: -1 };
    return {
      liveTracks: s.tracks.filter((t) => t.readyState === 'live').length,
      capturedTracks: s.tracks.length,
      openPeers: s.peers.map((r) => r.deref()).filter((p) => p && p.signalingState !== 'closed')
        .length,
    };
  });
}

/** Saves a full-page screenshot into the test's output folder and attaches it to the report. */
export async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const index = String(
    testInfo.attachments.filter((a) => a.contentType === 'image/png').length + 1,
  ).padStart(2, '0');
  const path = testInfo.outputPath(`${index}-${name}.png`);
  await page.screenshot({ path, animations: 'disabled' });
  await testInfo.attach(`${index}-${name}`, { path, contentType: 'image/png' });
}

/** A fresh browser context (its own storage, camera and microphone allowed) with the leak probe. */
export async function newUserPage(
  browser: Browser,
  baseURL: string | undefined,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    permissions: ['camera', 'microphone'],
    viewport: { width: 1280, height: 800 },
  });
  await context.addInitScript(mediaLeakProbe);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[pageerror] ${e.message}`));
  return { context, page };
}

/** Opens the demo signed in as `user` (`?user=`), waits for the channel list. */
export async function signIn(page: Page, user: string, query = ''): Promise<void> {
  await page.goto(`/?user=${user}${query}`);
  await expect(page.locator('.str-chat__channel-list-item').first()).toBeVisible({
    timeout: 20_000,
  });
}

/** Opens messaging:general from the channel list and waits for its message list. */
export async function openGeneral(page: Page): Promise<void> {
  await page
    .locator('.str-chat__channel-list-item', { hasText: /general/i })
    .first()
    .click();
  await expect(page.locator('.str-chat__message-list')).toBeVisible();
}

/** The newest call card in the open channel's message list (a group named "Video call"/"Audio call"). */
export function lastCallCard(page: Page) {
  return page
    .locator('.str-chat__message-list')
    .getByRole('group', { name: /^(Video|Audio) call$/ })
    .last();
}

/**
 * Starts a call from the channel header the way the demo offers it: Start opens the pre-join
 * preview (camera, microphone, devices), whose Join joins the call.
 */
export async function startCall(page: Page, type: 'video' | 'audio' = 'video'): Promise<void> {
  await page.getByRole('button', { name: `Start ${type} call` }).click();
  const preJoin = page.getByRole('region', { name: 'Get ready to join' });
  await expect(preJoin).toBeVisible();
  await preJoin.getByRole('button', { name: 'Join' }).click();
}
