import { useTranslationContext } from 'stream-chat-react';
import { ChatIcon, GridIcon, MinimizeIcon, MoreIcon, SpeakerIcon } from './icons';
import type { CallLayout } from './layout';
import { MenuButton } from './MenuButton';

export interface RoomBarMoreProps {
  /** The layout picks that mean something now (under two: none shown). */
  layouts: readonly CallLayout[];
  /** The layout in use (pressed in the menu). */
  layout?: CallLayout;
  /** The user picked a layout. */
  onLayoutChange?: (layout: CallLayout) => void;
  /** The chat panel is open (undefined: no chat to offer). */
  chatOpen?: boolean;
  /** The user picked Chat: open or close the chat panel. */
  onChatToggle?: () => void;
  /** Offers Minimize call, which calls it. */
  onMinimize?: () => void;
}

const LAYOUT_ICONS = { grid: GridIcon, speaker: SpeakerIcon } as const;
const LAYOUT_LABELS = { grid: 'Grid', speaker: 'Speaker' } as const;

/**
 * The room bar's More button and its menu, shown instead of the layout, chat and minimise buttons
 * where the bar is too narrow for them (room.css, a container query), so the title, the time and
 * the participant count keep one line on a phone. The menu's buttons carry visible labels; picking
 * one closes the menu and gives focus back to More. Internal.
 */
export function RoomBarMore({
  layouts,
  layout,
  onLayoutChange,
  chatOpen,
  onChatToggle,
  onMinimize,
}: RoomBarMoreProps) {
  const { t } = useTranslationContext();
  if (layouts.length < 2 && chatOpen === undefined && !onMinimize) return null;
  return (
    <MenuButton
      label={t('More options')}
      icon={<MoreIcon strokeWidth={3} />}
      triggerClassName="str-call__room-more"
      className="str-call__room-menu"
    >
      {(close) => {
        const pick = (action: () => void) => () => {
          close();
          action();
        };
        return (
          <>
            {layouts.length > 1 && (
              // biome-ignore lint/a11y/useSemanticElements: toggle buttons, not a form fieldset.
              <div role="group" aria-label={t('Layout')} className="str-call__room-menu-group">
                {layouts.map((choice) => {
                  const Icon = LAYOUT_ICONS[choice];
                  return (
                    <button
                      key={choice}
                      type="button"
                      className="str-call__menu-item"
                      aria-pressed={layout === choice}
                      onClick={pick(() => onLayoutChange?.(choice))}
                    >
                      <Icon />
                      {t(LAYOUT_LABELS[choice])}
                    </button>
                  );
                })}
              </div>
            )}
            {chatOpen !== undefined && (
              <button
                type="button"
                className="str-call__menu-item"
                aria-pressed={chatOpen}
                onClick={pick(() => onChatToggle?.())}
              >
                <ChatIcon />
                {t('Chat')}
              </button>
            )}
            {onMinimize && (
              <button type="button" className="str-call__menu-item" onClick={pick(onMinimize)}>
                <MinimizeIcon />
                {t('Minimize call')}
              </button>
            )}
          </>
        );
      }}
    </MenuButton>
  );
}
