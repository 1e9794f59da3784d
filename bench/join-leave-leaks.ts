/**
 * 50 join/leave cycles in Chromium with the local provider, through the real dev server and
 * against a second page that stays in the call: afterwards, live MediaStreamTracks, open
 * RTCPeerConnections and AudioContexts (constructors wrapped in an init script, WeakRefs) and JS
 * heap growth (CDP HeapProfiler.collectGarbage + Runtime.getHeapUsage).
 */
import { existsSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { startDevServer } from '../dev-server/server';
import { buildHarness, launchChromium, serveHarness } from './lib/browser';
import { joinButton, leaveButton, openHarness, waitForMark } from './lib/session';
import { median, mib, round } from './lib/stats';
import { type Benchmark, type Figure, NotReady } from './lib/types';

const CYCLES = 50;
const TIME_CAP_MS = 150_000;

const need = [
  '../dev-server/server.ts',
  '../src/providers/local/adapter.ts',
  '../src/react/room/CallRoom.tsx',
];

/** Counts what a page creates: peer connections, tracks (captured, cloned, received), audio contexts. */
const COUNTERS = `(() => {
  const pcs = [], tracks = [], audio = [];
  const keep = (t) => { if (t) tracks.push(new WeakRef(t)); };
  const NativePC = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePC {
    constructor(...args) {
      super(...args);
      pcs.push(new WeakRef(this));
      this.addEventListener('track', (e) => keep(e.track));
    }
  };
  const md = navigator.mediaDevices;
  for (const name of ['getUserMedia', 'getDisplayMedia']) {
    const orig = md && md[name] && md[name].bind(md);
    if (!orig) continue;
    md[name] = (c) => orig(c).then((s) => { s.getTracks().forEach(keep); return s; });
  }
  const clone = MediaStreamTrack.prototype.clone;
  MediaStreamTrack.prototype.clone = function () { const t = clone.call(this); keep(t); return t; };
  const NativeAC = window.AudioContext;
  if (NativeAC) window.AudioContext = class extends NativeAC {
    constructor(...args) { super(...args); audio.push(new WeakRef(this)); }
  };
  const alive = (refs) => refs.map((r) => r.deref()).filter(Boolean);
  window.__leaks = () => ({
    pcsCreated: pcs.length,
    openPcs: alive(pcs).filter((pc) => pc.signalingState !== 'closed' && pc.connectionState !== 'closed').length,
    tracksSeen: tracks.length,
    liveTracks: alive(tracks).filter((t) => t.readyState === 'live').length,
    audioContexts: audio.length,
    openAudioContexts: alive(audio).filter((a) => a.state !== 'closed').length,
  });
})();`;

interface Leaks {
  pcsCreated: number;
  openPcs: number;
  tracksSeen: number;
  liveTracks: number;
  audioContexts: number;
  openAudioContexts: number;
}

const leaks = (page: Page) =>
  page.evaluate(() => (window as unknown as { __leaks: () => Leaks }).__leaks());

async function heap(cdp: CDPSession) {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  return { used: usedSize, nodes: dom.nodes, listeners: dom.jsEventListeners };
}

export const joinLeaveLeaks: Benchmark = {
  name: 'join-leave-leaks',
  title: `${CYCLES} join/leave cycles (local provider, Chromium): tracks, peer connections, heap`,
  async run(ctx) {
    for (const f of need) {
      if (!existsSync(new URL(f, import.meta.url))) throw new NotReady(`${f.slice(3)} is missing`);
    }
    const server = await startDevServer({ port: 0, databasePath: ':memory:', log: () => {} });
    const harness = await buildHarness(new URL('./harness/join.tsx', import.meta.url));
    const served = await serveHarness(harness);
    const browser = await launchChromium(ctx);
    const channel = `leaks-${Date.now().toString(36)}`;
    const base = `${served.url}?mode=kit&server=${encodeURIComponent(server.url)}&key=${server.apiKey}&channel=${channel}&call=${channel}&members=alice,bob`;
    const joinMs: number[] = [];
    let cycles = 0;
    try {
      const alice = await openHarness(browser, `${base}&user=alice&create=1`, {
        initScript: COUNTERS,
      });
      await joinButton(alice.page).click();
      await waitForMark(alice.page, 'localFrame');
      const bob = await openHarness(browser, `${base}&user=bob`, { initScript: COUNTERS });
      const cdp = await bob.context.newCDPSession(bob.page);
      const cycle = async () => {
        await joinButton(bob.page).click();
        const b = await waitForMark(bob.page, 'remoteFrame');
        joinMs.push(b.remoteFrame!.at);
        await leaveButton(bob.page).click();
        await leaveButton(bob.page).waitFor({ state: 'detached' });
        await bob.page.locator('.str-call__card button.str-call__button:not([disabled])').waitFor();
      };
      // One warm-up cycle: lazily loaded provider code and first-use caches belong to the baseline.
      await cycle();
      await bob.page.waitForTimeout(300);
      const before = await heap(cdp);
      const started = performance.now();
      while (cycles < CYCLES && performance.now() - started < TIME_CAP_MS) {
        await cycle();
        cycles += 1;
        if (cycles % 10 === 0)
          ctx.log(`  ${cycles} cycles, ${Math.round((performance.now() - started) / 1000)} s`);
      }
      // Remote tracks end a few ms after pc.close(); give teardown a moment.
      await bob.page.waitForTimeout(1000);
      const after = await heap(cdp);
      const bobLeaks = await leaks(bob.page);
      const aliceLeaks = await leaks(alice.page);
      if (bob.errors.length > 0) ctx.log(`  page errors: ${bob.errors.slice(0, 3).join(' | ')}`);
      await bob.close();
      await alice.close();
      const growth = mib(after.used - before.used);
      const method = `${cycles} cycles after 1 warm-up: the CallCard's Join, wait for the other member's first video frame (rVFC, > 2×2), then Leave and wait for the card's button; a second page stays in the call the whole time`;
      const figures: Figure[] = [
        {
          name: 'live MediaStreamTracks after the cycles',
          value: bobLeaks.liveTracks,
          unit: 'tracks',
          goal: '0',
          pass: bobLeaks.liveTracks === 0,
          method: `${method}; init script wraps getUserMedia/getDisplayMedia, MediaStreamTrack.clone and RTCPeerConnection 'track' events, keeps WeakRefs, counts readyState 'live' (1 s after the last leave); ${bobLeaks.tracksSeen} tracks seen in all`,
        },
        {
          name: 'open RTCPeerConnections after the cycles',
          value: bobLeaks.openPcs,
          unit: 'connections',
          goal: '0',
          pass: bobLeaks.openPcs === 0,
          method: `${method}; init script subclasses RTCPeerConnection, keeps WeakRefs, counts signalingState and connectionState not 'closed'; ${bobLeaks.pcsCreated} created in all`,
        },
        {
          name: 'JS heap growth',
          value: round(growth, 2),
          unit: 'MiB',
          goal: '< 5 MiB',
          pass: growth < 5,
          method: `${method}; CDP HeapProfiler.collectGarbage ×3 then Runtime.getHeapUsage usedSize, after the cycles minus after the warm-up (${round(mib(before.used), 1)} → ${round(mib(after.used), 1)} MiB)`,
        },
        {
          name: 'open AudioContexts after the cycles',
          value: bobLeaks.openAudioContexts,
          unit: 'contexts',
          method: `same init script wraps AudioContext (remote level meters); ${bobLeaks.audioContexts} created in all`,
        },
        {
          name: 'DOM nodes / JS event listeners growth',
          value: after.nodes - before.nodes,
          unit: `nodes (listeners ${after.listeners - before.listeners >= 0 ? '+' : ''}${after.listeners - before.listeners})`,
          method: 'CDP Memory.getDOMCounters after GC, after the cycles minus after the warm-up',
        },
        {
          name: 'other member: open RTCPeerConnections',
          value: aliceLeaks.openPcs,
          unit: 'connections',
          goal: '0',
          pass: aliceLeaks.openPcs === 0,
          method: `the page that stayed in the call, same counters after the cycles (${aliceLeaks.pcsCreated} created; its own live tracks: ${aliceLeaks.liveTracks}, expected 2: its camera and microphone)`,
        },
        {
          name: 'Join → first remote frame during the cycles',
          value: round(median(joinMs), 0),
          unit: 'ms',
          method:
            'click → other member frame, median over the cycles (context for the join-latency benchmark)',
          runs: joinMs.map((x) => round(x, 0)),
        },
      ];
      return {
        figures,
        notes: [
          `Single run of ${cycles} cycles${cycles < CYCLES ? ` (stopped at the ${TIME_CAP_MS / 1000} s cap)` : ''}; leak counts are totals, not medians.`,
        ],
      };
    } finally {
      await browser.close();
      await served.close();
      await server.close();
    }
  },
};
