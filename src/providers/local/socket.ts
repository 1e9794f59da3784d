import { CallKitError, type CallKitErrorCode, defaultErrorMessage } from '../../core/errors';
import {
  CLOSE_ENDED,
  CLOSE_ROOM_FULL,
  CLOSE_UNAUTHORIZED,
  type ClientFrame,
  parseServerFrame,
  type ServerFrame,
} from './frames';

export type WelcomeFrame = Extract<ServerFrame, { type: 'welcome' }>;

export interface SocketClose {
  code: number;
  /** Set when the close means the room cannot be (re)joined as it is. */
  error?: CallKitError;
}

export interface SignalingSocketHandlers {
  onFrame(frame: ServerFrame): void;
  /** Called once, when the socket closes after `welcome` (not when we close it). */
  onClose(close: SocketClose): void;
}

/** A CallKitError with the kit's own sentence for its code (one copy of each string). */
export function kitError(
  code: CallKitErrorCode,
  message = defaultErrorMessage(code),
  recoverable?: boolean,
): CallKitError {
  return new CallKitError(code, message, recoverable === undefined ? {} : { recoverable });
}

export const roomFull = () => kitError('provider-join-failed', 'This call is full.', false);

/** The error a server error frame or close code stands for. */
export function signalingError(code: string | number): CallKitError {
  if (code === 'unauthorized' || code === CLOSE_UNAUTHORIZED) return kitError('unauthorized');
  if (code === 'room-full' || code === CLOSE_ROOM_FULL) return roomFull();
  // Contract v2: the call's session has ended (joining never reopens it), as the API's 410 says.
  if (code === 'call-ended' || code === CLOSE_ENDED) return kitError('call-ended');
  return kitError('network-error');
}

/** One signaling WebSocket: join → welcome, then frames until it closes. */
export class SignalingSocket {
  private ws?: WebSocket;
  private joined = false;
  private closedByUs = false;
  private rejectOpen?: (e: CallKitError) => void;

  constructor(
    private readonly url: string,
    private readonly handlers: SignalingSocketHandlers,
  ) {}

  /** Connects and sends the join frame; resolves with `welcome`, rejects with a CallKitError. */
  open(token: string): Promise<WelcomeFrame> {
    return new Promise<WelcomeFrame>((resolve, reject) => {
      this.rejectOpen = reject;
      let ws: WebSocket;
      try {
        ws = new WebSocket(this.url);
      } catch {
        reject(kitError('network-error'));
        return;
      }
      this.ws = ws;
      let failure: CallKitError | undefined;
      ws.onopen = () => this.send({ type: 'join', token });
      ws.onmessage = (event) => {
        const frame = parseServerFrame(event.data);
        if (!frame) return;
        if (!this.joined) {
          if (frame.type === 'welcome') {
            this.joined = true;
            this.rejectOpen = undefined;
            resolve(frame);
          } else if (frame.type === 'error') {
            failure = signalingError(frame.code);
          } else if (frame.type === 'ended') {
            failure = signalingError('call-ended');
          }
          return;
        }
        this.handlers.onFrame(frame);
      };
      ws.onclose = (event) => {
        this.detach();
        if (this.closedByUs) return;
        if (!this.joined) {
          this.rejectOpen = undefined;
          reject(failure ?? signalingError(event.code));
          return;
        }
        const error = event.code >= 4000 ? signalingError(event.code) : undefined;
        this.handlers.onClose({ code: event.code, error });
      };
      // No onerror: a close event always follows an error and carries the outcome.
    });
  }

  send(frame: ClientFrame): void {
    if (this.ws?.readyState === 1) this.ws.send(JSON.stringify(frame));
  }

  private detach(): void {
    const ws = this.ws;
    if (!ws) return;
    ws.onopen = null;
    ws.onmessage = null;
    ws.onclose = null;
  }

  /** Closes without reporting (we left); a pending `open()` rejects with `aborted`. */
  close(): void {
    if (this.closedByUs) return;
    this.closedByUs = true;
    this.detach();
    if (this.ws && this.ws.readyState < 2) this.ws.close(1000, 'left');
    this.rejectOpen?.(kitError('aborted'));
    this.rejectOpen = undefined;
  }
}
