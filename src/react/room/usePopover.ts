import { type RefObject, useCallback, useEffect, useId, useRef, useState } from 'react';

/** The popover API (Chromium 114, Safari 17, Firefox 125); without it, React state alone. */
export function hasPopover(): boolean {
  return typeof HTMLElement !== 'undefined' && 'popover' in HTMLElement.prototype;
}

/** Names `element` as an anchor (a button may anchor its menu and its tooltip). Internal. */
export function addAnchorName(element: HTMLElement, name: string): void {
  const names = element.style.getPropertyValue('anchor-name');
  if (names.split(',').some((n) => n.trim() === name)) return;
  element.style.setProperty('anchor-name', names ? `${names}, ${name}` : name);
}

/**
 * Shows or hides a popover so that it ends as `wanted()` says, without throwing. The platform
 * refuses (InvalidStateError) while another popover is mid-show or mid-hide: Escape closing a
 * menu hands focus back to its button, whose tooltip then opens inside that hide. Then it tries
 * once more on the next frame, with what is wanted by then. An uncaught throw here would unmount
 * the app's whole tree.
 */
export function setPopoverOpen(element: HTMLElement, wanted: () => boolean): void {
  const apply = (): boolean => {
    const open = wanted();
    if (!element.isConnected || element.matches(':popover-open') === open) return true;
    try {
      if (open) element.showPopover();
      else element.hidePopover();
      return true;
    } catch {
      return false;
    }
  };
  if (!apply()) requestAnimationFrame(() => void apply());
}

export interface UsePopoverResult {
  open: boolean;
  setOpen(open: boolean): void;
  /** Spread on the button that opens it. */
  triggerProps: {
    ref: RefObject<HTMLButtonElement | null>;
    'aria-expanded': boolean;
    'aria-controls': string;
    onClick?: () => void;
  };
  /** Spread on the popover's element. */
  popoverProps: {
    ref: RefObject<HTMLDivElement | null>;
    id: string;
    popover?: 'auto';
  };
}

/**
 * A menu-like popover on the platform's popover API: it opens in the top layer (never clipped by
 * the room's boxes), closes on a click outside and on Escape, and gives focus back to its button,
 * all by the browser. Its button is its invoker (`popoverTargetElement`), so a click on the button
 * while open closes it rather than reopening it. It sits next to its button by CSS anchor
 * positioning (`--str-call__anchor`). Internal.
 */
export function usePopover(): UsePopoverResult {
  const id = useId();
  const trigger = useRef<HTMLButtonElement>(null);
  const popover = useRef<HTMLDivElement>(null);
  const [open, setOpenState] = useState(false);
  useEffect(() => {
    const button = trigger.current;
    const element = popover.current;
    if (!button || !element || !hasPopover()) return;
    const anchor = `--str-call-${id.replace(/[^\w-]/g, '')}`;
    button.popoverTargetElement = element;
    addAnchorName(button, anchor);
    element.style.setProperty('position-anchor', anchor);
    const onToggle = (event: Event) => setOpenState((event as ToggleEvent).newState === 'open');
    element.addEventListener('toggle', onToggle);
    return () => {
      element.removeEventListener('toggle', onToggle);
      button.popoverTargetElement = null;
    };
  }, [id]);
  const setOpen = useCallback((next: boolean) => {
    const element = popover.current;
    if (!element || !hasPopover()) return setOpenState(next);
    setPopoverOpen(element, () => next);
  }, []);
  return {
    open,
    setOpen,
    triggerProps: {
      ref: trigger,
      'aria-expanded': open,
      'aria-controls': id,
      ...(hasPopover() ? {} : { onClick: () => setOpenState((o) => !o) }),
    },
    // Without the API the attribute would only hide it (jsdom, old browsers): state shows it.
    popoverProps: { ref: popover, id, ...(hasPopover() ? { popover: 'auto' as const } : {}) },
  };
}
