import { CallKitError } from '../../core/errors';
import type { RoomState } from '../../core/provider';
import type { AgoraGlobalHandlers } from './types';

/** Reasons Agora gives when the server put us out of the channel (not a network problem). */
const REMOVED_REASONS = new Set(['UID_BANNED', 'CHANNEL_BANNED', 'IP_BANNED', 'LEAVE']);
const NETWORK_CODES = /NETWORK|WS_ABORT|WS_DISCONNECT|CAN_NOT_GET_GATEWAY_SERVER|TIMEOUT/;

/**
 * What an Agora `connection-state-change` means for the room, or undefined when it changes nothing
 * (CONNECTING, DISCONNECTING, an internal fallback). Only called while we are not leaving or
 * rejoining ourselves, so a DISCONNECTED with reason LEAVE was the server's doing.
 */
export function connectionPatch(
  current: string,
  reason: string | undefined,
): Partial<RoomState> | undefined {
  if (current === 'RECONNECTING') return { connection: 'reconnecting' };
  if (current === 'CONNECTED') return { connection: 'connected' };
  if (current !== 'DISCONNECTED' || reason === 'FALLBACK') return undefined;
  if (reason && REMOVED_REASONS.has(reason)) {
    return { connection: 'disconnected', endReason: 'removed' };
  }
  return {
    connection: 'failed',
    endReason: 'failed',
    error: new CallKitError(
      'connection-lost',
      `The call lost its connection${reason ? ` (${reason})` : ''}.`,
    ),
  };
}

/** An Agora join failure as a CallKitError. */
export function joinError(e: unknown): CallKitError {
  if (e instanceof CallKitError) return e;
  const code = String((e as { code?: unknown })?.code ?? '');
  if (code === 'OPERATION_ABORTED') {
    return new CallKitError('aborted', 'The join was cancelled.', { cause: e });
  }
  if (NETWORK_CODES.test(code)) {
    return new CallKitError('network-error', 'Could not reach Agora. Check your connection.', {
      cause: e,
    });
  }
  return new CallKitError('provider-join-failed', 'Could not connect to the call. Try again.', {
    cause: e,
  });
}

const GLOBAL_KEYS = ['onCameraChanged', 'onMicrophoneChanged', 'onAutoplayFailed'] as const;

/**
 * Agora keeps one app-wide handler per device/autoplay callback on its `AgoraRTC` object. Ours
 * chain to whatever the app had set; the returned function puts the app's back (only where ours
 * is still the one installed).
 */
export function hookGlobals(
  globals: AgoraGlobalHandlers,
  handlers: Required<AgoraGlobalHandlers>,
): () => void {
  const prev: AgoraGlobalHandlers = { ...globals };
  const ours: AgoraGlobalHandlers = {
    onCameraChanged: (info) => {
      prev.onCameraChanged?.(info);
      handlers.onCameraChanged(info);
    },
    onMicrophoneChanged: (info) => {
      prev.onMicrophoneChanged?.(info);
      handlers.onMicrophoneChanged(info);
    },
    onAutoplayFailed: () => {
      prev.onAutoplayFailed?.();
      handlers.onAutoplayFailed();
    },
  };
  for (const key of GLOBAL_KEYS) (globals as Record<string, unknown>)[key] = ours[key];
  return () => {
    for (const key of GLOBAL_KEYS) {
      if (globals[key] === ours[key]) (globals as Record<string, unknown>)[key] = prev[key];
    }
  };
}
