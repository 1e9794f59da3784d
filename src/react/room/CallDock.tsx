import { clsx } from 'clsx';
import {
  forwardRef,
  type HTMLAttributes,
  type KeyboardEvent,
  type PointerEvent,
  useId,
  useMemo,
  useRef,
} from 'react';
import { useTranslationContext } from 'stream-chat-react';
import { mergeRefs } from '../internal/mergeRefs';
import { ExpandIcon, LeaveIcon } from './icons';
import { MediaToggle } from './MediaToggle';
import { ParticipantTile } from './ParticipantTile';
import { selectSpotlight } from './SpeakerLayout';
import { Tooltip } from './Tooltip';
import { parseTileKey } from './tiles';
import { type DockBoundary, useDockPlacement } from './useDockPlacement';
import { type Corner, useMovableCorner } from './useMovableCorner';
import { useMoveAnnouncement } from './useMoveAnnouncement';
import { useRoomState } from './useRoomState';
import { useScopedSession } from './useScopedSession';

/** A corner of the box the dock floats in. */
export type DockCorner = Corner;

export type { DockBoundary } from './useDockPlacement';

/** Props of {@link CallDock}; the rest go to its root `<section>` ("Minimized call"). */
export interface CallDockProps extends HTMLAttributes<HTMLElement> {
  /** Back to the full call view. */
  onExpand(): void;
  /**
   * The corner before the user moves it. By default it keeps clear of the newest message: bottom
   * right while the messages leave room under them, top right once they fill the list.
   */
  defaultCorner?: DockCorner;
  /**
   * Where the corner the user drags it to is remembered (`localStorage`); `null` to not remember
   * it. Default `'str-call:dock-corner'`.
   */
  storageKey?: string | null;
  /**
   * The box it floats in: an element, a function that finds one, or `null` for the viewport.
   * Default: the open channel's message list (stream-chat-react's `MessageList` in `<Window>`),
   * so the dock covers neither the channel header with its call buttons nor the composer; the
   * viewport where no list is on screen.
   *
   * @example
   * // An app with its own chat layout: keep the dock inside its conversation pane.
   * <CallDock onExpand={expand} boundary={() => document.querySelector('#conversation')} />
   */
  boundary?: DockBoundary;
}

/**
 * The call minimised while the user keeps chatting: who is speaking, mute, leave, expand. It floats
 * in a corner of the channel's message list, clear of the header, the composer and the newest
 * message; the user drags it, or focuses it and presses the arrow keys, to another corner
 * (remembered). Hang-up is the dock's one red control (a muted microphone is not red).
 */
export const CallDock = forwardRef<HTMLElement, CallDockProps>(function CallDock(
  {
    onExpand,
    defaultCorner,
    storageKey = 'str-call:dock-corner',
    boundary,
    className,
    style,
    onKeyDown,
    onPointerDown,
    ...rest
  },
  ref,
) {
  const { t } = useTranslationContext();
  const session = useScopedSession('CallDock');
  const spotlight = useRoomState(selectSpotlight, undefined);
  const main = spotlight ? parseTileKey(spotlight) : undefined;
  const hint = useId();
  const own = useRef<HTMLElement>(null);
  const placement = useDockPlacement(own, boundary);
  const movable = useMovableCorner({
    storageKey: storageKey ?? undefined,
    defaultCorner: defaultCorner ?? placement.corner,
    bounds: placement.bounds,
  });
  const moved = useMoveAnnouncement(movable.picked);
  const { ref: movableRef, style: movableStyle, ...movableProps } = movable.props;
  const refs = useMemo(() => mergeRefs(ref, own, movableRef), [ref, movableRef]);
  // The app's handlers run first; preventDefault() in them keeps the dock where it is.
  const handlers = {
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      onKeyDown?.(e);
      if (!e.defaultPrevented) movableProps.onKeyDown(e);
    },
    onPointerDown: (e: PointerEvent<HTMLElement>) => {
      onPointerDown?.(e);
      if (!e.defaultPrevented) movableProps.onPointerDown(e);
    },
  };
  return (
    <section
      ref={refs}
      aria-label={t('Minimized call')}
      aria-describedby={hint}
      // Focusable as a whole: the arrow keys move it (its buttons keep their own keys).
      // biome-ignore lint/a11y/noNoninteractiveTabindex: it is operable, see above.
      tabIndex={0}
      className={clsx('str-call__dock', className)}
      style={{ ...placement.style, ...movableStyle, ...style }}
      {...movableProps}
      {...rest}
      {...handlers}
    >
      {main && <ParticipantTile participantId={main.id} source={main.source} />}
      <div className="str-call__dock-actions">
        <MediaToggle source="microphone" />
        <Tooltip content={t('Leave the call')}>
          <button
            type="button"
            className="str-call__toggle str-call__danger"
            aria-label={t('Leave')}
            data-action="leave"
            onClick={() => void session?.leave()}
          >
            <LeaveIcon />
          </button>
        </Tooltip>
        <Tooltip content={t('Back to the full call')}>
          <button
            type="button"
            className="str-call__toggle"
            aria-label={t('Expand call')}
            data-action="expand"
            onClick={onExpand}
          >
            <ExpandIcon />
          </button>
        </Tooltip>
      </div>
      <span id={hint} className="str-call__sr-only">
        {t('Drag it, or focus it and use the arrow keys, to move it to another corner.')}
      </span>
      <span role="status" className="str-call__sr-only">
        {moved}
      </span>
    </section>
  );
});
