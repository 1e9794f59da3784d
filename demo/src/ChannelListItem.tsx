/**
 * stream-chat-react's channel list row, with a call message previewed by its text ("Video call")
 * rather than as an unsupported attachment (stream-chat-react puts its icon before any attachment
 * type it does not know).
 */
import { useMemo } from 'react';
import { isCallAttachment } from 'stream-chat-calls';
import { ChannelListItemUI, type ChannelListItemUIProps } from 'stream-chat-react';

export function ChannelListItem(props: ChannelListItemUIProps) {
  const { lastMessage } = props;
  const shown = useMemo(() => {
    const attachments = lastMessage?.attachments;
    if (!lastMessage || !attachments?.some(isCallAttachment)) return lastMessage;
    return { ...lastMessage, attachments: attachments.filter((a) => !isCallAttachment(a)) };
  }, [lastMessage]);
  return <ChannelListItemUI {...props} lastMessage={shown} />;
}
