import { clsx } from 'clsx';
import { type ComponentType, forwardRef, type HTMLAttributes } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import { FocusStage } from './FocusStage';
import { ParticipantTile, type ParticipantTileProps } from './ParticipantTile';
import { parseTileKey, selectLocalId, selectTileKeys } from './tiles';
import { useRoomState } from './useRoomState';
import { useSpotlight } from './useSpotlight';
import { shallowEqualArray } from './useStoreSelector';

export { selectSpotlight } from './useSpotlight';

const NONE: string[] = [];

/** Props of {@link SpeakerLayout}; the rest go to its root `<div>`. */
export interface SpeakerLayoutProps extends HTMLAttributes<HTMLDivElement> {
  /** Renders one participant's camera or screen. Default {@link ParticipantTile}. */
  Tile?: ComponentType<ParticipantTileProps>;
}

/**
 * The person speaking large (a screen share before them; never the user, unless alone), everyone
 * else in a strip: under the stage on narrow screens, beside it on wide ones.
 */
export const SpeakerLayout = forwardRef<HTMLDivElement, SpeakerLayoutProps>(function SpeakerLayout(
  { Tile = ParticipantTile, className, ...rest },
  ref,
) {
  const { t } = useTranslationContext();
  const spotlight = useSpotlight();
  const keys = useRoomState(selectTileKeys, NONE, shallowEqualArray);
  const localId = useRoomState(selectLocalId, '');
  const main = spotlight ? parseTileKey(spotlight) : undefined;
  return (
    <FocusStage
      ref={ref}
      className={clsx('str-call__speaker', className)}
      stage={
        main && (
          <Tile className="str-call__spotlight" participantId={main.id} source={main.source} />
        )
      }
      strip={keys.filter((k) => k !== spotlight)}
      stripLabel={t('Other participants')}
      localId={localId}
      Tile={Tile}
      {...rest}
    />
  );
});
