import type { Event as StreamEvent } from 'stream-chat';
import { type CallApi, readCallLiveState } from '../../core/api';
import type { CallController } from '../../core/controller';

/**
 * A `call.ended` channel event while the user is in a call (loaded with the first such event):
 * when it names their call, ask the call service, and leave only when the call really ended. Any
 * member can send a custom event, so the event alone never ends anyone's call.
 */
export function leaveIfEnded(event: StreamEvent, controller: CallController, api: CallApi): void {
  const raw = (event as { call_state?: unknown }).call_state ?? event;
  const id = readCallLiveState(raw)?.call.id;
  const session = controller.session;
  if (!id || !session?.isActive || session.state.call?.id !== id) return;
  api
    .getCallState(id)
    .then((live) => {
      if (live.state === 'ended' && controller.session === session) void session.leave('ended');
    })
    .catch(() => {
      // Unknown: stay in the call; the provider ends it too when the call really ended.
    });
}
