import { clsx } from 'clsx';
import {
  type ComponentType,
  type CSSProperties,
  forwardRef,
  type HTMLAttributes,
  useRef,
  useState,
} from 'react';
import { useTranslationContext } from 'stream-chat-react';
import { ChevronLeftIcon, ChevronRightIcon } from './icons';
import { ParticipantTile, type ParticipantTileProps } from './ParticipantTile';
import {
  gridCapacity,
  gridShape,
  pageTiles,
  parseTileKey,
  selectLocalId,
  selectTileKeys,
  tileElementKey,
} from './tiles';
import { useElementSize } from './useElementSize';
import { useRoomState } from './useRoomState';
import { shallowEqualArray } from './useStoreSelector';

const NONE: string[] = [];

/** Props of {@link GridLayout}; the rest go to its root `<div>`. */
export interface GridLayoutProps extends HTMLAttributes<HTMLDivElement> {
  /** The most tiles on one page (default 25); fewer when that many would be smaller than the minimum. */
  pageSize?: number;
  /** The narrowest a tile gets, in CSS pixels, before the grid pages (default 160). */
  minTileWidth?: number;
  /** The shortest a tile gets, in CSS pixels, before the grid pages (default 112). */
  minTileHeight?: number;
  /** Renders one participant's camera or screen. Default {@link ParticipantTile}. */
  Tile?: ComponentType<ParticipantTileProps>;
}

/**
 * Everyone in a grid whose tiles fill the stage and never get smaller than the minimum size:
 * more people than fit go on pages (previous / next), the user's own tile on every page. Screen
 * shares come first, then the others, then the user.
 */
export const GridLayout = forwardRef<HTMLDivElement, GridLayoutProps>(function GridLayout(
  {
    pageSize = 25,
    minTileWidth = 160,
    minTileHeight = 112,
    Tile = ParticipantTile,
    className,
    ...rest
  },
  ref,
) {
  const { t } = useTranslationContext();
  const keys = useRoomState(selectTileKeys, NONE, shallowEqualArray);
  const localId = useRoomState(selectLocalId, '');
  const [page, setPage] = useState(0);
  const tilesRef = useRef<HTMLDivElement>(null);
  const size = useElementSize(tilesRef);
  const area = { ...size, minWidth: minTileWidth, minHeight: minTileHeight };
  const perPage = Math.min(pageSize, gridCapacity(area));
  const current = pageTiles(keys, `camera:${localId}`, perPage, page);
  const { columns, rows } = gridShape(current.tiles.length, area);
  return (
    <div ref={ref} className={clsx('str-call__grid', className)} {...rest}>
      <div
        ref={tilesRef}
        className="str-call__grid-tiles"
        data-count={current.tiles.length}
        style={{ '--str-call__cols': columns, '--str-call__rows': rows } as CSSProperties}
      >
        {current.tiles.map((key) => {
          const { id, source } = parseTileKey(key);
          return <Tile key={tileElementKey(key, localId)} participantId={id} source={source} />;
        })}
      </div>
      {current.pages > 1 && (
        <nav className="str-call__pager" aria-label={t('Participant pages')}>
          <button
            type="button"
            className="str-call__toggle"
            aria-label={t('Previous page')}
            disabled={current.page === 0}
            onClick={() => setPage(current.page - 1)}
          >
            <ChevronLeftIcon />
          </button>
          <span aria-live="polite">
            {t('Page {{ page }} of {{ pages }}', { page: current.page + 1, pages: current.pages })}
          </span>
          <button
            type="button"
            className="str-call__toggle"
            aria-label={t('Next page')}
            disabled={current.page === current.pages - 1}
            onClick={() => setPage(current.page + 1)}
          >
            <ChevronRightIcon />
          </button>
        </nav>
      )}
    </div>
  );
});
