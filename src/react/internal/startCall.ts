import type { Channel } from 'stream-chat';
import { buildCallAttachment } from '../../core/attachment';
import type { CallController } from '../../core/controller';
import { CallKitError, toCallKitError } from '../../core/errors';
import { channelCallId, createCallId } from '../../core/ids';
import type { CallSession } from '../../core/session';
import type { Call, CallType } from '../../core/types';
import type { NotifyMode } from '../context/CallsContext';
import { sendCallEvent } from './events';

export interface StartCallInput {
  controller: CallController;
  channel: Channel | undefined;
  type: CallType;
  callId: 'unique' | 'channel' | (string & {}) | undefined;
  notify: NotifyMode;
  ringing: boolean;
  join: boolean;
  options: Record<string, unknown> | undefined;
  /**
   * The call message's text ("Video call", in the starter's language): what channel lists,
   * notifications, replies and clients without the kit show. The card stands in for it in the list.
   */
  text?: string;
}

export type StartCallOutcome =
  | { ok: true; call: Call; session: CallSession }
  | { ok: false; error: CallKitError };

async function announce(
  channel: Channel,
  call: Call,
  notify: NotifyMode,
  text = '',
): Promise<void> {
  if (notify === 'channel') {
    await channel.updatePartial({ set: { call } as Record<string, unknown> });
  } else if (notify === 'event') {
    await sendCallEvent(channel, { type: 'call.created', call });
  } else {
    // The call's public fields only: CreateCall's token never goes into a message.
    await channel.sendMessage({ text, attachments: [{ ...buildCallAttachment(call) }] });
  }
}

/**
 * What Start does (useStartCall's work, loaded with the first start or once the page settles):
 * CreateCall, tell the members (message, channel data or event), ring them, then join with the
 * token CreateCall returned. Never throws: a failure comes back as a CallKitError.
 */
export async function startCall(input: StartCallInput): Promise<StartCallOutcome> {
  const { controller, channel, type, callId, notify, ringing, join, options, text } = input;
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
    const started = await controller.start(ref, { id, type, ...(options ? { options } : {}) });
    session = started.session;
    const { call, token, agora_uid, agora_app_id } = started.created;
    await announce(channel, call, notify, text);
    if (ringing) {
      await sendCallEvent(channel, { type: 'call.ring', call }).catch(() => {
        // Ringing is a courtesy: the call is announced and joinable without it.
      });
    }
    if (join) {
      const credentials = { token, agora_uid, agora_app_id };
      await controller.join(call, { token: credentials });
    }
    return { ok: true, call, session };
  } catch (e) {
    const error = toCallKitError(e, 'server-error');
    if (session) {
      // Created but not announced: nobody can find it, so do not sit in it alone. The
      // controller reported CreateCall's own failures; this one it has not seen.
      if (session.isActive) void session.leave();
      controller.events.emit('error', { error, call: session.state.call });
    }
    return { ok: false, error };
  }
}
