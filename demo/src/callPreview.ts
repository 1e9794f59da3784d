/** The channel list's last-message preview, naming call messages instead of "Unsupported attachment". */
import { parseCallAttachment } from 'stream-chat-calls';
import { type ChannelListProps, getLatestMessagePreview } from 'stream-chat-react';

export const callAwarePreview: NonNullable<ChannelListProps['getLatestMessagePreview']> = (
  channel,
  t,
  userLanguage,
  isMessageAIGenerated,
) => {
  const messages = channel.state.latestMessages;
  const latest = messages[messages.length - 1];
  for (const attachment of latest?.attachments ?? []) {
    const parsed = parseCallAttachment(attachment);
    if (parsed.ok) return parsed.call.type === 'video' ? t('Video call') : t('Audio call');
  }
  return getLatestMessagePreview(channel, t, userLanguage, isMessageAIGenerated);
};
