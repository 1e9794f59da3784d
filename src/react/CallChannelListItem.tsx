import { useMemo } from 'react';
import {
  ChannelListItemUI,
  type ChannelListItemUIProps,
  useTranslationContext,
} from 'stream-chat-react';
import { callMessagePreview } from './callMessagePreview';

export type CallChannelListItemProps = ChannelListItemUIProps;

/**
 * stream-chat-react's channel list row (`ChannelListItemUI`) that previews a call message by its
 * words, "Video call" or "Audio call" in the reader's language, instead of stream-chat-react's
 * unsupported-attachment icon and text. Everything else is stream-chat-react's own row.
 *
 * Give it to `WithComponents` beside `CallAttachment`; a row of your own can use
 * `callMessagePreview` instead.
 *
 * @example
 * <WithComponents overrides={{ Attachment: CallAttachment, ChannelListItemUI: CallChannelListItem }}>
 *   <ChannelList filters={filters} />
 * </WithComponents>
 */
export function CallChannelListItem(props: CallChannelListItemProps) {
  const { lastMessage } = props;
  const { t } = useTranslationContext('CallChannelListItem');
  const shown = useMemo(() => callMessagePreview(lastMessage, t), [lastMessage, t]);
  return <ChannelListItemUI {...props} lastMessage={shown} />;
}
