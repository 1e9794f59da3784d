import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as v from 'valibot';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { LOCAL_TOKEN_AUDIENCE } from './auth';
import { type Hs256Key, hs256 } from './jwt';
import type { CallRegistry } from './registry';

export const SIGNAL_MAX_PAYLOAD = 64 * 1024;
export const MAX_PEERS_PER_ROOM = 6;
export const CLOSE_UNAUTHORIZED = 4001;
export const CLOSE_ROOM_FULL = 4009;
export const CLOSE_CALL_ENDED = 4010;

interface PeerInfo {
  peer_id: string;
  user_id: string;
  name?: string;
  image?: string;
  state?: MediaState;
}
interface MediaState {
  audio: boolean;
  video: boolean;
  screen: boolean;
}
interface Peer {
  info: PeerInfo;
  room: string;
  socket: WebSocket;
  alive: boolean;
}

const bounded = (n: number) => v.pipe(v.string(), v.maxLength(n));
const JoinFrame = v.object({ type: v.literal('join'), token: bounded(4096) });
const ClientFrame = v.variant('type', [
  v.object({
    type: v.literal('signal'),
    to: bounded(64),
    data: v.object({
      description: v.optional(
        v.object({
          type: v.picklist(['offer', 'answer', 'pranswer', 'rollback']),
          sdp: v.optional(bounded(60_000)),
        }),
      ),
      candidate: v.optional(
        v.nullable(
          v.object({
            candidate: v.optional(bounded(2000)),
            sdpMid: v.optional(v.nullable(bounded(64))),
            sdpMLineIndex: v.optional(v.nullable(v.number())),
            usernameFragment: v.optional(v.nullable(bounded(256))),
          }),
        ),
      ),
    }),
  }),
  v.object({
    type: v.literal('state'),
    state: v.object({ audio: v.boolean(), video: v.boolean(), screen: v.boolean() }),
  }),
]);
const TokenClaims = v.object({
  room: v.pipe(v.string(), v.regex(/^[a-z0-9_-]{1,64}$/)),
  user_id: bounded(255),
  name: v.optional(bounded(200)),
  image: v.optional(bounded(2000)),
  iat_ms: v.optional(v.number()),
  iat: v.optional(v.number()),
});

export interface SignalingOptions {
  path: string;
  secret: string;
  registry: CallRegistry;
  joinTimeoutMs?: number;
  pingIntervalMs?: number;
  log: (line: string) => void;
}

/** The local provider's signaling: admits local tokens, relays within one room only. */
export class SignalingServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: SIGNAL_MAX_PAYLOAD });
  private readonly rooms = new Map<string, Map<string, Peer>>();
  private readonly key: Hs256Key;
  private readonly ping: NodeJS.Timeout;

  constructor(private readonly options: SignalingOptions) {
    this.key = hs256(options.secret);
    this.wss.on('connection', (socket) => this.onConnection(socket));
    this.ping = setInterval(() => this.heartbeat(), options.pingIntervalMs ?? 20_000);
    this.ping.unref();
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path !== this.options.path) return false;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
    return true;
  }

  /** Tells every peer of the room the call ended and closes them with 4010. */
  endRoom(room: string): void {
    const peers = this.rooms.get(room);
    if (!peers) return;
    this.rooms.delete(room);
    for (const p of peers.values()) {
      send(p.socket, { type: 'ended' });
      p.socket.close(CLOSE_CALL_ENDED, 'call ended');
    }
  }

  peerCount(room: string): number {
    return this.rooms.get(room)?.size ?? 0;
  }

  async close(): Promise<void> {
    clearInterval(this.ping);
    for (const client of this.wss.clients) client.terminate();
    this.rooms.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private onConnection(socket: WebSocket) {
    let peer: Peer | undefined;
    let joining = false;
    const timer = setTimeout(() => {
      if (!peer) refuse(socket, 'unauthorized', 'No join frame in time.', CLOSE_UNAUTHORIZED);
    }, this.options.joinTimeoutMs ?? 10_000);
    // Frames are handled one after another, so frames sent right after `join` wait for it.
    let chain = Promise.resolve();
    const handle = async (raw: RawData, isBinary: boolean) => {
      const frame = isBinary ? undefined : safeJson(raw.toString());
      if (!peer) {
        if (joining) return;
        const join = v.safeParse(JoinFrame, frame);
        if (!join.success) {
          refuse(socket, 'unauthorized', 'The first frame must be a join.', CLOSE_UNAUTHORIZED);
          return;
        }
        joining = true;
        peer = await this.admit(socket, join.output.token);
        clearTimeout(timer);
        if (peer && socket.readyState !== socket.OPEN) this.leave(peer);
        return;
      }
      const parsed = v.safeParse(ClientFrame, frame);
      if (!parsed.success) {
        send(socket, {
          type: 'error',
          code: 'invalid-frame',
          message: 'Unknown or malformed frame.',
        });
        return;
      }
      this.relay(peer, parsed.output);
    };
    socket.on('message', (raw, isBinary) => {
      chain = chain.then(() => handle(raw, isBinary));
    });
    socket.on('pong', () => {
      if (peer) peer.alive = true;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      if (peer) this.leave(peer);
    });
    socket.on('error', () => socket.terminate());
  }

  private async admit(socket: WebSocket, token: string): Promise<Peer | undefined> {
    let claims: v.InferOutput<typeof TokenClaims>;
    try {
      const payload = this.key.verify(token, { audience: LOCAL_TOKEN_AUDIENCE });
      claims = v.parse(TokenClaims, payload);
    } catch {
      refuse(socket, 'unauthorized', 'The token is not valid.', CLOSE_UNAUTHORIZED);
      return undefined;
    }
    if (socket.readyState !== socket.OPEN) return undefined;
    const stored = await this.options.registry.get(claims.room);
    const issuedMs = claims.iat_ms ?? (claims.iat ?? 0) * 1000;
    // A token from the period that ended is refused; one issued after the end is a rejoin.
    if (stored?.endedAt && issuedMs <= Date.parse(stored.endedAt)) {
      refuse(socket, 'call-ended', 'The call has ended.', CLOSE_CALL_ENDED);
      return undefined;
    }
    const room = this.rooms.get(claims.room) ?? new Map<string, Peer>();
    if (room.size >= MAX_PEERS_PER_ROOM) {
      refuse(socket, 'room-full', 'The call is full.', CLOSE_ROOM_FULL);
      return undefined;
    }
    const info: PeerInfo = { peer_id: randomUUID(), user_id: claims.user_id };
    if (claims.name) info.name = claims.name;
    if (claims.image) info.image = claims.image;
    const peer: Peer = { info, room: claims.room, socket, alive: true };
    send(socket, {
      type: 'welcome',
      peer_id: info.peer_id,
      peers: [...room.values()].map((p) => p.info),
    });
    for (const other of room.values()) send(other.socket, { type: 'peer-joined', peer: info });
    room.set(info.peer_id, peer);
    this.rooms.set(claims.room, room);
    return peer;
  }

  private relay(from: Peer, frame: v.InferOutput<typeof ClientFrame>) {
    const room = this.rooms.get(from.room);
    if (!room) return;
    if (frame.type === 'state') {
      from.info.state = frame.state;
      for (const p of room.values()) {
        if (p !== from)
          send(p.socket, { type: 'peer-state', peer_id: from.info.peer_id, state: frame.state });
      }
      return;
    }
    const to = room.get(frame.to);
    if (!to || to === from) {
      send(from.socket, {
        type: 'error',
        code: 'unknown-peer',
        message: 'No such peer in this room.',
      });
      return;
    }
    send(to.socket, { type: 'signal', from: from.info.peer_id, data: frame.data });
  }

  private leave(peer: Peer) {
    const room = this.rooms.get(peer.room);
    if (!room?.delete(peer.info.peer_id)) return;
    if (room.size === 0) this.rooms.delete(peer.room);
    for (const p of room.values())
      send(p.socket, { type: 'peer-left', peer_id: peer.info.peer_id });
  }

  private heartbeat() {
    for (const room of this.rooms.values()) {
      for (const p of room.values()) {
        if (!p.alive) {
          p.socket.terminate();
          continue;
        }
        p.alive = false;
        p.socket.ping();
      }
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function send(socket: WebSocket, frame: object) {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

function refuse(socket: WebSocket, code: string, message: string, closeCode: number) {
  send(socket, { type: 'error', code, message });
  socket.close(closeCode, code);
}
