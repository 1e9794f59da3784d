/**
 * The whole room in real Chromium: two users' CallRooms (StrictMode) in one page, each with its own
 * real stream-chat client, CallController and `local` provider, through the REAL dev server.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { StreamChat } from 'stream-chat';
import { Chat, Streami18n } from 'stream-chat-react';
import { afterEach, describe, expect, it } from 'vitest';
import { streamCallApi } from '../../src/core/api';
import { streamChannel } from '../../src/core/channel';
import { CallController } from '../../src/core/controller';
import { local } from '../../src/providers/local';
import { CallsContext } from '../../src/react/context/CallsContext';
import { registerCallTranslations } from '../../src/react/i18n';
import { CallRoom } from '../../src/react/room';
import { devServer } from './dev-server-client';
import { installLeakProbe } from './leak-probe';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  cleanup();
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** `slowToken`: GetCallToken answers only once it settles (a slow network to the service). */
async function user(id: string, { slowToken }: { slowToken?: Promise<void> } = {}) {
  const server = devServer();
  const res = await fetch(`${server.url}/dev/token?user_id=${id}`);
  const { token } = (await res.json()) as { token: string };
  const client = new StreamChat('dev', { baseURL: server.url });
  await client.connectUser({ id }, token);
  const api = streamCallApi(client);
  if (slowToken) {
    const getCallToken = api.getCallToken;
    api.getCallToken = async (...args) => {
      await slowToken;
      return getCallToken(...args);
    };
  }
  const controller = new CallController({
    api,
    providers: [local()],
    user: { id, name: client.user?.name as string | undefined },
    serviceURL: server.url,
    joinTimeoutMs: 10_000,
  });
  cleanups.push(() => client.disconnectUser());
  cleanups.push(() => controller.destroy());
  const i18n = registerCallTranslations(new Streami18n({ language: 'en' }));
  const ui = (
    <Chat client={client} i18nInstance={i18n}>
      <CallsContext.Provider
        value={{
          client,
          api,
          controller,
          options: {
            notify: 'message',
            ringing: false,
            ringTimeoutMs: 30_000,
            joinTimeoutMs: 10_000,
            muteRingtone: true,
            autoRejectWhenBusy: false,
            notifyInBackground: false,
          },
        }}
      >
        <div data-testid={`room-${id}`}>
          {/* Two users in one page: each room in its own box, not two overlays. */}
          <CallRoom inline />
        </div>
      </CallsContext.Provider>
    </Chat>
  );
  return { client, controller, ui };
}

/** Resolves after `video` rendered 3 real frames. */
function frames(video: HTMLVideoElement): Promise<number> {
  return new Promise((resolve) => {
    let n = 0;
    const onFrame = () => {
      if (video.videoWidth > 2 && ++n >= 3) resolve(video.videoWidth);
      else video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  });
}

/**
 * Alice starts a call; Bob (StrictMode room) joins it while the call service holds his token
 * back until `answer()`.
 */
async function bobJoiningSlowly() {
  const probe = installLeakProbe();
  cleanups.push(async () => probe.restore());
  let answer!: () => void;
  const slowToken = new Promise<void>((resolve) => {
    answer = resolve;
  });
  const alice = await user('alice');
  const bob = await user('bob', { slowToken });
  render(<StrictMode>{bob.ui}</StrictMode>);
  const id = `bp-${Math.random().toString(36).slice(2, 10)}`;
  // A call starts from an open (watched) channel, as StartCallButton's is.
  await alice.client.channel('messaging', 'general').watch();
  const started = await alice.controller.start({
    channel: streamChannel(alice.client.channel('messaging', 'general')),
    type: 'video',
    callId: id,
    notify: 'event',
    ring: false,
    join: false,
  });
  if (!started.ok) throw started.error;
  await bob.controller.join(started.call);
  return { probe, bob, answer, room: within(screen.getByTestId('room-bob')) };
}

describe('CallRoom over the local provider', () => {
  it('two users see and hear each other, mute is shown, and leaving releases everything', async () => {
    const probe = installLeakProbe();
    cleanups.push(async () => probe.restore());
    const alice = await user('alice');
    const bob = await user('bob');
    render(
      <StrictMode>
        {alice.ui}
        {bob.ui}
      </StrictMode>,
    );
    const id = `br-${Math.random().toString(36).slice(2, 10)}`;
    // A call starts from an open (watched) channel, as StartCallButton's is.
    await alice.client.channel('messaging', 'general').watch();
    const started = await alice.controller.start({
      channel: streamChannel(alice.client.channel('messaging', 'general')),
      type: 'video',
      callId: id,
      notify: 'event',
      ring: false,
    });
    if (!started.ok) throw started.error;
    await bob.controller.join(started.call);

    const aliceRoom = within(screen.getByTestId('room-alice'));
    const bobRoom = within(screen.getByTestId('room-bob'));
    // Each side shows the other's camera, with real frames.
    const bobAtAlice = await aliceRoom.findByRole('group', { name: /^Bob/ }, { timeout: 10_000 });
    const aliceAtBob = await bobRoom.findByRole(
      'group',
      { name: /^Alice(?!.*\(you\))/ },
      { timeout: 10_000 },
    );
    await waitFor(() => expect(bobAtAlice).toHaveAttribute('data-video'), { timeout: 10_000 });
    await waitFor(() => expect(aliceAtBob).toHaveAttribute('data-video'), { timeout: 10_000 });
    expect(await frames(bobAtAlice.querySelector('video')!)).toBeGreaterThan(2);
    expect(await frames(aliceAtBob.querySelector('video')!)).toBeGreaterThan(2);
    // Remote audio plays through the room's hidden audio element.
    const audio = screen.getByTestId('room-alice').querySelector('audio')!;
    await waitFor(() => expect(audio.srcObject).toBeInstanceOf(MediaStream));

    await userEvent.click(aliceRoom.getByRole('button', { name: 'Microphone' }));
    // Through the signaling server to the other page: allow for a loaded CI machine.
    await waitFor(() => expect(aliceAtBob).toHaveAttribute('data-muted'), { timeout: 5_000 });
    expect(aliceRoom.getByRole('button', { name: 'Microphone' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );

    await userEvent.click(bobRoom.getByRole('button', { name: 'Leave' }));
    await waitFor(() => expect(aliceRoom.queryByRole('group', { name: /^Bob/ })).toBeNull());
    await userEvent.click(aliceRoom.getByRole('button', { name: 'Leave' }));
    await waitFor(() => expect(screen.queryAllByRole('region', { name: 'Call' })).toHaveLength(0));
    for (const c of [alice, bob]) expect(c.controller.session?.state.callingState).toBe('left');
    await waitFor(() => {
      expect(probe.openPeerConnections()).toBe(0);
      expect(probe.liveTracks()).toBe(0);
    });
    // StrictMode made no extra connection: one per direction of the one pair.
    expect(probe.peerConnections()).toBe(2);
  });

  it('shows the camera while connecting, and the same <video> plays on in the room', async () => {
    const { probe, bob, room, answer } = await bobJoiningSlowly();
    await room.findByText('Connecting to the call…');
    const tile = await room.findByRole('group', { name: /\(you\)$/ });
    const video = tile.querySelector('video')!;
    // The camera plays before the call service has even answered.
    expect(await frames(video)).toBeGreaterThan(2);

    answer();
    await waitFor(() => expect(bob.controller.session?.state.callingState).toBe('joined'), {
      timeout: 10_000,
    });
    await room.findByRole('group', { name: 'Call controls' });
    expect(room.getByRole('group', { name: /\(you\)$/ })).toBe(tile);
    expect(tile.querySelector('video')).toBe(video);
    expect(await frames(video)).toBeGreaterThan(2);

    await userEvent.click(room.getByRole('button', { name: 'Leave' }));
    await waitFor(() => expect(probe.liveTracks()).toBe(0));
  });

  it('Cancel while connecting releases the camera and joins nothing', async () => {
    const { probe, bob, room, answer } = await bobJoiningSlowly();
    const tile = await room.findByRole('group', { name: /\(you\)$/ });
    expect(await frames(tile.querySelector('video')!)).toBeGreaterThan(2);

    await userEvent.click(room.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(room.queryByRole('region', { name: 'Call' })).toBeNull());
    expect(bob.controller.session?.state.callingState).toBe('left');
    await waitFor(() => expect(probe.liveTracks()).toBe(0));
    answer();
    await new Promise((r) => setTimeout(r, 300));
    expect(probe.peerConnections()).toBe(0);
    expect(probe.liveTracks()).toBe(0);
  });
});
