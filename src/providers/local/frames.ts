/**
 * Frames of the local signaling protocol (see briefs/signaling.md). Everything received is parsed
 * here and copied field by field (unknown keys dropped). Hand-written guards rather than a schema
 * library: this chunk loads on join and has a 5 kB budget; the frames are few and flat.
 */

export interface PeerMediaState {
  audio: boolean;
  video: boolean;
  screen: boolean;
}

export interface PeerInfo {
  peer_id: string;
  user_id: string;
  name?: string;
  image?: string;
  state?: PeerMediaState;
}

export interface SignalData {
  description?: { type: 'offer' | 'answer'; sdp?: string };
  candidate?: RTCIceCandidateInit | null;
}

export type ServerFrame =
  | { type: 'welcome'; peer_id: string; peers: PeerInfo[] }
  | { type: 'peer-joined'; peer: PeerInfo }
  | { type: 'peer-left'; peer_id: string }
  | { type: 'signal'; from: string; data: SignalData }
  | { type: 'peer-state'; peer_id: string; state: PeerMediaState }
  | { type: 'ended' }
  | { type: 'error'; code: string; message?: string };

export type ClientFrame =
  | { type: 'join'; token: string }
  | { type: 'signal'; to: string; data: SignalData }
  | { type: 'state'; state: PeerMediaState };

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown, max: number): x is string => typeof x === 'string' && x.length <= max;
const optStr = (x: unknown, max: number): x is string | undefined => x === undefined || str(x, max);
const nullStr = (x: unknown, max: number) => x == null || str(x, max);
const id = (x: unknown): x is string => str(x, 128);

function mediaState(x: unknown): PeerMediaState | undefined {
  if (!isObj(x)) return undefined;
  const { audio, video, screen } = x;
  return typeof audio === 'boolean' && typeof video === 'boolean' && typeof screen === 'boolean'
    ? { audio, video, screen }
    : undefined;
}

function peer(x: unknown): PeerInfo | undefined {
  if (!isObj(x) || !id(x.peer_id) || !id(x.user_id) || !optStr(x.name, 512)) return undefined;
  if (!optStr(x.image, 2048)) return undefined;
  const state = x.state == null ? undefined : mediaState(x.state);
  if (x.state != null && !state) return undefined;
  return { peer_id: x.peer_id, user_id: x.user_id, name: x.name, image: x.image, state };
}

function signalData(x: unknown): SignalData | undefined {
  if (!isObj(x)) return undefined;
  const out: SignalData = {};
  const d = x.description;
  if (d !== undefined) {
    if (!isObj(d) || (d.type !== 'offer' && d.type !== 'answer') || !optStr(d.sdp, 60_000)) {
      return undefined;
    }
    out.description = { type: d.type, sdp: d.sdp };
  }
  const c = x.candidate;
  if (c === null) out.candidate = null;
  else if (c !== undefined) {
    if (
      !isObj(c) ||
      !optStr(c.candidate, 2_000) ||
      !nullStr(c.sdpMid, 64) ||
      !nullStr(c.usernameFragment, 256) ||
      !(c.sdpMLineIndex == null || Number.isInteger(c.sdpMLineIndex))
    ) {
      return undefined;
    }
    out.candidate = {
      candidate: c.candidate,
      sdpMid: c.sdpMid as string | null | undefined,
      sdpMLineIndex: c.sdpMLineIndex as number | null | undefined,
      usernameFragment: c.usernameFragment as string | null | undefined,
    };
  }
  return out;
}

/** A received text frame, or undefined when it is not one we understand (never throws). */
export function parseServerFrame(raw: unknown): ServerFrame | undefined {
  if (typeof raw !== 'string' || raw.length > 65_536) return undefined;
  let f: unknown;
  try {
    f = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isObj(f)) return undefined;
  switch (f.type) {
    case 'welcome': {
      if (!id(f.peer_id) || !Array.isArray(f.peers) || f.peers.length > 64) return undefined;
      const peers = f.peers.map(peer);
      return peers.every(Boolean)
        ? { type: 'welcome', peer_id: f.peer_id, peers: peers as PeerInfo[] }
        : undefined;
    }
    case 'peer-joined': {
      const p = peer(f.peer);
      return p && { type: 'peer-joined', peer: p };
    }
    case 'peer-left':
      return id(f.peer_id) ? { type: 'peer-left', peer_id: f.peer_id } : undefined;
    case 'signal': {
      const data = signalData(f.data);
      return id(f.from) && data ? { type: 'signal', from: f.from, data } : undefined;
    }
    case 'peer-state': {
      const state = mediaState(f.state);
      return id(f.peer_id) && state ? { type: 'peer-state', peer_id: f.peer_id, state } : undefined;
    }
    case 'ended':
      return { type: 'ended' };
    case 'error':
      return str(f.code, 64) && optStr(f.message, 512)
        ? { type: 'error', code: f.code, message: f.message }
        : undefined;
    default:
      return undefined;
  }
}

/** Close codes the server uses. */
export const CLOSE_UNAUTHORIZED = 4001;
export const CLOSE_ROOM_FULL = 4009;
export const CLOSE_ENDED = 4010;
