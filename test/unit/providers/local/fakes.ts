import { vi } from 'vitest';
import type { ProviderJoinOptions } from '../../../../src/core/provider';

/**
 * Fakes for the browser boundary jsdom does not have: WebSocket (the wire), RTCPeerConnection,
 * MediaStreamTrack and navigator.mediaDevices. The local provider's own code runs for real.
 */

let trackSeq = 0;
export class FakeTrack {
  readonly id = `track-${++trackSeq}`;
  enabled = true;
  readyState: 'live' | 'ended' = 'live';
  stop = vi.fn(() => {
    this.readyState = 'ended';
  });
  private listeners = new Map<string, () => void>();
  constructor(
    readonly kind: 'audio' | 'video',
    readonly deviceId = 'default',
  ) {}
  getSettings() {
    return { deviceId: this.deviceId };
  }
  addEventListener(type: string, fn: () => void) {
    this.listeners.set(type, fn);
  }
  removeEventListener() {}
  fire(type: string) {
    this.readyState = 'ended';
    this.listeners.get(type)?.();
  }
}

class FakeTransceiver {
  direction: RTCRtpTransceiverDirection;
  readonly sender: { track: FakeTrack | null; replaceTrack: ReturnType<typeof vi.fn> };
  readonly receiver: { track: FakeTrack };
  constructor(
    kind: 'audio' | 'video',
    track: FakeTrack | null,
    direction: RTCRtpTransceiverDirection,
  ) {
    this.direction = direction;
    this.receiver = { track: new FakeTrack(kind) };
    const sender = {
      track,
      replaceTrack: vi.fn(async (t: FakeTrack | null) => {
        sender.track = t;
      }),
    };
    this.sender = sender;
  }
}

export class FakePeerConnection {
  static instances: FakePeerConnection[] = [];
  signalingState: RTCSignalingState = 'stable';
  connectionState = 'new';
  localDescription: RTCSessionDescriptionInit | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  readonly transceivers: FakeTransceiver[] = [];
  readonly candidates: (RTCIceCandidateInit | undefined)[] = [];
  onicecandidate: ((e: { candidate: unknown }) => void) | null = null;
  ontrack: ((e: { track: FakeTrack; transceiver: FakeTransceiver }) => void) | null = null;
  onnegotiationneeded: (() => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  close = vi.fn(() => {
    this.signalingState = 'closed';
  });
  restartIce = vi.fn();
  private negotiationQueued = false;

  constructor(readonly config: RTCConfiguration) {
    FakePeerConnection.instances.push(this);
  }

  addTransceiver(trackOrKind: FakeTrack | 'audio' | 'video', init: RTCRtpTransceiverInit) {
    const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind;
    const track = typeof trackOrKind === 'string' ? null : trackOrKind;
    const t = new FakeTransceiver(kind, track, init.direction ?? 'sendrecv');
    this.transceivers.push(t);
    if (!this.negotiationQueued) {
      this.negotiationQueued = true;
      queueMicrotask(() => {
        this.negotiationQueued = false;
        this.onnegotiationneeded?.();
      });
    }
    return t;
  }
  getTransceivers() {
    return [...this.transceivers];
  }
  getReceivers() {
    return this.transceivers.map((t) => t.receiver);
  }
  async setLocalDescription(d?: RTCSessionDescriptionInit) {
    const type = d?.type ?? (this.signalingState === 'have-remote-offer' ? 'answer' : 'offer');
    const kinds = this.transceivers.map((t) => t.receiver.track.kind).join(',');
    this.localDescription = { type, sdp: `fake ${type} ${kinds}` };
    this.signalingState = type === 'offer' ? 'have-local-offer' : 'stable';
  }
  async setRemoteDescription(d: RTCSessionDescriptionInit) {
    this.remoteDescription = d;
    if (d.type === 'offer') {
      const kinds = (d.sdp ?? '').split(' ')[2]?.split(',') ?? [];
      kinds.forEach((kind, i) => {
        this.transceivers[i] ??= new FakeTransceiver(kind as 'audio' | 'video', null, 'recvonly');
      });
      this.signalingState = 'have-remote-offer';
    } else {
      this.signalingState = 'stable';
    }
    for (const t of this.transceivers) this.ontrack?.({ track: t.receiver.track, transceiver: t });
  }
  async addIceCandidate(c?: RTCIceCandidateInit) {
    if (!this.remoteDescription) throw new Error('remote description was null');
    this.candidates.push(c);
  }
}

export class FakeWebSocket {
  static instances: FakeWebSocket[] = [];
  readyState = 0;
  readonly sent: Record<string, unknown>[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: ((e: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  close = vi.fn(() => {
    this.readyState = 3;
  });
  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  /** Server side: accept the connection. */
  accept() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  serverClose(code: number) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  framesOfType(type: string) {
    return this.sent.filter((f) => f.type === type);
  }
}

export interface FakeMedia {
  getUserMedia: ReturnType<typeof vi.fn>;
  getDisplayMedia: ReturnType<typeof vi.fn>;
  enumerateDevices: ReturnType<typeof vi.fn>;
  addEventListener: ReturnType<typeof vi.fn>;
  removeEventListener: ReturnType<typeof vi.fn>;
  /** Every track getUserMedia / getDisplayMedia handed out. */
  tracks: FakeTrack[];
}

export function installFakes(): FakeMedia {
  FakePeerConnection.instances = [];
  FakeWebSocket.instances = [];
  const tracks: FakeTrack[] = [];
  const stream = (list: FakeTrack[]) => {
    tracks.push(...list);
    return {
      getTracks: () => list,
      getAudioTracks: () => list.filter((t) => t.kind === 'audio'),
      getVideoTracks: () => list.filter((t) => t.kind === 'video'),
    };
  };
  const media: FakeMedia = {
    tracks,
    getUserMedia: vi.fn(async (c: MediaStreamConstraints) => {
      const list: FakeTrack[] = [];
      if (c.audio) list.push(new FakeTrack('audio', 'mic-1'));
      if (c.video) list.push(new FakeTrack('video', 'cam-1'));
      return stream(list);
    }),
    getDisplayMedia: vi.fn(async () => stream([new FakeTrack('video', 'screen')])),
    enumerateDevices: vi.fn(async () => [
      { deviceId: 'mic-1', kind: 'audioinput', label: 'Mic 1' },
      { deviceId: 'cam-1', kind: 'videoinput', label: 'Cam 1' },
    ]),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
  };
  vi.stubGlobal('WebSocket', FakeWebSocket);
  vi.stubGlobal('RTCPeerConnection', FakePeerConnection);
  Object.defineProperty(navigator, 'mediaDevices', { value: media, configurable: true });
  return media;
}

export function domError(name: string): Error {
  const e = new Error(name);
  e.name = name;
  return e;
}

/** Lets pending promise chains (several awaits deep) settle. */
export async function flush(times = 10): Promise<void> {
  for (let i = 0; i < times; i++) await Promise.resolve();
}

/** Join options for a video call `c1` on the dev server's default URL; `over` replaces fields. */
export function joinOptions(over: Partial<ProviderJoinOptions> = {}): ProviderJoinOptions {
  return {
    call: { id: 'c1', provider: 'local', type: 'video', local: { room: 'c1' } },
    token: { token: 'tok-1' },
    user: { id: 'alice', name: 'Alice' },
    media: { audio: true, video: true },
    signal: new AbortController().signal,
    timeoutMs: 5_000,
    renewToken: async () => ({ token: 'tok-2' }),
    serviceURL: 'http://127.0.0.1:4100',
    ...over,
  };
}
