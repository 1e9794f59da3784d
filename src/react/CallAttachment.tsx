import type { ComponentType } from 'react';
import type { Attachment as StreamAttachment } from 'stream-chat';
import { type AttachmentProps, Attachment as ChatAttachment } from 'stream-chat-react';
import { isCallAttachment, parseCallAttachment } from '../core/attachment';
import { type CallCardProps, DefaultCallCard } from './CallCard';
import { outsideProviderError, useMaybeCallsContext } from './context/CallsContext';
import { DefaultUnsupportedCall, type UnsupportedCallProps } from './UnsupportedCall';

/** stream-chat-react's `AttachmentProps`, plus the components call attachments render with. */
export interface CallAttachmentProps extends AttachmentProps {
  /** What renders a call attachment that parses (default: `DefaultCallCard`). */
  CallCard?: ComponentType<CallCardProps>;
  /** What renders a call attachment that does not parse (default: `DefaultUnsupportedCall`). */
  UnsupportedCall?: ComponentType<UnsupportedCallProps>;
  /** What renders every other attachment (default: stream-chat-react's `Attachment`). */
  DefaultAttachment?: ComponentType<AttachmentProps>;
}

/**
 * The `Attachment` override: `type: 'call'` attachments become call cards (after parsing: they are
 * untrusted), everything else goes to stream-chat-react's Attachment unchanged.
 *
 * `<WithComponents overrides={{ Attachment: CallAttachment }}>`
 */
export function CallAttachment({
  CallCard = DefaultCallCard,
  UnsupportedCall = DefaultUnsupportedCall,
  DefaultAttachment = ChatAttachment,
  ...props
}: CallAttachmentProps) {
  const { attachments } = props;
  const calls = useMaybeCallsContext();
  if (!attachments.some(isCallAttachment)) return <DefaultAttachment {...props} />;
  // Other attachments render anywhere; a call card needs the provider.
  if (!calls) throw outsideProviderError('CallAttachment');
  const others = attachments.filter((a) => !isCallAttachment(a));
  return (
    <>
      {attachments.filter(isCallAttachment).map((attachment, i) => {
        const parsed = parseCallAttachment(attachment as StreamAttachment);
        const key = `call-${i}`;
        return parsed.ok ? (
          <CallCard key={key} call={parsed.call} session={parsed.session} />
        ) : (
          <UnsupportedCall key={key} reason={parsed.reason} />
        );
      })}
      {others.length > 0 && <DefaultAttachment {...props} attachments={others} />}
    </>
  );
}
