import { clsx } from 'clsx';
import { type ComponentType, forwardRef, type HTMLAttributes } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import type { RoomState } from '../../core/provider';
import { ParticipantTile, type ParticipantTileProps } from './ParticipantTile';
import { parseTileKey, selectLocalId, selectTileKeys, tileElementKey } from './tiles';
import { useRoomState } from './useRoomState';
import { shallowEqualArray } from './useStoreSelector';

const NONE: string[] = [];

/** The big tile: a screen share, else the active speaker, else the first remote participant. */
export function selectSpotlight(s: RoomState): string | undefined {
  const keys = selectTileKeys(s);
  if (keys[0]?.startsWith('screen:')) return keys[0];
  const speaker =
    s.activeSpeakerId && s.participants[s.activeSpeakerId] ? s.activeSpeakerId : undefined;
  const fallback = s.order.find((id) => id !== s.localId) ?? s.localId;
  return `camera:${speaker ?? fallback}`;
}

export interface SpeakerLayoutProps extends HTMLAttributes<HTMLDivElement> {
  Tile?: ComponentType<ParticipantTileProps>;
}

/** The active speaker (or a screen share) large, everyone else in a filmstrip. */
export const SpeakerLayout = forwardRef<HTMLDivElement, SpeakerLayoutProps>(function SpeakerLayout(
  { Tile = ParticipantTile, className, ...rest },
  ref,
) {
  const { t } = useTranslationContext();
  const spotlight = useRoomState(selectSpotlight, undefined);
  const keys = useRoomState(selectTileKeys, NONE, shallowEqualArray);
  const localId = useRoomState(selectLocalId, '');
  const others = keys.filter((k) => k !== spotlight);
  const main = spotlight ? parseTileKey(spotlight) : undefined;
  return (
    <div ref={ref} className={clsx('str-call__speaker', className)} {...rest}>
      {main && (
        <Tile className="str-call__spotlight" participantId={main.id} source={main.source} />
      )}
      {others.length > 0 && (
        <ul className="str-call__filmstrip" aria-label={t('Other participants')}>
          {others.map((key) => {
            const { id, source } = parseTileKey(key);
            return (
              <li key={tileElementKey(key, localId)}>
                <Tile participantId={id} source={source} />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
});
