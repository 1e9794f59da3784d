import { clsx } from 'clsx';
import { type ComponentType, forwardRef, type HTMLAttributes } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import { ParticipantTile, type ParticipantTileProps } from './ParticipantTile';
import { selectLocalId, selectTileKeys, tileElementKey } from './tiles';
import { useAlone } from './useAlone';
import { useRoomState } from './useRoomState';
import { shallowEqualArray } from './useStoreSelector';

const NONE: string[] = [];
const selectCameraKeys = (s: Parameters<typeof selectTileKeys>[0]) =>
  selectTileKeys(s).filter((k) => k.startsWith('camera:'));

/** Avatar size for `n` people: large for a few, smaller as the call grows. */
function sizeFor(n: number): 'large' | 'medium' | 'small' {
  if (n <= 4) return 'large';
  if (n <= 9) return 'medium';
  return 'small';
}

/** Props of {@link AudioLayout}; the rest go to its root `<div>`. */
export interface AudioLayoutProps extends HTMLAttributes<HTMLDivElement> {
  /** Renders one participant (here: their avatar, name and mute state). Default {@link ParticipantTile}. */
  Tile?: ComponentType<ParticipantTileProps>;
}

/**
 * An audio call: everyone as a large avatar with a ring while they speak, their name and a
 * muted microphone — no empty video frames. The others first, the user last; alone, "Waiting
 * for others to join". Many people wrap and scroll. Its root's `data-size` (`large`, `medium`,
 * `small`) follows the number of people.
 */
export const AudioLayout = forwardRef<HTMLDivElement, AudioLayoutProps>(function AudioLayout(
  { Tile = ParticipantTile, className, ...rest },
  ref,
) {
  const { t } = useTranslationContext();
  const keys = useRoomState(selectCameraKeys, NONE, shallowEqualArray);
  const localId = useRoomState(selectLocalId, '');
  const alone = useAlone();
  return (
    <div
      ref={ref}
      className={clsx('str-call__audio-layout', className)}
      data-size={sizeFor(keys.length)}
      {...rest}
    >
      <ul className="str-call__audio-people" aria-label={t('Participants')}>
        {keys.map((key) => (
          <li key={tileElementKey(key, localId)}>
            <Tile participantId={key.slice('camera:'.length)} />
          </li>
        ))}
      </ul>
      <span role="status" className={alone ? 'str-call__waiting' : 'str-call__sr-only'}>
        {alone ? t('Waiting for others to join…') : ''}
      </span>
    </div>
  );
});
