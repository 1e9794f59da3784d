import { CallKitError } from '../../core/errors';

/** 100ms error codes (ErrorCodes in the SDK) that say something about the user's devices. */
const DEVICE_CODES: Record<number, [CallKitError['code'], string]> = {
  3001: ['permission-denied', 'Camera or microphone access was denied.'],
  3011: ['permission-denied', 'Your system denied access to the camera or microphone.'],
  3002: ['device-not-found', 'No camera or microphone was found.'],
  3014: ['device-not-found', 'The selected camera or microphone is missing.'],
  3003: ['device-in-use', 'Your camera or microphone is in use by another app.'],
  3004: ['device-not-found', 'Your camera or microphone was disconnected.'],
};

export const AUTOPLAY_BLOCKED = 3008;

export interface HmsErrorLike {
  code?: number;
  message?: string;
  description?: string;
  isTerminal?: boolean;
}

export function isDeviceError(e: HmsErrorLike | undefined): boolean {
  return typeof e?.code === 'number' && e.code in DEVICE_CODES;
}

/** A 100ms exception (HMSException) as a CallKitError. */
export function hmsError(e: unknown): CallKitError {
  if (e instanceof CallKitError) return e;
  const err = (e ?? {}) as HmsErrorLike;
  const code = typeof err.code === 'number' ? err.code : -1;
  const device = DEVICE_CODES[code];
  if (device) return new CallKitError(device[0], device[1], { cause: e });
  if (code === 401 || code === 403 || code === 2004) {
    return new CallKitError('unauthorized', 'The call token was refused.', {
      cause: e,
      recoverable: false,
      status: code === 2004 ? undefined : code,
    });
  }
  // 1xxx: the signalling WebSocket; 2003: the init endpoint is unreachable.
  if ((code >= 1000 && code < 2000) || code === 2003) {
    return new CallKitError('network-error', 'Could not reach 100ms. Check your connection.', {
      cause: e,
    });
  }
  // 4xxx: WebRTC (ICE failed or disconnected, negotiation).
  if (code >= 4000 && code < 5000) {
    return new CallKitError('connection-lost', 'The call lost its connection.', { cause: e });
  }
  // 6010/6011: no navigator.mediaDevices or RTCPeerConnection (plain HTTP, old or locked-down browser).
  if (code === 6010 || code === 6011) {
    return new CallKitError(
      'provider-join-failed',
      'This browser cannot make calls on this page (calls need HTTPS and WebRTC).',
      { cause: e, recoverable: false },
    );
  }
  if ((code >= 500 && code < 600) || code === 2000 || code === 5000) {
    return new CallKitError('server-error', '100ms had a problem. Try again.', { cause: e });
  }
  return new CallKitError('provider-join-failed', 'Could not connect to the call. Try again.', {
    cause: e,
  });
}
