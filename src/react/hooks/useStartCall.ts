import { useCallback, useRef, useState } from 'react';
import type { Channel } from 'stream-chat';
import { useChannelStateContext } from 'stream-chat-react';
import { buildCallAttachment } from '../../core/attachment';
import { CallKitError, toCallKitError } from '../../core/errors';
import { channelCallId, createCallId } from '../../core/ids';
import type { CallSession } from '../../core/session';
import type { Call, CallType } from '../../core/types';
import { type NotifyMode, useCallsContext } from '../context/CallsContext';
import { sendCallEvent } from '../internal/events';
import { useLatest } from '../internal/useLatest';

export type StartCallState = 'idle' | 'starting' | 'failed';

export interface UseStartCallOptions {
  type: CallType;
  /** Overrides CallsProvider's `notify`. */
  notify?: NotifyMode;
  /** `'unique'` (default): a new id per call; `'channel'`: one call per channel; or an id. */
  callId?: 'unique' | 'channel' | (string & {});
  /** Join right away with CreateCall's token (default true). */
  join?: boolean;
  /** CreateCall's `options` (e.g. `{ provider: 'hms' }` on the dev server and call service). */
  options?: Record<string, unknown>;
  /** The channel (default: the current `<Channel>`'s). */
  channel?: Channel;
  onCallStarted?: (call: Call, session: CallSession) => void;
  onError?: (error: CallKitError) => void;
}

export interface UseStartCallResult {
  start(): Promise<CallSession | undefined>;
  state: StartCallState;
  error?: CallKitError;
  reset(): void;
  buttonProps: {
    type: 'button';
    disabled: boolean;
    'aria-busy': boolean | undefined;
    'data-state': StartCallState;
    onClick: () => void;
  };
}

async function announce(channel: Channel, call: Call, notify: NotifyMode): Promise<void> {
  if (notify === 'channel') {
    await channel.updatePartial({ set: { call } as Record<string, unknown> });
  } else if (notify === 'event') {
    await sendCallEvent(channel, { type: 'call.created', call });
  } else {
    // The call's public fields only: CreateCall's token never goes into a message.
    await channel.sendMessage({ text: '', attachments: [{ ...buildCallAttachment(call) }] });
  }
}

/**
 * Starts a call in a channel: CreateCall, tell the members (message, channel data or event), ring
 * them, then join with the token CreateCall returned. Concurrent `start()`s share one call.
 */
export function useStartCall(options: UseStartCallOptions): UseStartCallResult {
  const { controller, options: defaults } = useCallsContext();
  const { channel: contextChannel } = useChannelStateContext('useStartCall');
  const latest = useLatest({ ...options, channel: options.channel ?? contextChannel, defaults });
  const [state, setState] = useState<StartCallState>('idle');
  const [error, setError] = useState<CallKitError>();
  const inFlight = useRef<Promise<CallSession | undefined> | undefined>(undefined);

  const start = useCallback((): Promise<CallSession | undefined> => {
    if (inFlight.current) return inFlight.current;
    const run = async () => {
      const {
        channel,
        type,
        callId,
        notify,
        join = true,
        options: o,
        defaults: d,
      } = latest.current;
      setState('starting');
      setError(undefined);
      let session: CallSession | undefined;
      try {
        if (!channel?.id) throw new CallKitError('invalid-request', 'There is no channel to call.');
        const id =
          callId === 'channel'
            ? channelCallId(channel)
            : !callId || callId === 'unique'
              ? createCallId()
              : callId;
        const ref = { type: channel.type, id: channel.id, cid: channel.cid };
        const started = await controller.start(ref, { id, type, ...(o ? { options: o } : {}) });
        session = started.session;
        const { call, token, agora_uid, agora_app_id } = started.created;
        await announce(channel, call, notify ?? d.notify);
        if (d.ringing) {
          await sendCallEvent(channel, { type: 'call.ring', call }).catch(() => {
            // Ringing is a courtesy: the call is announced and joinable without it.
          });
        }
        if (join) {
          const credentials = { token, agora_uid, agora_app_id };
          await controller.join(call, { token: credentials });
        }
        setState('idle');
        latest.current.onCallStarted?.(call, session);
        return session;
      } catch (e) {
        const err = toCallKitError(e, 'server-error');
        if (session) {
          // Created but not announced: nobody can find it, so do not sit in it alone. The
          // controller reported CreateCall's own failures; this one it has not seen.
          if (session.isActive) void session.leave();
          controller.events.emit('error', { error: err, call: session.state.call });
        }
        setError(err);
        setState('failed');
        latest.current.onError?.(err);
        return undefined;
      }
    };
    const promise = run().finally(() => {
      inFlight.current = undefined;
    });
    inFlight.current = promise;
    return promise;
  }, [controller, latest]);

  const reset = useCallback(() => {
    setState('idle');
    setError(undefined);
  }, []);

  const starting = state === 'starting';
  return {
    start,
    state,
    error,
    reset,
    buttonProps: {
      type: 'button',
      disabled: starting,
      'aria-busy': starting || undefined,
      'data-state': state,
      onClick: () => void start(),
    },
  };
}
