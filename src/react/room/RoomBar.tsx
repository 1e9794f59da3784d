import { clsx } from 'clsx';
import { forwardRef, type HTMLAttributes } from 'react';
import { useChannelDisplayName, useTranslationContext } from 'stream-chat-react';
import { ChatIcon, GridIcon, MinimizeIcon, PeopleIcon, SpeakerIcon } from './icons';
import type { CallLayout } from './layout';
import { RoomBarMore } from './RoomBarMore';
import { Tooltip } from './Tooltip';
import { useCallChannel } from './useCallChannel';
import { formatDuration, useCallDuration } from './useCallDuration';
import { useParticipants } from './useParticipants';
import { useScopedSession } from './useScopedSession';
import { useStoreSelector } from './useStoreSelector';

/** A side panel of the room. */
export type RoomPanel = 'people' | 'chat';

export interface RoomBarProps extends HTMLAttributes<HTMLElement> {
  /** The open side panel. */
  panel?: RoomPanel;
  onPanelChange?: (panel: RoomPanel | undefined) => void;
  /** Offer the chat beside the call (when the call's channel is known). */
  chat?: boolean;
  /** The layout picks that mean something now (none: no switch). */
  layouts?: readonly CallLayout[];
  layout?: CallLayout;
  onLayoutChange?: (layout: CallLayout) => void;
  /** Shows the Minimize button. */
  onMinimize?: () => void;
}

const LAYOUT_ICONS = { grid: GridIcon, speaker: SpeakerIcon } as const;
const LAYOUT_LABELS = { grid: 'Grid', speaker: 'Speaker' } as const;
const LAYOUT_TIPS = { grid: 'Show everyone in a grid', speaker: 'Show who is speaking large' };

/**
 * The room's header: the call's title (the channel's name, or the other person in a 1:1), how long
 * you have been in it, and its actions — participants (with the count), layout, chat, minimise.
 * It keeps one line: where it is narrow (a phone) layout, chat and minimise move into a More menu
 * and the title shortens, while the time and the count stay. Internal.
 */
export const RoomBar = forwardRef<HTMLElement, RoomBarProps>(function RoomBar(
  {
    panel,
    onPanelChange,
    chat,
    layouts = [],
    layout,
    onLayoutChange,
    onMinimize,
    className,
    ...rest
  },
  ref,
) {
  const { t } = useTranslationContext();
  const session = useScopedSession();
  const type = useStoreSelector(session ?? undefined, (s) => s.call?.type, undefined);
  const channel = useCallChannel();
  const name = useChannelDisplayName(channel);
  const seconds = useCallDuration();
  const count = useParticipants().length;
  const toggle = (which: RoomPanel) => onPanelChange?.(panel === which ? undefined : which);
  return (
    <header ref={ref} className={clsx('str-call__room-bar', className)} {...rest}>
      <div className="str-call__room-heading">
        <h2 className="str-call__room-title">
          {name ?? t(type === 'audio' ? 'Audio call' : 'Video call')}
        </h2>
        {seconds !== undefined && (
          // A timer is not read out as it ticks (role="timer" is aria-live="off").
          <span role="timer" className="str-call__room-time" aria-label={t('Time in the call')}>
            {formatDuration(seconds)}
          </span>
        )}
      </div>
      <div className="str-call__room-actions">
        {layouts.length > 1 && (
          // biome-ignore lint/a11y/useSemanticElements: two toggle buttons, not a form fieldset.
          <div
            role="group"
            aria-label={t('Layout')}
            className="str-call__layouts str-call__room-extra"
          >
            {layouts.map((choice) => {
              const Icon = LAYOUT_ICONS[choice];
              return (
                <Tooltip key={choice} content={t(LAYOUT_TIPS[choice])}>
                  <button
                    type="button"
                    className="str-call__toggle"
                    aria-pressed={layout === choice}
                    aria-label={t(LAYOUT_LABELS[choice])}
                    onClick={() => onLayoutChange?.(choice)}
                  >
                    <Icon />
                  </button>
                </Tooltip>
              );
            })}
          </div>
        )}
        <Tooltip content={t('Show everyone in the call')}>
          <button
            type="button"
            className="str-call__toggle str-call__count"
            aria-expanded={panel === 'people'}
            data-state={panel === 'people' ? 'open' : 'closed'}
            onClick={() => toggle('people')}
          >
            <PeopleIcon />
            {/* Named "Participants 3": the visible count is part of the name. */}
            <span className="str-call__sr-only">{t('Participants')}</span> <span>{count}</span>
          </button>
        </Tooltip>
        {chat && channel && (
          <Tooltip content={t('Chat with everyone in the call')}>
            <button
              type="button"
              className="str-call__toggle str-call__room-extra"
              aria-label={t('Chat')}
              aria-expanded={panel === 'chat'}
              data-state={panel === 'chat' ? 'open' : 'closed'}
              onClick={() => toggle('chat')}
            >
              <ChatIcon />
            </button>
          </Tooltip>
        )}
        {onMinimize && (
          <Tooltip content={t('Keep chatting with the call in a corner')}>
            <button
              type="button"
              className="str-call__toggle str-call__room-extra"
              aria-label={t('Minimize call')}
              onClick={onMinimize}
            >
              <MinimizeIcon />
            </button>
          </Tooltip>
        )}
        <RoomBarMore
          layouts={layouts}
          layout={layout}
          onLayoutChange={onLayoutChange}
          chatOpen={chat && channel ? panel === 'chat' : undefined}
          onChatToggle={() => toggle('chat')}
          onMinimize={onMinimize}
        />
      </div>
    </header>
  );
});
