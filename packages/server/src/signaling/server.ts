import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as v from 'valibot';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { LOCAL_TOKEN_AUDIENCE } from '../auth';
import { ErrorCode, errorBody, HttpError } from '../errors';
import { type Hs256Key, hs256 } from '../jwt';
import { escapeLog } from '../log';
import { SendBudget, SignalingConnection } from './connection';
import { ClientFrame, JoinFrame, type PeerInfo, TokenClaims } from './frames';
import { DEFAULT_SIGNALING_LIMITS, type SignalingLimits } from './limits';

export const SIGNAL_MAX_PAYLOAD = 64 * 1024;
/** People a local (mesh) room takes: each sends its media to every other. */
export const MAX_PEERS_PER_ROOM = 6;
/** Close code: no join frame in time, a first frame that is not a join, or an invalid token. */
export const CLOSE_UNAUTHORIZED = 4001;
/** Close code: the room already has `MAX_PEERS_PER_ROOM` people. */
export const CLOSE_ROOM_FULL = 4009;
/** Close code: the call has ended (the token is from before its end, or it ended while in it). */
export const CLOSE_CALL_ENDED = 4010;
/** The socket kept sending far over its frame or byte rate. */
export const CLOSE_TOO_MANY_FRAMES = 4029;
/** The call could not be checked (`isCallEnded` failed): try again (RFC 6455's 1013). */
export const CLOSE_TRY_AGAIN_LATER = 1013;
/** Frames a socket may send while its join is being checked (the kit sends none). */
const MAX_FRAMES_WHILE_JOINING = 16;

interface Peer {
  info: PeerInfo;
  room: string;
  conn: Conn;
  alive: boolean;
}
type Conn = SignalingConnection<Peer>;

/** Timings and limits of the local signaling server (`CallServiceOptions.signaling`). */
export interface SignalingTuning extends SignalingLimits {
  /** How long a socket may take to send its join frame (default 10 s). */
  joinTimeoutMs?: number;
  /** How often peers are pinged; one that misses a ping is dropped (default 20 s). */
  pingIntervalMs?: number;
}

export interface SignalingOptions extends SignalingTuning {
  path: string;
  secret: string;
  /**
   * Whether the call of `room` ended after a token issued at `issuedAtMs` (ms since the epoch):
   * such a token is refused with 4010. A rejection closes the socket with 1013 (try again).
   */
  isCallEnded(room: string, issuedAtMs: number): Promise<boolean>;
  log: (line: string) => void;
}

/**
 * The local provider's signaling: admits local tokens, relays within one room only, and bounds
 * what each socket and the process may cost (see `SignalingLimits`). Rooms live in this
 * process: every peer of a call must reach the same instance.
 */
export class SignalingServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: SIGNAL_MAX_PAYLOAD });
  private readonly rooms = new Map<string, Map<string, Peer>>();
  private readonly key: Hs256Key;
  private readonly ping: NodeJS.Timeout;
  private readonly limits: Required<SignalingLimits>;
  private readonly budget: SendBudget;

  constructor(private readonly options: SignalingOptions) {
    this.key = hs256(options.secret);
    const limits = { ...DEFAULT_SIGNALING_LIMITS };
    for (const name of Object.keys(limits) as Array<keyof SignalingLimits>) {
      const value = options[name];
      if (value !== undefined) limits[name] = value;
    }
    this.limits = limits;
    this.budget = new SendBudget(limits.maxTotalBufferedBytes);
    this.wss.on('connection', (socket) => this.onConnection(socket));
    this.ping = setInterval(() => this.heartbeat(), options.pingIntervalMs ?? 20_000);
    this.ping.unref();
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path !== this.options.path) return false;
    if (this.wss.clients.size >= this.limits.maxConnections) {
      const body = JSON.stringify(
        errorBody(
          new HttpError(
            503,
            ErrorCode.Internal,
            'Too many signaling connections; try again later.',
          ),
          performance.now(),
        ),
      );
      socket.end(
        `HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      this.options.log(`signaling: refused a socket (${this.limits.maxConnections} open)`);
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
    return true;
  }

  /** Tells every peer of the room the call ended and closes them with 4010. */
  endRoom(room: string): void {
    const peers = this.rooms.get(room);
    if (!peers) return;
    this.rooms.delete(room);
    for (const p of peers.values()) {
      p.conn.send({ type: 'ended' });
      this.closeConn(p.conn, CLOSE_CALL_ENDED, 'call ended');
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
    const conn: Conn = new SignalingConnection(socket, this.limits, this.budget, (c) =>
      this.drop(c),
    );
    const joinTimer = setTimeout(() => {
      if (conn.phase === 'new' || conn.phase === 'joining') {
        this.refuse(conn, 'unauthorized', 'No join frame in time.', CLOSE_UNAUTHORIZED);
      }
    }, this.options.joinTimeoutMs ?? 10_000);
    socket.on('message', (raw, isBinary) => this.onFrame(conn, raw, isBinary, joinTimer));
    socket.on('pong', () => {
      if (conn.peer) conn.peer.alive = true;
    });
    socket.on('close', () => {
      clearTimeout(joinTimer);
      conn.release();
      if (conn.peer) this.leave(conn.peer);
    });
    socket.on('error', () => socket.terminate());
  }

  /** Every frame passes the socket's rates first: frames over them cost nothing but a count. */
  private onFrame(conn: Conn, raw: RawData, isBinary: boolean, joinTimer: NodeJS.Timeout) {
    if (conn.phase === 'closing' || conn.gone) return;
    const verdict = conn.take(raw);
    if (verdict === 'drop') {
      conn.replyError('too-many-frames', 'Too many frames: some were dropped.');
      return;
    }
    if (verdict === 'abuse') {
      this.options.log(
        `signaling: closed a socket sending too many frames${describe(conn)} (4029)`,
      );
      this.refuse(
        conn,
        'too-many-frames',
        'Too many frames: the connection is closed.',
        CLOSE_TOO_MANY_FRAMES,
      );
      return;
    }
    if (conn.phase === 'joined') this.handle(conn, raw, isBinary);
    else if (conn.phase === 'joining') {
      if (conn.queued.length < MAX_FRAMES_WHILE_JOINING) conn.queued.push([raw, isBinary]);
    } else {
      const join = v.safeParse(JoinFrame, isBinary ? undefined : safeJson(raw.toString()));
      if (!join.success) {
        this.refuse(conn, 'unauthorized', 'The first frame must be a join.', CLOSE_UNAUTHORIZED);
        return;
      }
      void this.join(conn, join.output.token, joinTimer);
    }
  }

  private async join(conn: Conn, token: string, joinTimer: NodeJS.Timeout) {
    conn.phase = 'joining';
    // Frames wait in the kernel (and the client) while the call is checked.
    conn.socket.pause();
    const peer = await this.admit(conn, token);
    clearTimeout(joinTimer);
    if (!peer) return;
    conn.peer = peer;
    conn.phase = 'joined';
    conn.socket.resume();
    for (const [raw, isBinary] of conn.queued.splice(0)) this.handle(conn, raw, isBinary);
  }

  private handle(conn: Conn, raw: RawData, isBinary: boolean) {
    const parsed = v.safeParse(ClientFrame, isBinary ? undefined : safeJson(raw.toString()));
    if (!parsed.success) {
      conn.replyError('invalid-frame', 'Unknown or malformed frame.');
      return;
    }
    if (conn.peer && conn.phase === 'joined') this.relay(conn.peer, parsed.output);
  }

  private async admit(conn: Conn, token: string): Promise<Peer | undefined> {
    let claims: TokenClaims;
    try {
      const payload = this.key.verify(token, { audience: LOCAL_TOKEN_AUDIENCE });
      claims = v.parse(TokenClaims, payload);
    } catch {
      this.refuse(conn, 'unauthorized', 'The token is not valid.', CLOSE_UNAUTHORIZED);
      return undefined;
    }
    const issuedMs = claims.iat_ms ?? (claims.iat ?? 0) * 1000;
    let ended: boolean;
    try {
      ended = await this.options.isCallEnded(claims.room, issuedMs);
    } catch (e) {
      const cause = escapeLog(e instanceof Error ? e.message : String(e));
      this.options.log(`signaling: could not check call ${claims.room}: ${cause}`);
      this.refuse(
        conn,
        'unavailable',
        'The call could not be checked; try again.',
        CLOSE_TRY_AGAIN_LATER,
      );
      return undefined;
    }
    // Closed while the call was checked.
    if (conn.gone || conn.phase !== 'joining') return undefined;
    if (ended) {
      this.refuse(conn, 'call-ended', 'The call has ended.', CLOSE_CALL_ENDED);
      return undefined;
    }
    const room = this.rooms.get(claims.room) ?? new Map<string, Peer>();
    if (room.size >= MAX_PEERS_PER_ROOM) {
      this.refuse(conn, 'room-full', 'The call is full.', CLOSE_ROOM_FULL);
      return undefined;
    }
    const info: PeerInfo = { peer_id: randomUUID(), user_id: claims.user_id };
    if (claims.name) info.name = claims.name;
    if (claims.image) info.image = claims.image;
    const peer: Peer = { info, room: claims.room, conn, alive: true };
    conn.send({
      type: 'welcome',
      peer_id: info.peer_id,
      peers: [...room.values()].map((p) => p.info),
    });
    for (const other of room.values()) other.conn.send({ type: 'peer-joined', peer: info });
    room.set(info.peer_id, peer);
    this.rooms.set(claims.room, room);
    return peer;
  }

  private relay(from: Peer, frame: ClientFrame) {
    const room = this.rooms.get(from.room);
    if (!room) return;
    if (frame.type === 'state') {
      from.info.state = frame.state;
      for (const p of room.values()) {
        if (p !== from) {
          p.conn.send({ type: 'peer-state', peer_id: from.info.peer_id, state: frame.state });
        }
      }
      return;
    }
    const to = room.get(frame.to);
    if (!to || to === from) {
      from.conn.replyError('unknown-peer', 'No such peer in this room.');
      return;
    }
    if (!to.conn.send({ type: 'signal', from: from.info.peer_id, data: frame.data })) {
      from.conn.replyError('not-delivered', 'The signal could not be delivered.');
    }
  }

  private leave(peer: Peer) {
    const room = this.rooms.get(peer.room);
    if (!room?.delete(peer.info.peer_id)) return;
    if (room.size === 0) this.rooms.delete(peer.room);
    for (const p of room.values()) p.conn.send({ type: 'peer-left', peer_id: peer.info.peer_id });
  }

  private heartbeat() {
    for (const room of this.rooms.values()) {
      for (const p of room.values()) {
        if (!p.alive) {
          p.conn.socket.terminate();
          continue;
        }
        p.alive = false;
        p.conn.socket.ping();
      }
    }
  }

  /** An error frame, then the close (the peer leaves its room at once). */
  private refuse(conn: Conn, code: string, message: string, closeCode: number) {
    conn.send({ type: 'error', code, message });
    this.closeConn(conn, closeCode, code);
  }

  private closeConn(conn: Conn, code: number, reason: string) {
    conn.phase = 'closing';
    if (conn.peer) this.leave(conn.peer);
    conn.socket.close(code, reason);
    // Read again (a refused join paused the socket) so the client's close frame completes the
    // handshake; frames after the close are ignored.
    conn.socket.resume();
  }

  /** A socket that stopped reading: cut at once (a close frame would queue behind the rest). */
  private drop(conn: Conn) {
    if (conn.gone) return;
    this.options.log(
      `signaling: dropped a socket that stopped reading${describe(conn)} (${conn.unsentBytes} bytes unsent)`,
    );
    conn.release();
    conn.phase = 'closing';
    if (conn.peer) this.leave(conn.peer);
    conn.socket.terminate();
  }
}

function describe(conn: Conn): string {
  const peer = conn.peer;
  return peer ? ` (user ${escapeLog(peer.info.user_id, 80)}, room ${peer.room})` : '';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
