/** One signaling socket and what it may cost: its frame rates and its unsent bytes. */
import { type RawData, WebSocket } from 'ws';
import {
  ERROR_REPLIES_PER_SECOND,
  ERROR_REPLY_BURST,
  type SignalingLimits,
  TokenBucket,
} from './limits';

/** Unsent bytes over every socket of the process, against `maxTotalBufferedBytes`. */
export class SendBudget {
  pending = 0;
  constructor(readonly max: number) {}
}

/** What a frame from the client costs: within its rates, dropped, or one too many. */
export type FrameVerdict = 'accept' | 'drop' | 'abuse';

export class SignalingConnection<P = unknown> {
  phase: 'new' | 'joining' | 'joined' | 'closing' = 'new';
  /** Set once the join is admitted. */
  peer: P | undefined;
  /** Frames that arrived while the join was checked, handled once it is done. */
  readonly queued: Array<[RawData, boolean]> = [];
  /** Bytes handed to the socket that it has not written out yet. */
  private pending = 0;
  /** Closed or dropped: its pending bytes are released, nothing more is sent. */
  private released = false;
  private readonly frames: TokenBucket;
  private readonly bytes: TokenBucket;
  private readonly errors = new TokenBucket(ERROR_REPLIES_PER_SECOND, ERROR_REPLY_BURST);
  private readonly droppedFrames: TokenBucket;
  private readonly droppedBytes: TokenBucket;

  constructor(
    readonly socket: WebSocket,
    private readonly limits: Required<SignalingLimits>,
    private readonly budget: SendBudget,
    /** Called when the socket has stopped reading (its unsent bytes would pass the limit). */
    private readonly onStalled: (conn: SignalingConnection<P>) => void,
  ) {
    this.frames = new TokenBucket(limits.framesPerSecond, limits.frameBurst);
    this.bytes = new TokenBucket(limits.bytesPerSecond, limits.byteBurst);
    this.droppedFrames = new TokenBucket(limits.framesPerSecond, limits.maxDroppedFrames);
    this.droppedBytes = new TokenBucket(limits.bytesPerSecond, limits.maxDroppedBytes);
  }

  get gone(): boolean {
    return this.released;
  }

  get unsentBytes(): number {
    return this.pending;
  }

  /** Counts a frame from the client against the rates (before anything reads it). */
  take(raw: RawData): FrameVerdict {
    const size = frameBytes(raw);
    if (this.frames.take() && this.bytes.take(size)) return 'accept';
    return this.droppedFrames.take() && this.droppedBytes.take(size) ? 'drop' : 'abuse';
  }

  /**
   * Queues a frame unless that takes the socket past `maxBufferedBytes` (it has stopped
   * reading: `onStalled`) or the process past `maxTotalBufferedBytes`. False when not sent.
   */
  send(frame: object): boolean {
    if (this.released || this.socket.readyState !== WebSocket.OPEN) return false;
    const text = JSON.stringify(frame);
    const size = Buffer.byteLength(text);
    if (this.pending + size > this.limits.maxBufferedBytes) {
      this.onStalled(this);
      return false;
    }
    if (this.budget.pending + size > this.budget.max) return false;
    this.pending += size;
    this.budget.pending += size;
    this.socket.send(text, () => {
      if (this.released) return;
      this.pending -= size;
      this.budget.pending -= size;
    });
    return true;
  }

  /** An error frame about the client's own frame, within the error-reply rate. */
  replyError(code: string, message: string): void {
    if (this.errors.take()) this.send({ type: 'error', code, message });
  }

  /** Gives its unsent bytes back to the process's budget (closed or dropped). */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.budget.pending -= this.pending;
  }
}

function frameBytes(raw: RawData): number {
  if (Array.isArray(raw)) return raw.reduce((n, b) => n + b.byteLength, 0);
  return raw.byteLength;
}
