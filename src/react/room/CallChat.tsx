import { clsx } from 'clsx';
import { forwardRef, type HTMLAttributes } from 'react';
import type { Channel as StreamChannel } from 'stream-chat';
import {
  Channel,
  MessageComposer,
  MessageList,
  useTranslationContext,
  Window,
} from 'stream-chat-react';
import { CloseIcon } from './icons';
import { useCallChannel } from './useCallChannel';

/** Props of {@link CallChat}; the rest go to its root `<aside>`. */
export interface CallChatProps extends HTMLAttributes<HTMLElement> {
  /** The channel to show (default: the call's own, {@link useCallChannel}). */
  channel?: StreamChannel;
  /** Shows a Close button that calls it. */
  onClose?: () => void;
}

/**
 * The call's conversation beside the call: stream-chat-react's own `Channel`, `MessageList` and
 * `MessageComposer`, so the app's component overrides (`WithComponents`, e.g. `CallAttachment`)
 * and theme apply when `CallRoom` is rendered inside them. Renders nothing when the channel is
 * unknown.
 */
export const CallChat = forwardRef<HTMLElement, CallChatProps>(function CallChat(
  { channel: channelProp, onClose, className, ...rest },
  ref,
) {
  const { t } = useTranslationContext();
  const callChannel = useCallChannel();
  const channel = channelProp ?? callChannel;
  if (!channel) return null;
  return (
    <aside
      ref={ref}
      aria-label={t('Chat')}
      className={clsx('str-call__panel', 'str-call__chat', className)}
      data-panel="chat"
      {...rest}
    >
      <div className="str-call__panel-header">
        <h2 className="str-call__panel-title">{t('Chat')}</h2>
        {onClose && (
          <button
            type="button"
            className="str-call__icon-button"
            aria-label={t('Close chat')}
            onClick={onClose}
          >
            <CloseIcon />
          </button>
        )}
      </div>
      <Channel channel={channel}>
        <Window>
          <MessageList />
          <MessageComposer />
        </Window>
      </Channel>
    </aside>
  );
});
