import { afterEach, beforeEach, describe, expect, it, test, vi } from 'vitest';
import { CallKitError } from '../../../../src/core/errors';
import type { ProviderJoinOptions, ProviderRoom, RoomState } from '../../../../src/core/provider';
import { local, signalingURLFor } from '../../../../src/providers/local';
import {
  domError,
  type FakeMedia,
  FakePeerConnection,
  FakeWebSocket,
  flush,
  installFakes,
  joinOptions,
} from './fakes';

let media: FakeMedia;

beforeEach(() => {
  media = installFakes();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

async function socketAt(index: number): Promise<FakeWebSocket> {
  await vi.waitFor(() => expect(FakeWebSocket.instances[index]).toBeDefined());
  return FakeWebSocket.instances[index]!;
}

type Peer = { peer_id: string; user_id: string; state?: unknown };

/** Joins with the server answering `welcome` with `peers`. */
async function joined(peers: Peer[] = [], over: Partial<ProviderJoinOptions> = {}) {
  const pending = local({ maxPeers: 6 }).join(joinOptions(over));
  const ws = await socketAt(0);
  ws.accept();
  ws.receive({ type: 'welcome', peer_id: 'me', peers });
  const room = await pending;
  await flush();
  return { room, ws, state: () => room.store.getSnapshot() as RoomState };
}

function offerFrom(from: string) {
  return {
    type: 'signal',
    from,
    data: { description: { type: 'offer', sdp: 'fake offer audio,video,video' } },
  };
}

describe('local provider', () => {
  test.each([
    ['http://127.0.0.1:4100', 'ws://127.0.0.1:4100/local/signal'],
    ['https://calls.example.com/api/', 'wss://calls.example.com/api/local/signal'],
    [undefined, undefined],
  ])('derives the signaling URL from %s', (service, expected) => {
    expect(signalingURLFor(service)).toBe(expected);
  });

  it('connects to signaling while the camera starts, losing no frame that arrives meanwhile', async () => {
    let release!: () => void;
    const original = media.getUserMedia.getMockImplementation() as (
      c: MediaStreamConstraints,
    ) => Promise<unknown>;
    media.getUserMedia.mockImplementationOnce(
      (c: MediaStreamConstraints) =>
        new Promise((resolve) => {
          release = () => resolve(original(c));
        }),
    );
    const pending = local({ maxPeers: 6 }).join(joinOptions());
    // The socket opens before getUserMedia has answered.
    const ws = await socketAt(0);
    ws.accept();
    ws.receive({ type: 'welcome', peer_id: 'me', peers: [] });
    ws.receive({ type: 'peer-joined', peer: { peer_id: 'p-bob', user_id: 'bob' } });
    await flush();
    release();
    const room = await pending;
    await flush();
    const state = room.store.getSnapshot();
    expect(state.order).toEqual(['me', 'p-bob']);
    expect(state.participants['p-bob']?.userId).toBe('bob');
    expect(state.participants.me?.audioEnabled).toBe(true);
    await room.leave();
  });

  it('stops the captured tracks when signaling refuses the join', async () => {
    const pending = local({ maxPeers: 6 }).join(joinOptions());
    const ws = await socketAt(0);
    ws.accept();
    ws.receive({ type: 'error', code: 'unauthorized', message: 'bad token' });
    ws.serverClose(4001);
    await expect(pending).rejects.toBeInstanceOf(CallKitError);
    await flush();
    expect(media.tracks.length).toBeGreaterThan(0);
    expect(media.tracks.every((t) => t.readyState === 'ended')).toBe(true);
  });

  it('sends the join frame with the token first', async () => {
    const { ws } = await joined();
    expect(ws.url).toBe('ws://127.0.0.1:4100/local/signal');
    expect(ws.sent[0]).toEqual({ type: 'join', token: 'tok-1' });
  });

  it('offers to every peer listed in welcome, as the newcomer', async () => {
    const { ws, state } = await joined([
      { peer_id: 'p1', user_id: 'bob' },
      { peer_id: 'p2', user_id: 'carol', state: { audio: false, video: true, screen: false } },
    ]);
    expect(FakePeerConnection.instances).toHaveLength(2);
    const offers = ws.framesOfType('signal');
    expect(offers.map((f) => f.to).sort()).toEqual(['p1', 'p2']);
    for (const f of offers) expect(f.data).toMatchObject({ description: { type: 'offer' } });
    const pc = FakePeerConnection.instances[0]!;
    expect(pc.transceivers.map((t) => t.sender.track?.kind ?? null)).toEqual([
      'audio',
      'video',
      null,
    ]);
    expect(state().order).toEqual(['me', 'p1', 'p2']);
    expect(state().participants.p2).toMatchObject({ userId: 'carol', audioEnabled: false });
  });

  it('answers the first offer from a peer that joined after it, sending its own tracks', async () => {
    const { ws, state } = await joined();
    ws.receive({ type: 'peer-joined', peer: { peer_id: 'p9', user_id: 'dave' } });
    expect(FakePeerConnection.instances).toHaveLength(0);
    ws.receive(offerFrom('p9'));
    await flush();
    expect(FakePeerConnection.instances).toHaveLength(1);
    const pc = FakePeerConnection.instances[0]!;
    expect(ws.framesOfType('signal')).toEqual([
      {
        type: 'signal',
        to: 'p9',
        data: { description: { type: 'answer', sdp: expect.any(String) } },
      },
    ]);
    expect(pc.transceivers.map((t) => t.direction)).toEqual(['sendrecv', 'sendrecv', 'sendrecv']);
    expect(pc.transceivers[0]!.sender.track?.kind).toBe('audio');
    const p9 = state().participants.p9!;
    expect([p9.audioTrack?.source, p9.videoTrack?.source, p9.screenTrack?.source]).toEqual([
      'microphone',
      'camera',
      'screen',
    ]);
  });

  it('on renegotiation glare the newcomer (impolite) ignores the colliding offer', async () => {
    const { ws } = await joined([{ peer_id: 'p1', user_id: 'bob' }]);
    const pc = FakePeerConnection.instances[0]!;
    expect(pc.signalingState).toBe('have-local-offer');
    ws.receive(offerFrom('p1'));
    ws.receive({ type: 'signal', from: 'p1', data: { candidate: { candidate: 'late' } } });
    await flush();
    expect(pc.remoteDescription).toBeNull();
    expect(
      ws
        .framesOfType('signal')
        .map((f) => (f.data as { description?: { type: string } }).description?.type),
    ).toEqual(['offer']);
  });

  it('on renegotiation glare the peer that did not initiate (polite) yields and answers', async () => {
    const { ws } = await joined();
    ws.receive(offerFrom('p9'));
    await flush();
    const pc = FakePeerConnection.instances[0]!;
    // It starts a renegotiation of its own (e.g. a new transceiver)…
    pc.onnegotiationneeded?.();
    await flush();
    expect(pc.signalingState).toBe('have-local-offer');
    // …and the other side's offer collides with it: the polite side accepts the remote offer.
    ws.receive(offerFrom('p9'));
    await flush();
    const types = ws
      .framesOfType('signal')
      .map((f) => (f.data as { description?: { type: string } }).description?.type);
    expect(types).toEqual(['answer', 'offer', 'answer']);
  });

  it('relays ICE candidates both ways', async () => {
    const { ws } = await joined([{ peer_id: 'p1', user_id: 'bob' }]);
    const pc = FakePeerConnection.instances[0]!;
    pc.onicecandidate?.({ candidate: { toJSON: () => ({ candidate: 'c-out', sdpMid: '0' }) } });
    pc.onicecandidate?.({ candidate: null });
    expect(ws.framesOfType('signal').slice(1)).toEqual([
      { type: 'signal', to: 'p1', data: { candidate: { candidate: 'c-out', sdpMid: '0' } } },
      { type: 'signal', to: 'p1', data: { candidate: null } },
    ]);
    ws.receive({ type: 'signal', from: 'p1', data: { description: { type: 'answer', sdp: 'x' } } });
    ws.receive({
      type: 'signal',
      from: 'p1',
      data: { candidate: { candidate: 'c-in', sdpMid: '1' } },
    });
    await flush();
    expect(pc.candidates).toEqual([{ candidate: 'c-in', sdpMid: '1' }]);
  });

  it('ignores frames that do not parse and signals from peers it has no connection with', async () => {
    const { ws } = await joined();
    ws.onmessage?.({ data: '{not json' });
    ws.receive({ type: 'signal', from: 'ghost', data: { candidate: { candidate: 'x' } } });
    ws.receive({ type: 'peer-state', peer_id: 'p1', state: { audio: 'yes' } });
    await flush();
    expect(FakePeerConnection.instances).toHaveLength(0);
  });

  it('shows the mute state each peer reports', async () => {
    const { ws, state } = await joined([{ peer_id: 'p1', user_id: 'bob' }]);
    ws.receive({
      type: 'peer-state',
      peer_id: 'p1',
      state: { audio: false, video: true, screen: true },
    });
    expect(state().participants.p1).toMatchObject({
      audioEnabled: false,
      videoEnabled: true,
      screenShareEnabled: true,
    });
  });

  it('closes the connection and removes the participant when a peer leaves', async () => {
    const { ws, state } = await joined([{ peer_id: 'p1', user_id: 'bob' }]);
    ws.receive({ type: 'peer-left', peer_id: 'p1' });
    expect(FakePeerConnection.instances[0]!.close).toHaveBeenCalledTimes(1);
    expect(state().order).toEqual(['me']);
  });

  test.each([
    ['an ended frame', (ws: FakeWebSocket) => ws.receive({ type: 'ended' })],
    ['close code 4010', (ws: FakeWebSocket) => ws.serverClose(4010)],
  ])('disconnects with endReason "ended" on %s and releases everything', async (_, end) => {
    const { ws, state } = await joined([{ peer_id: 'p1', user_id: 'bob' }]);
    end(ws);
    expect(state()).toMatchObject({ connection: 'disconnected', endReason: 'ended' });
    expect(FakePeerConnection.instances[0]!.close).toHaveBeenCalledTimes(1);
    for (const t of media.tracks) expect(t.readyState).toBe('ended');
  });

  it('sends a state frame when the microphone is muted, keeping the track', async () => {
    const { room, ws, state } = await joined();
    await room.setMicrophoneEnabled(false);
    expect(ws.framesOfType('state').at(-1)).toEqual({
      type: 'state',
      state: { audio: false, video: true, screen: false },
    });
    const mic = media.tracks.find((t) => t.kind === 'audio')!;
    expect(mic).toMatchObject({ enabled: false, readyState: 'live' });
    expect(state().participants.me?.audioEnabled).toBe(false);
  });

  it('stops the camera track when the camera is turned off and captures a new one on', async () => {
    const { room, state } = await joined([{ peer_id: 'p1', user_id: 'bob' }]);
    const pc = FakePeerConnection.instances[0]!;
    const cam = media.tracks.find((t) => t.kind === 'video')!;
    await room.setCameraEnabled(false);
    expect(cam.stop).toHaveBeenCalledTimes(1);
    expect(pc.transceivers[1]!.sender.track).toBeNull();
    expect(state().participants.me).toMatchObject({ videoEnabled: false, videoTrack: undefined });
    await room.setCameraEnabled(true);
    expect(pc.transceivers[1]!.sender.track?.readyState).toBe('live');
    expect(state().participants.me?.videoEnabled).toBe(true);
  });

  it('shares the screen on the third transceiver and stops when the browser ends it', async () => {
    const { room, ws, state } = await joined([{ peer_id: 'p1', user_id: 'bob' }]);
    await room.setScreenShareEnabled(true);
    const pc = FakePeerConnection.instances[0]!;
    const screen = pc.transceivers[2]!.sender.track!;
    expect(state().participants.me?.screenShareEnabled).toBe(true);
    screen.fire('ended');
    await flush();
    expect(pc.transceivers[2]!.sender.track).toBeNull();
    expect(ws.framesOfType('state').at(-1)).toMatchObject({ state: { screen: false } });
  });

  it('leave closes every connection, track and socket exactly once', async () => {
    const { room, ws, state } = await joined([
      { peer_id: 'p1', user_id: 'bob' },
      { peer_id: 'p2', user_id: 'carol' },
    ]);
    await room.setScreenShareEnabled(true);
    await Promise.all([room.leave(), room.leave()]);
    await room.leave();
    for (const pc of FakePeerConnection.instances) expect(pc.close).toHaveBeenCalledTimes(1);
    for (const t of media.tracks) expect(t.stop).toHaveBeenCalledTimes(1);
    expect(ws.close).toHaveBeenCalledTimes(1);
    expect(media.removeEventListener).toHaveBeenCalledWith('devicechange', expect.any(Function));
    expect(state()).toMatchObject({ connection: 'disconnected', endReason: 'left' });
  });

  it('a leave during the join rejects it with aborted and releases the tracks', async () => {
    const abort = new AbortController();
    const pending = local().join(joinOptions({ signal: abort.signal }));
    const ws = await socketAt(0);
    ws.accept();
    abort.abort();
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
    expect(ws.close).toHaveBeenCalledTimes(1);
    for (const t of media.tracks) expect(t.readyState).toBe('ended');
  });

  it('times out when the server never answers', async () => {
    const pending = local().join(joinOptions({ timeoutMs: 50 }));
    (await socketAt(0)).accept();
    await expect(pending).rejects.toMatchObject({ code: 'timeout' });
    for (const t of media.tracks) expect(t.readyState).toBe('ended');
  });

  test.each([
    ['unauthorized', 4001, 'unauthorized'],
    ['room-full', 4009, 'provider-join-failed'],
    ['call-ended', 4010, 'call-ended'],
  ])('rejects the join on a %s error frame', async (code, close, expected) => {
    const pending = local().join(joinOptions());
    const ws = await socketAt(0);
    ws.accept();
    ws.receive({ type: 'error', code, message: 'no' });
    ws.serverClose(close);
    const error = await pending.catch((e) => e);
    expect(error).toBeInstanceOf(CallKitError);
    expect(error.code).toBe(expected);
  });

  test.each([
    ['NotAllowedError', ['NotAllowedError', 'NotAllowedError'], 'permission-denied', []],
    ['NotFoundError for the camera', ['NotFoundError'], 'device-not-found', ['audio']],
    ['NotReadableError', ['NotReadableError', 'NotReadableError'], 'device-in-use', []],
  ])('joins with less media on %s and says why in mediaIssue', async (_, errors, code, kinds) => {
    for (const name of errors) media.getUserMedia.mockRejectedValueOnce(domError(name));
    const { state, ws } = await joined();
    expect(state().mediaIssue?.code).toBe(code);
    expect(media.tracks.map((t) => t.kind)).toEqual(kinds);
    expect(ws.framesOfType('state')[0]).toMatchObject({
      state: { audio: kinds.includes('audio'), video: false },
    });
  });

  it('never captures a camera for audio calls', async () => {
    await joined([], { call: { id: 'c1', provider: 'local', type: 'audio' } });
    expect(media.getUserMedia).toHaveBeenCalledWith({ audio: true, video: false });
  });

  it('reconnects as a newcomer with a fresh token after the socket drops', async () => {
    const pending = local({}).join(joinOptions());
    const ws = await socketAt(0);
    ws.accept();
    ws.receive({ type: 'welcome', peer_id: 'me', peers: [{ peer_id: 'p1', user_id: 'bob' }] });
    const room: ProviderRoom = await pending;
    ws.serverClose(1006);
    expect(room.store.getSnapshot().connection).toBe('reconnecting');
    expect(FakePeerConnection.instances[0]!.close).toHaveBeenCalled();
    const ws2 = await socketAt(1);
    ws2.accept();
    expect(ws2.sent[0]).toEqual({ type: 'join', token: 'tok-2' });
    ws2.receive({ type: 'welcome', peer_id: 'me-2', peers: [{ peer_id: 'p1', user_id: 'bob' }] });
    await flush();
    expect(room.store.getSnapshot().connection).toBe('connected');
    expect(FakePeerConnection.instances).toHaveLength(2);
    expect(ws2.framesOfType('signal')[0]).toMatchObject({ to: 'p1' });
    await room.leave();
  });

  it('ends (not fails) when the call ended while it was reconnecting (4010)', async () => {
    const pending = local({}).join(joinOptions());
    const ws = await socketAt(0);
    ws.accept();
    ws.receive({ type: 'welcome', peer_id: 'me', peers: [] });
    const room: ProviderRoom = await pending;
    ws.serverClose(1006);
    const ws2 = await socketAt(1);
    ws2.accept();
    ws2.serverClose(4010);
    await vi.waitFor(() =>
      expect(room.store.getSnapshot()).toMatchObject({
        connection: 'disconnected',
        endReason: 'ended',
      }),
    );
    expect(room.store.getSnapshot().error).toBeUndefined();
    for (const t of media.tracks) expect(t.readyState).toBe('ended');
  });

  it('fails with connection-lost when reconnection attempts run out', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const pending = local().join(joinOptions());
    await vi.waitFor(() => expect(FakeWebSocket.instances[0]).toBeDefined());
    const ws = FakeWebSocket.instances[0]!;
    ws.accept();
    ws.receive({ type: 'welcome', peer_id: 'me', peers: [] });
    const room = await pending;
    ws.serverClose(1006);
    for (let i = 1; i <= 4; i++) {
      await vi.advanceTimersByTimeAsync(5_000);
      FakeWebSocket.instances[i]?.serverClose(1006);
    }
    await vi.advanceTimersByTimeAsync(5_000);
    expect(room.store.getSnapshot()).toMatchObject({
      connection: 'failed',
      error: expect.objectContaining({ code: 'connection-lost' }),
    });
    for (const t of media.tracks) expect(t.readyState).toBe('ended');
  });

  it('falls back to the default device when the selected one is unplugged', async () => {
    const { state } = await joined();
    await vi.waitFor(() => expect(state().devices).toHaveLength(2));
    media.enumerateDevices.mockResolvedValueOnce([
      { deviceId: 'cam-1', kind: 'videoinput', label: 'Cam 1' },
    ]);
    const onChange = media.addEventListener.mock.calls.find((c) => c[0] === 'devicechange')![1];
    onChange();
    await vi.waitFor(() => expect(media.getUserMedia).toHaveBeenLastCalledWith({ audio: true }));
    expect(media.tracks.filter((t) => t.kind === 'audio')[0]!.readyState).toBe('ended');
  });
});
