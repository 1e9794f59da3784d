import { clsx } from 'clsx';
import { forwardRef, type HTMLAttributes, useId, useMemo } from 'react';
import type { Channel } from 'stream-chat';
import { useChannelStateContext, useTranslationContext } from 'stream-chat-react';
import { parseCall } from '../core/attachment';
import { useRequiredCallsContext } from './context/CallsContext';
import { useCallLiveState } from './hooks/useCallLiveState';
import { useChannelData } from './hooks/useChannelData';
import { useJoinCall } from './hooks/useJoinCall';
import { errorText } from './internal/errorText';
import { CallTypeIcon } from './internal/icons';

/** `ChannelCallBanner`'s props; other props go to the banner's `<div>`. */
export interface ChannelCallBannerProps extends HTMLAttributes<HTMLDivElement> {
  /** Default: the current `<Channel>`'s. */
  channel?: Channel;
}

/**
 * For `notify="channel"`: a bar while the call stored on the channel (`channel.data.call`, parsed:
 * it is untrusted) is ongoing, with Join. Follows `channel.updated`.
 */
export const ChannelCallBanner = forwardRef<HTMLDivElement, ChannelCallBannerProps>(
  function ChannelCallBanner({ channel: channelProp, className, ...rest }, ref) {
    useRequiredCallsContext('ChannelCallBanner');
    const { t } = useTranslationContext('ChannelCallBanner');
    const { channel: contextChannel } = useChannelStateContext('ChannelCallBanner');
    const channel = channelProp ?? contextChannel;
    const data = useChannelData(channel);
    const raw = (data as { call?: unknown } | undefined)?.call;
    const parsed = useMemo(() => parseCall(raw), [raw]);
    const call = parsed.ok ? parsed.call : undefined;
    const { live } = useCallLiveState(call, { cid: channel?.cid, eager: true });
    const { state, error, buttonProps } = useJoinCall(call, { channel });
    const textId = useId();
    if (!call || live?.state === 'ended') return null;
    const people = live?.participants.length ?? 0;
    const inCall = state === 'joined' || state === 'reconnecting';
    return (
      <div
        ref={ref}
        role="status"
        className={clsx('str-call__banner', className)}
        data-state={state}
        data-call-type={call.type}
        {...rest}
      >
        <CallTypeIcon type={call.type} />
        <span id={textId} className="str-call__banner-text">
          {call.type === 'video' ? t('Video call in progress') : t('Audio call in progress')}
          {live && ` · ${t('{{ count }} in the call', { count: people })}`}
        </span>
        {state === 'failed' && error && (
          <span className="str-call__error">{t(errorText(error), error.values)}</span>
        )}
        {inCall ? (
          <span className="str-call__card-note">{t('You are in this call')}</span>
        ) : (
          <button {...buttonProps} className="str-call__button" aria-describedby={textId}>
            {state === 'joining' ? t('Joining…') : state === 'failed' ? t('Retry') : t('Join')}
          </button>
        )}
      </div>
    );
  },
);
