import { clsx } from 'clsx';
import { type ComponentType, forwardRef, type HTMLAttributes, useId } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import type { RoomState } from '../../core/provider';
import { ParticipantTile, type ParticipantTileProps } from './ParticipantTile';
import { useAlone } from './useAlone';
import { useMovableCorner } from './useMovableCorner';
import { useMoveAnnouncement } from './useMoveAnnouncement';
import { useRoomState } from './useRoomState';

const selectLocalId = (s: RoomState) => s.localId;
const selectOther = (s: RoomState) => s.order.find((id) => id !== s.localId);

/** Props of {@link OneOnOneLayout}; the rest go to its root `<div>`. */
export interface OneOnOneLayoutProps extends HTMLAttributes<HTMLDivElement> {
  /** Renders one participant's camera. Default {@link ParticipantTile}. */
  Tile?: ComponentType<ParticipantTileProps>;
  /**
   * Where the picture-in-picture's corner is remembered (`localStorage`); `null` to not remember
   * it. Default `'str-call:self-view-corner'`.
   */
  storageKey?: string | null;
}

/**
 * A call of two as on FaceTime: the other person fills the stage, the user is a small
 * picture-in-picture they can drag, or focus and move with the arrow keys, to another corner
 * (remembered). Alone, the user fills the stage with "Waiting for others to join". The user's
 * tile stays the same element throughout, so their video never goes black as people come and go.
 */
export const OneOnOneLayout = forwardRef<HTMLDivElement, OneOnOneLayoutProps>(
  function OneOnOneLayout(
    { Tile = ParticipantTile, storageKey = 'str-call:self-view-corner', className, ...rest },
    ref,
  ) {
    const { t } = useTranslationContext();
    const localId = useRoomState(selectLocalId, '');
    const other = useRoomState(selectOther, undefined);
    const alone = useAlone();
    const hint = useId();
    const movable = useMovableCorner({ storageKey: storageKey ?? undefined });
    // Announce a move the user made (not the corner the view opened in).
    const moved = useMoveAnnouncement(movable.corner);
    const pip = Boolean(other);
    // In the corner it is a focusable group the arrow keys move (keyboard-operable, labelled).
    const self = pip
      ? {
          ...movable.props,
          className: 'str-call__pip',
          role: 'group',
          tabIndex: 0,
          'aria-label': t('Your video'),
          'aria-describedby': hint,
        }
      : { className: 'str-call__main' };
    return (
      <div
        ref={ref}
        className={clsx('str-call__one-on-one', className)}
        data-alone={other ? undefined : ''}
        {...rest}
      >
        {other && (
          <div key={other} className="str-call__main">
            <Tile participantId={other} />
          </div>
        )}
        {/* One element alone and in the corner: the user's video keeps playing. */}
        <div key="@local" {...self}>
          <Tile participantId={localId} />
        </div>
        {pip && (
          <span id={hint} className="str-call__sr-only">
            {t('Drag it, or focus it and use the arrow keys, to move it to another corner.')}
          </span>
        )}
        <span role="status" className={alone ? 'str-call__waiting' : 'str-call__sr-only'}>
          {alone ? t('Waiting for others to join…') : moved}
        </span>
      </div>
    );
  },
);
