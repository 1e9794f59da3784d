import type { ComponentType } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import type { CallSession } from '../../core/session';
import { CallBanner } from './CallBanner';
import { CallChat } from './CallChat';
import type { CallControlsProps } from './CallControls';
import { GridLayout } from './GridLayout';
import { MediaIssueBanner } from './MediaIssueBanner';
import { ParticipantPanel } from './ParticipantPanel';
import { RoomBar, type RoomLayoutChoice, type RoomPanel } from './RoomBar';
import { SpeakerLayout } from './SpeakerLayout';
import { useRoomState } from './useRoomState';
import { useStoreSelector } from './useStoreSelector';

const GROUP: readonly RoomLayoutChoice[] = ['grid', 'speaker'];
const NONE: readonly RoomLayoutChoice[] = [];

export interface RoomScreenProps {
  session: CallSession;
  /** Still connecting: the user alone, with Cancel, and no controls yet. */
  joining: boolean;
  Controls: ComponentType<CallControlsProps>;
  layout: RoomLayoutChoice;
  onLayoutChange(layout: RoomLayoutChoice): void;
  panel?: RoomPanel;
  onPanelChange(panel: RoomPanel | undefined): void;
  chat: boolean;
  onMinimize?: () => void;
}

/**
 * The full-size room: header, status banners, the stage with a side panel (participants or the
 * chat: beside the stage on wide screens, over it on phones, where the stage stays mounted and
 * keeps playing), and the controls. Internal.
 */
export function RoomScreen({
  session,
  joining,
  Controls,
  layout,
  onLayoutChange,
  panel,
  onPanelChange,
  chat,
  onMinimize,
}: RoomScreenProps) {
  const { t } = useTranslationContext();
  const reconnecting = useStoreSelector(session, (s) => s.callingState === 'reconnecting', false);
  const video = useStoreSelector(session, (s) => s.call?.type !== 'audio', true);
  // Grid and speaker differ only in a group video call (room-layouts' useLayoutChoices says so
  // exactly: with a screen share, none either).
  const group = useRoomState((s) => s.order.length > 2, false);
  const close = () => onPanelChange(undefined);
  return (
    <>
      <RoomBar
        panel={panel}
        onPanelChange={onPanelChange}
        chat={chat}
        layouts={video && group ? GROUP : NONE}
        layout={layout}
        onLayoutChange={onLayoutChange}
        onMinimize={joining ? undefined : onMinimize}
      />
      {joining ? (
        <CallBanner
          variant="connecting"
          title={t('Connecting to the call…')}
          actions={
            <button
              type="button"
              className="str-call__icon-button"
              onClick={() => void session.leave()}
            >
              {t('Cancel')}
            </button>
          }
        />
      ) : (
        reconnecting && <CallBanner variant="reconnecting" title={t('Reconnecting…')} />
      )}
      <MediaIssueBanner />
      <div className="str-call__room-body" data-panel={panel}>
        <div className="str-call__stage">
          {layout === 'speaker' && video ? <SpeakerLayout /> : <GridLayout />}
        </div>
        {panel === 'people' && <ParticipantPanel onClose={close} />}
        {panel === 'chat' && <CallChat onClose={close} />}
      </div>
      {!joining && <Controls />}
    </>
  );
}
