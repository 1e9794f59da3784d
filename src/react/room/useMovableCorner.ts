import {
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';

/** A corner of the floating element's positioned container. */
export type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

const CORNERS: readonly Corner[] = ['top-left', 'top-right', 'bottom-left', 'bottom-right'];

/** Options of {@link useMovableCorner}. */
export interface UseMovableCornerOptions {
  /**
   * Where the corner is remembered (`localStorage`), one key per use (e.g. the picture-in-picture
   * and the dock each their own). Without a key the corner lasts as long as the component.
   */
  storageKey?: string;
  /**
   * The corner before the user moves it. Default `'bottom-right'`. It may change while the user
   * has not picked a corner (nothing remembered, no move yet): the element follows it, e.g. a
   * dock that keeps clear of what it would cover.
   */
  defaultCorner?: Corner;
  /** How far (px) a press must move to become a drag; shorter presses stay clicks. Default 6. */
  dragThreshold?: number;
  /**
   * The box whose corners a drag settles in, read when the drag ends. Default: the element's
   * positioned container, or the viewport for a `position: fixed` element.
   *
   * @example
   * // A floating element kept inside the chat's message list (it is fixed, the list is not its container).
   * useMovableCorner({ bounds: () => list.current?.getBoundingClientRect() });
   */
  bounds?: () => DOMRectReadOnly | null | undefined;
}

/** Spread on the floating element; its CSS places it by `data-corner`. */
export interface MovableCornerProps {
  /** Measures the element for the move's animation. */
  ref: (element: HTMLElement | null) => void;
  /** The corner it is in: position it from this in CSS. */
  'data-corner': Corner;
  /** Set while a pointer drags it (e.g. no transition, a grabbing cursor). */
  'data-dragging': '' | undefined;
  /** `touch-action: none`, so a touch drag moves it rather than the page. */
  style: CSSProperties;
  /** Starts a drag (a press that moves past `dragThreshold`). */
  onPointerDown: (event: PointerEvent<HTMLElement>) => void;
  /** Arrow keys on the element itself move it to the next corner. */
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
}

/** What {@link useMovableCorner} returns. */
export interface UseMovableCornerResult {
  /** Where the element is: the user's pick (moved or remembered), else `defaultCorner`. */
  corner: Corner;
  /** The corner the user picked (moved it to, or remembered from an earlier visit), if any. */
  picked: Corner | undefined;
  /** Moves the element to `corner` (animated unless the user prefers reduced motion). */
  moveTo: (corner: Corner) => void;
  /** A pointer drag is under way. */
  dragging: boolean;
  /** Spread on the floating element (ref, `data-corner`, `data-dragging`, pointer and key handlers). */
  props: MovableCornerProps;
}

function readCorner(key: string | undefined): Corner | undefined {
  if (!key || typeof localStorage === 'undefined') return undefined;
  try {
    const value = localStorage.getItem(key);
    return CORNERS.find((c) => c === value);
  } catch {
    return undefined; // Storage can throw (blocked cookies, private modes): fall back quietly.
  }
}

function writeCorner(key: string | undefined, corner: Corner): void {
  if (!key || typeof localStorage === 'undefined') return;
  try {
    localStorage.setItem(key, corner);
  } catch {
    // Not remembered: the corner still moves for this visit.
  }
}

/** The corner nearest to `rect`'s centre within `area`. */
export function nearestCorner(rect: DOMRectReadOnly, area: DOMRectReadOnly): Corner {
  const top = rect.top + rect.height / 2 < area.top + area.height / 2;
  const left = rect.left + rect.width / 2 < area.left + area.width / 2;
  return `${top ? 'top' : 'bottom'}-${left ? 'left' : 'right'}`;
}

/** The corner an arrow key moves to from `corner`, or undefined for other keys. */
export function cornerForKey(corner: Corner, key: string): Corner | undefined {
  const [v, h] = corner.split('-') as ['top' | 'bottom', 'left' | 'right'];
  switch (key) {
    case 'ArrowUp':
      return `top-${h}`;
    case 'ArrowDown':
      return `bottom-${h}`;
    case 'ArrowLeft':
      return `${v}-left`;
    case 'ArrowRight':
      return `${v}-right`;
    default:
      return undefined;
  }
}

const TOUCH: CSSProperties = { touchAction: 'none' };

/** The box a drag of `el` settles in when no `bounds` is given. */
function defaultBounds(el: HTMLElement): DOMRectReadOnly | undefined {
  // A fixed element has no offsetParent: its box is the viewport (without scrollbars).
  if (getComputedStyle(el).position === 'fixed') {
    const root = document.documentElement;
    return new DOMRect(0, 0, root.clientWidth, root.clientHeight);
  }
  return (el.offsetParent ?? el.parentElement)?.getBoundingClientRect();
}

/**
 * Lets the user move a floating element (a picture-in-picture, a dock) to another corner of its
 * container: drag it with a pointer (it follows the pointer, then settles in the nearest corner)
 * or focus it and press the arrow keys. The corner is remembered in `localStorage` under
 * `storageKey`. Presses shorter than `dragThreshold` stay clicks, so buttons inside keep working.
 *
 * The element should be focusable (`tabIndex={0}`), labelled, and positioned by CSS from its
 * `data-corner`; a `transition` on `transform` animates the move.
 *
 * @example
 * const { props, corner } = useMovableCorner({ storageKey: 'my-app:self-view' });
 * return <div {...props} tabIndex={0} aria-label="Your video" className="self-view" />;
 * // .self-view[data-corner="top-left"] { top: 8px; left: 8px } …
 */
export function useMovableCorner(options: UseMovableCornerOptions = {}): UseMovableCornerResult {
  const { storageKey, defaultCorner = 'bottom-right', dragThreshold = 6, bounds } = options;
  // The user's pick (remembered or moved); until there is one, the corner follows defaultCorner.
  const [chosen, setCorner] = useState<Corner | undefined>(() => readCorner(storageKey));
  const corner = chosen ?? defaultCorner;
  const [dragging, setDragging] = useState(false);
  const element = useRef<HTMLElement | null>(null);
  /** Where the element was before a move: the next layout animates from there. */
  const from = useRef<DOMRect | undefined>(undefined);
  const stopDrag = useRef<(() => void) | undefined>(undefined);
  const latest = useRef({ corner, storageKey, dragThreshold, bounds });
  latest.current = { corner, storageKey, dragThreshold, bounds };

  const moveTo = useCallback((next: Corner) => {
    const el = element.current;
    if (el) from.current = el.getBoundingClientRect();
    setCorner(next);
    writeCorner(latest.current.storageKey, next);
  }, []);

  // FLIP: the element jumps to its new corner, then slides there from where it was.
  useLayoutEffect(() => {
    const el = element.current;
    const was = from.current;
    if (!el || !was || dragging) return;
    from.current = undefined;
    el.style.transition = 'none';
    el.style.transform = '';
    const now = el.getBoundingClientRect();
    const dx = was.left - now.left;
    const dy = was.top - now.top;
    if (dx === 0 && dy === 0) {
      el.style.transition = '';
      return;
    }
    el.style.transform = `translate(${dx}px, ${dy}px)`;
    el.getBoundingClientRect(); // Commit the start position before the transition starts.
    el.style.transition = '';
    el.style.transform = '';
  });

  useEffect(() => () => stopDrag.current?.(), []);

  const onPointerDown = useCallback((event: PointerEvent<HTMLElement>) => {
    const el = event.currentTarget;
    if (!event.isPrimary || event.button !== 0 || stopDrag.current) return;
    const { pointerId, clientX: x0, clientY: y0 } = event;
    let moved = false;
    const move = (e: globalThis.PointerEvent) => {
      if (e.pointerId !== pointerId) return;
      const dx = e.clientX - x0;
      const dy = e.clientY - y0;
      if (!moved) {
        if (Math.hypot(dx, dy) < latest.current.dragThreshold) return;
        moved = true;
        el.setPointerCapture?.(pointerId);
        setDragging(true);
      }
      el.style.transform = `translate(${dx}px, ${dy}px)`;
    };
    const end = (e: globalThis.PointerEvent) => {
      if (e.pointerId !== pointerId) return;
      cleanup();
      if (!moved) return;
      // The drag ends where it is: no click on a button it started on.
      const swallow = (c: MouseEvent) => c.stopPropagation();
      window.addEventListener('click', swallow, { capture: true, once: true });
      setTimeout(() => window.removeEventListener('click', swallow, { capture: true }), 0);
      const area = latest.current.bounds?.() ?? defaultBounds(el);
      const rect = el.getBoundingClientRect();
      from.current = rect;
      setDragging(false);
      if (e.type === 'pointercancel' || !area) return;
      const next = nearestCorner(rect, area);
      setCorner(next);
      writeCorner(latest.current.storageKey, next);
    };
    const cleanup = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', end);
      window.removeEventListener('pointercancel', end);
      stopDrag.current = undefined;
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', end);
    window.addEventListener('pointercancel', end);
    stopDrag.current = () => {
      cleanup();
      el.style.transform = '';
    };
  }, []);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      // Only the element itself: arrow keys inside it (a select, a slider) keep their meaning.
      if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey)
        return;
      const next = cornerForKey(latest.current.corner, event.key);
      if (!next) return;
      event.preventDefault();
      if (next !== latest.current.corner) moveTo(next);
    },
    [moveTo],
  );

  const ref = useCallback((el: HTMLElement | null) => {
    element.current = el;
  }, []);

  return {
    corner,
    picked: chosen,
    moveTo,
    dragging,
    props: {
      ref,
      'data-corner': corner,
      'data-dragging': dragging ? '' : undefined,
      style: TOUCH,
      onPointerDown,
      onKeyDown,
    },
  };
}
