import { clsx } from 'clsx';
import { type ComponentType, forwardRef, type HTMLAttributes } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import { FocusStage } from './FocusStage';
import { ParticipantTile, type ParticipantTileProps } from './ParticipantTile';
import { PresentingNotice } from './PresentingNotice';
import { parseTileKey, selectLocalId, selectTileKeys } from './tiles';
import { useRoomState } from './useRoomState';
import { shallowEqualArray } from './useStoreSelector';

const NONE: string[] = [];

/** Props of {@link ScreenShareLayout}; the rest go to its root `<div>`. */
export interface ScreenShareLayoutProps extends HTMLAttributes<HTMLDivElement> {
  /** Renders one participant's camera or screen. Default {@link ParticipantTile}. */
  Tile?: ComponentType<ParticipantTileProps>;
}

/**
 * A screen share on the stage for everyone, people in a strip. Another person's screen comes
 * before the user's own; the presenter sees "You are presenting to everyone" with "Stop
 * presenting" instead of a mirror of their own screen.
 */
export const ScreenShareLayout = forwardRef<HTMLDivElement, ScreenShareLayoutProps>(
  function ScreenShareLayout({ Tile = ParticipantTile, className, ...rest }, ref) {
    const { t } = useTranslationContext();
    const keys = useRoomState(selectTileKeys, NONE, shallowEqualArray);
    const localId = useRoomState(selectLocalId, '');
    const ownScreen = `screen:${localId}`;
    const presenting = keys.includes(ownScreen);
    const shown = keys.find((k) => k.startsWith('screen:') && k !== ownScreen);
    const main = shown ? parseTileKey(shown) : undefined;
    return (
      <FocusStage
        ref={ref}
        className={clsx('str-call__screen-share', className)}
        data-presenting={presenting ? '' : undefined}
        notice={presenting && main ? <PresentingNotice variant="bar" /> : undefined}
        stage={
          main ? (
            <Tile className="str-call__spotlight" participantId={main.id} source="screen" />
          ) : (
            presenting && <PresentingNotice variant="stage" />
          )
        }
        strip={keys.filter((k) => k !== shown && k !== ownScreen)}
        stripLabel={t('Participants')}
        localId={localId}
        Tile={Tile}
        {...rest}
      />
    );
  },
);
