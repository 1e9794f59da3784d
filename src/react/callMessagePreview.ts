import type { LocalMessage } from 'stream-chat';
import { isCallAttachment } from '../core/attachment';
import type { CallType } from '../core/types';
import { callSummary, isCallSummary } from './internal/callSummary';

/**
 * A call message as a channel list should preview it: without its call attachment (which
 * stream-chat-react previews as an unsupported attachment, with a file icon), and with the kit's
 * own words ("Video call", "Audio call") in the reader's language. Any other message comes back
 * as it is (the same object), so it can feed a memo.
 *
 * `CallChannelListItem` uses it; call it yourself in a channel list row of your own.
 *
 * @example
 * function MyChannelListItem(props: ChannelListItemUIProps) {
 *   const { t } = useTranslationContext();
 *   const lastMessage = useMemo(() => callMessagePreview(props.lastMessage, t), [props.lastMessage, t]);
 *   return <MyRow {...props} lastMessage={lastMessage} />;
 * }
 */
export function callMessagePreview<M extends LocalMessage | undefined>(
  message: M,
  t: (key: string) => string,
): M {
  const attachments = message?.attachments;
  if (!message || !attachments?.some(isCallAttachment)) return message;
  // Only its type is read (untrusted, not parsed): anything but 'audio' reads as a video call.
  const call = (attachments.find(isCallAttachment) as { call?: { type?: unknown } }).call;
  const type: CallType = call?.type === 'audio' ? 'audio' : 'video';
  // The kit's summary (or no text) is shown in the reader's language; the caller's own words as
  // they are.
  const text =
    !message.text || isCallSummary(message.text, type, t) ? t(callSummary(type)) : message.text;
  return { ...message, text, attachments: attachments.filter((a) => !isCallAttachment(a)) };
}
