/**
 * Harness for the room-levels benchmark (runs in Chromium, React profiling build). A room of 25
 * participants held in a real `createRoomStore` drives the real room components (GridLayout with
 * ParticipantTile, CallControls, RoomAudio inside RoomProvider, inside Chat + CallsProvider);
 * `window.__run(scenario, ms)` changes audio levels 10 times a second and reports, per change,
 * which components rendered (<Profiler onRender>) and the requestAnimationFrame deltas.
 */
import '../../src/react/styles/index.css';
import 'stream-chat-react/dist/css/index.css';
import { Profiler, type ProfilerOnRenderCallback } from 'react';
import { createRoot } from 'react-dom/client';
import { StreamChat } from 'stream-chat';
import { Chat } from 'stream-chat-react';
import type { CallApi } from '../../src/core/api';
import type { ProviderRoom, RoomParticipant } from '../../src/core/provider';
import { createRoomStore } from '../../src/providers/shared/room-store';
import { CallsProvider } from '../../src/react/CallsProvider';
import { CallControls } from '../../src/react/room/CallControls';
import { GridLayout } from '../../src/react/room/GridLayout';
import { ParticipantTile, type ParticipantTileProps } from '../../src/react/room/ParticipantTile';
import { RoomAudio } from '../../src/react/room/RoomAudio';
import { RoomProvider } from '../../src/react/room/RoomContext';

export type Scenario = 'idle' | 'one-speaker' | 'everyone';

export interface ChangeRecord {
  /** Participants whose object the store replaced (what may legitimately re-render). */
  changed: number;
  /** Distinct tiles whose ParticipantTile rendered. */
  tiles: number;
  /** Tile wrapper bodies run: > 0 means GridLayout itself re-rendered. */
  gridChildren: number;
  /** Profiler ids other than tiles that reported a render (controls, audio). */
  others: string[];
  /** React commits after the change. */
  commits: number;
  /** Sum of actualDuration of the room Profiler's commits, ms. */
  renderMs: number;
}

export interface RunResult {
  changes: ChangeRecord[];
  frameDeltas: number[];
}

const N = 25;
const participants: RoomParticipant[] = Array.from({ length: N }, (_, i) => ({
  id: `p${i}`,
  userId: `user-${i}`,
  name: `Participant ${i}`,
  isLocal: i === 0,
  audioEnabled: true,
  videoEnabled: false,
  screenShareEnabled: false,
  audioLevel: 0,
  speaking: false,
}));
const store = createRoomStore(participants[0]);
for (const p of participants.slice(1)) store.upsertParticipant(p.id, p);
store.update({ connection: 'connected' });
const ids = participants.map((p) => p.id);

const noop = async () => {};
const room: ProviderRoom = {
  store,
  setMicrophoneEnabled: noop,
  setCameraEnabled: noop,
  setScreenShareEnabled: noop,
  selectDevice: noop,
  unlockAudio: noop,
  leave: noop,
};

const notUsed = () => Promise.reject(new Error('not used in this benchmark'));
const api: CallApi = {
  createCall: notUsed,
  getCallToken: notUsed,
  getCallState: notUsed,
  updateParticipation: notUsed,
  endCall: notUsed,
};
const client = new StreamChat('bench', { allowServerSideConnect: true });
client.user = { id: 'user-0', name: 'Participant 0' };
client.userID = 'user-0';

let current: ChangeRecord | undefined;
const onTileRender: ProfilerOnRenderCallback = (id) => {
  if (!current) return;
  tilesSeen.add(id);
  current.tiles = tilesSeen.size;
};
const tilesSeen = new Set<string>();
const onOtherRender: ProfilerOnRenderCallback = (id) => {
  if (current && !current.others.includes(id)) current.others.push(id);
};
const onRoomRender: ProfilerOnRenderCallback = (_id, _phase, actualDuration) => {
  if (!current) return;
  current.commits += 1;
  current.renderMs += actualDuration;
};

function ProfiledTile(props: ParticipantTileProps) {
  if (current) current.gridChildren += 1;
  return (
    <Profiler id={props.participantId} onRender={onTileRender}>
      <ParticipantTile {...props} />
    </Profiler>
  );
}

createRoot(document.getElementById('root')!).render(
  <Chat client={client}>
    <CallsProvider providers={[]} api={api} ringing={false}>
      <Profiler id="room" onRender={onRoomRender}>
        <RoomProvider room={room}>
          <section
            className="str-call__room"
            data-state="joined"
            data-layout="grid"
            style={{ position: 'fixed', inset: 0, display: 'grid', gridTemplateRows: '1fr auto' }}
          >
            {/* All 25 on one page: the grid pages tiles that would be smaller than its minimum. */}
            <GridLayout pageSize={N} minTileWidth={1} minTileHeight={1} Tile={ProfiledTile} />
            <Profiler id="CallControls" onRender={onOtherRender}>
              <CallControls />
            </Profiler>
            <Profiler id="RoomAudio" onRender={onOtherRender}>
              <RoomAudio />
            </Profiler>
          </section>
        </RoomProvider>
      </Profiler>
    </CallsProvider>
  </Chat>,
);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A level that differs from the previous one after the store's quantisation (steps of 0.05). */
function nextLevel(tick: number, who: number): number {
  return 0.1 + (((tick * 7 + who * 3) % 16) + 1) * 0.05;
}

async function run(scenario: Scenario, ms: number): Promise<RunResult> {
  const changes: ChangeRecord[] = [];
  const frameDeltas: number[] = [];
  let running = true;
  let last = performance.now();
  const frame = (now: number) => {
    frameDeltas.push(now - last);
    last = now;
    if (running) requestAnimationFrame(frame);
  };
  requestAnimationFrame((now) => {
    last = now;
    requestAnimationFrame(frame);
  });
  const ticks = Math.round(ms / 100);
  for (let tick = 0; tick < ticks; tick++) {
    if (scenario !== 'idle') {
      tilesSeen.clear();
      current = { changed: 0, tiles: 0, gridChildren: 0, others: [], commits: 0, renderMs: 0 };
      const levels = new Map<string, number>();
      if (scenario === 'one-speaker') {
        // The speaker moves to the next participant every second (local included); others are
        // silent, so only the speaker's level changes from one tick to the next.
        const speaker = Math.floor(tick / 10) % N;
        for (const [i, id] of ids.entries()) levels.set(id, i === speaker ? nextLevel(tick, i) : 0);
      } else {
        for (const [i, id] of ids.entries()) levels.set(id, nextLevel(tick, i));
      }
      const before = store.getSnapshot().participants;
      store.setAudioLevels(levels);
      const after = store.getSnapshot().participants;
      current.changed = ids.filter((id) => before[id] !== after[id]).length;
      changes.push(current);
    }
    await sleep(100);
  }
  current = undefined;
  running = false;
  // The first change of one-speaker turns the first speaker on from silence: keep it, it is a
  // change like the others. Frame deltas: drop the first (it spans the setup).
  return { changes, frameDeltas: frameDeltas.slice(1) };
}

(window as unknown as { __run: typeof run }).__run = run;
