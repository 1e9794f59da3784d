import type { ComponentType } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import type { CallSession } from '../../core/session';
import { CallBanner } from './CallBanner';
import { CallChat } from './CallChat';
import type { CallControlsProps } from './CallControls';
import type { CallLayoutProps } from './DefaultCallLayout';
import type { CallLayout } from './layout';
import { MediaIssueBanner } from './MediaIssueBanner';
import { ParticipantPanel } from './ParticipantPanel';
import type { ParticipantTileProps } from './ParticipantTile';
import { RoomBar, type RoomPanel } from './RoomBar';
import { useLayoutChoices } from './useLayoutChoices';
import { useStoreSelector } from './useStoreSelector';

export interface RoomScreenProps {
  session: CallSession;
  /** Still connecting: the user alone, with Cancel, and no controls yet. */
  joining: boolean;
  Controls: ComponentType<CallControlsProps>;
  Layout: ComponentType<CallLayoutProps>;
  Tile: ComponentType<ParticipantTileProps>;
  layout: CallLayout;
  onLayoutChange(layout: CallLayout): void;
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
  Layout,
  Tile,
  layout,
  onLayoutChange,
  panel,
  onPanelChange,
  chat,
  onMinimize,
}: RoomScreenProps) {
  const { t } = useTranslationContext();
  const reconnecting = useStoreSelector(session, (s) => s.callingState === 'reconnecting', false);
  // Grid and speaker differ only in a group video call with no screen on the stage.
  const layouts = useLayoutChoices();
  const close = () => onPanelChange(undefined);
  return (
    <>
      <RoomBar
        panel={panel}
        onPanelChange={onPanelChange}
        chat={chat}
        layouts={layouts}
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
          <Layout layout={layout} Tile={Tile} />
        </div>
        {panel === 'people' && <ParticipantPanel onClose={close} />}
        {panel === 'chat' && <CallChat onClose={close} />}
      </div>
      {!joining && <Controls />}
    </>
  );
}
