import { clsx } from 'clsx';
import {
  type ComponentType,
  type CSSProperties,
  forwardRef,
  type HTMLAttributes,
  useState,
} from 'react';
import { useTranslationContext } from 'stream-chat-react';
import { ParticipantTile, type ParticipantTileProps } from './ParticipantTile';
import { gridColumns, parseTileKey, selectLocalId, selectTileKeys, tileElementKey } from './tiles';
import { useRoomState } from './useRoomState';
import { shallowEqualArray } from './useStoreSelector';

const NONE: string[] = [];

export interface GridLayoutProps extends HTMLAttributes<HTMLDivElement> {
  /** Tiles per page (default 16); more participants paginate. */
  pageSize?: number;
  Tile?: ComponentType<ParticipantTileProps>;
}

/** Everyone in a responsive grid (1–16 tiles per page); screen shares first. */
export const GridLayout = forwardRef<HTMLDivElement, GridLayoutProps>(function GridLayout(
  { pageSize = 16, Tile = ParticipantTile, className, style, ...rest },
  ref,
) {
  const { t } = useTranslationContext();
  const keys = useRoomState(selectTileKeys, NONE, shallowEqualArray);
  const localId = useRoomState(selectLocalId, '');
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(keys.length / pageSize));
  const current = Math.min(page, pages - 1);
  const visible = keys.slice(current * pageSize, (current + 1) * pageSize);
  const cols = gridColumns(visible.length);
  return (
    <div
      ref={ref}
      className={clsx('str-call__grid', className)}
      data-count={visible.length}
      style={
        {
          '--str-call__cols': cols,
          '--str-call__rows': Math.ceil(visible.length / cols),
          ...style,
        } as CSSProperties
      }
      {...rest}
    >
      <div className="str-call__grid-tiles">
        {visible.map((key) => {
          const { id, source } = parseTileKey(key);
          return <Tile key={tileElementKey(key, localId)} participantId={id} source={source} />;
        })}
      </div>
      {pages > 1 && (
        <nav className="str-call__pager" aria-label={t('Participant pages')}>
          <button
            type="button"
            className="str-call__icon-button"
            disabled={current === 0}
            onClick={() => setPage(current - 1)}
          >
            {t('Previous page')}
          </button>
          <span aria-live="polite">
            {t('Page {{ page }} of {{ pages }}', { page: current + 1, pages })}
          </span>
          <button
            type="button"
            className="str-call__icon-button"
            disabled={current === pages - 1}
            onClick={() => setPage(current + 1)}
          >
            {t('Next page')}
          </button>
        </nav>
      )}
    </div>
  );
});
