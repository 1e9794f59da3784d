import {
  type CSSProperties,
  type RefObject,
  useCallback,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import type { Corner } from './useMovableCorner';

/**
 * The box the dock floats in: an element, a function that finds one when the dock measures, or
 * `null` for the whole viewport.
 */
export type DockBoundary = Element | null | (() => Element | null | undefined);

/**
 * stream-chat-react's message list of the open channel (`<Window>`'s `MessageList` or
 * `VirtualizedMessageList`), not a thread's and not the room's own chat; `null` where none is on
 * screen. The dock's default boundary: inside it, the dock covers neither the channel header (and
 * its call buttons) nor the composer.
 */
export function findMessageList(): Element | null {
  if (typeof document === 'undefined') return null;
  for (const el of document.querySelectorAll('.str-chat__main-panel .str-chat__message-list')) {
    if (el.closest('.str-call__room, .str-chat__thread')) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) return el;
  }
  return null;
}

interface Placement {
  /** Distances (px) of the boundary's visible box from the viewport's edges. */
  top: number;
  right: number;
  bottom: number;
  left: number;
  /** Its width: the dock's own width follows it (a phone, a narrow chat pane). */
  width: number;
  /** The corner that covers nothing new (see useDockPlacement). */
  corner: Corner;
}

const viewport = (): Placement => ({
  top: 0,
  right: 0,
  bottom: 0,
  left: 0,
  width: document.documentElement.clientWidth,
  corner: 'bottom-right',
});

const same = (a: Placement, b: Placement) =>
  a.top === b.top &&
  a.right === b.right &&
  a.bottom === b.bottom &&
  a.left === b.left &&
  a.width === b.width &&
  a.corner === b.corner;

function resolve(boundary: DockBoundary | undefined): Element | null {
  if (boundary === undefined) return findMessageList();
  return typeof boundary === 'function' ? (boundary() ?? null) : boundary;
}

function measure(dock: HTMLElement, area: Element | null): Placement {
  const root = document.documentElement;
  const vw = root.clientWidth;
  const vh = root.clientHeight;
  if (!area) return viewport();
  const r = area.getBoundingClientRect();
  const top = Math.max(0, Math.round(r.top));
  const left = Math.max(0, Math.round(r.left));
  const bottom = Math.min(vh, Math.round(r.bottom));
  const right = Math.min(vw, Math.round(r.right));
  const d = dock.getBoundingClientRect();
  // Too small to hold the dock (a phone on its side): the viewport's corners instead.
  if (right - left < d.width || bottom - top < d.height) return viewport();
  // Messages start at the top of the list and the newest is the lowest one: while they leave room
  // under them the dock sits there, once they fill the list it sits at the top (older messages).
  const messages = area.querySelector('.str-chat__ul');
  let corner: Corner = 'bottom-right';
  if (messages) {
    const rem = Number.parseFloat(getComputedStyle(root).fontSize) || 16;
    const free = bottom - messages.getBoundingClientRect().bottom;
    if (free < d.height + 2 * rem) corner = 'top-right';
  }
  return { top, left, bottom: vh - bottom, right: vw - right, width: right - left, corner };
}

export interface DockPlacement {
  /** Custom properties for the dock's style: the boundary's distances from the viewport edges. */
  style: CSSProperties;
  /** The corner clear of the newest message (the user's own pick takes precedence). */
  corner: Corner;
  /** The boundary's box, for where a drag settles. */
  bounds: () => DOMRectReadOnly | undefined;
}

/**
 * Where the fixed dock floats: inside `boundary` (default: the channel's message list, else the
 * viewport), kept current as the page resizes and as messages come and go. Its corner keeps clear
 * of the newest message: bottom right while the messages leave room under them, top right once
 * they fill the list. Internal.
 */
export function useDockPlacement(
  dock: RefObject<HTMLElement | null>,
  boundary: DockBoundary | undefined,
): DockPlacement {
  const [placement, setPlacement] = useState<Placement>(() => ({
    ...(typeof document === 'undefined'
      ? { top: 0, right: 0, bottom: 0, left: 0, width: 0 }
      : viewport()),
    corner: 'bottom-right',
  }));
  // Read when measuring: an inline function prop does not set up the observers again.
  const latest = useRef(boundary);
  latest.current = boundary;
  const remeasure = useRef<() => void>(undefined);

  useLayoutEffect(() => {
    const el = dock.current;
    if (!el) return;
    let observed: Element | null = null;
    let frame = 0;
    const resize = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(schedule);
    function update() {
      frame = 0;
      if (!el) return;
      const area = resolve(latest.current);
      if (area !== observed && resize) {
        if (observed) resize.unobserve(observed);
        if (area) resize.observe(area);
      }
      observed = area;
      const next = measure(el, area);
      setPlacement((p) => (same(p, next) ? p : next));
    }
    function schedule() {
      if (!frame) frame = requestAnimationFrame(update);
    }
    remeasure.current = schedule;
    update();
    resize?.observe(el);
    // New messages, a channel switched, a list that appears: measure again (once per frame).
    const mutations =
      typeof MutationObserver === 'undefined' ? undefined : new MutationObserver(schedule);
    mutations?.observe(document.body, { childList: true, subtree: true });
    window.addEventListener('resize', schedule);
    window.addEventListener('scroll', schedule, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      resize?.disconnect();
      mutations?.disconnect();
      window.removeEventListener('resize', schedule);
      window.removeEventListener('scroll', schedule);
      remeasure.current = undefined;
    };
  }, [dock]);
  const element = typeof boundary === 'function' ? undefined : boundary;
  // biome-ignore lint/correctness/useExhaustiveDependencies: another boundary element is why it measures again.
  useLayoutEffect(() => {
    remeasure.current?.();
  }, [element]);

  const bounds = useCallback((): DOMRectReadOnly | undefined => {
    if (typeof document === 'undefined') return undefined;
    const root = document.documentElement;
    const { top, right, bottom, left } = placement;
    return new DOMRect(
      left,
      top,
      root.clientWidth - left - right,
      root.clientHeight - top - bottom,
    );
  }, [placement]);

  return {
    style: {
      '--str-call__dock-area-top': `${placement.top}px`,
      '--str-call__dock-area-right': `${placement.right}px`,
      '--str-call__dock-area-bottom': `${placement.bottom}px`,
      '--str-call__dock-area-left': `${placement.left}px`,
      '--str-call__dock-area-width': `${placement.width}px`,
    } as CSSProperties,
    corner: placement.corner,
    bounds,
  };
}
