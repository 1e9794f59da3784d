import { type ReactElement, useEffect, useId, useRef, useState } from 'react';
import { Slot } from '../internal/Slot';
import { addAnchorName, hasPopover, setPopoverOpen } from './usePopover';

export interface TooltipProps {
  /** What the control does ("Turn off microphone"). */
  content: string;
  /** Its keyboard shortcut, as the platform writes it ("Ctrl+D", "⌘D"). */
  shortcut?: string;
  /** One button. */
  children: ReactElement;
}

/**
 * A visible tooltip for an icon button, on hover and on keyboard focus, with the shortcut where
 * there is one; Escape hides it. It describes the button (`aria-describedby`), whose label stays
 * its name. A `manual` popover: in the top layer, never clipped, and it leaves open menus alone.
 * Internal.
 */
export function Tooltip({ content, shortcut, children }: TooltipProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const tip = useRef<HTMLSpanElement>(null);
  const anchor = useRef<HTMLElement | null>(null);
  // What a retry after a refused show or hide reads (see setPopoverOpen).
  const wanted = useRef(open);
  wanted.current = open;
  useEffect(() => {
    const element = tip.current;
    const button = anchor.current;
    if (!element || !button || typeof element.showPopover !== 'function') return;
    const name = `--str-call-tip-${id.replace(/[^\w-]/g, '')}`;
    addAnchorName(button, name);
    element.style.setProperty('position-anchor', name);
    if (open) setPopoverOpen(element, () => wanted.current);
    return () => setPopoverOpen(element, () => wanted.current);
  }, [open, id]);
  const show = () => setOpen(true);
  const hide = () => setOpen(false);
  return (
    <>
      <Slot
        ref={anchor}
        aria-describedby={id}
        onPointerEnter={show}
        onPointerLeave={hide}
        onFocus={(e) => {
          // Keyboard focus only: a click focuses the button too.
          if (isFocusVisible(e.currentTarget)) show();
        }}
        onBlur={hide}
        onClick={hide}
        onKeyDown={(e) => {
          if (e.key === 'Escape') hide();
        }}
      >
        {children}
      </Slot>
      <span
        ref={tip}
        id={id}
        role="tooltip"
        popover={hasPopover() ? 'manual' : undefined}
        className="str-call__tooltip"
        data-state={open ? 'open' : 'closed'}
        // Without the popover API, `hidden` hides it while closed (it still describes the button).
        hidden={!open && !hasPopover() ? true : undefined}
      >
        {content}
        {shortcut && <kbd className="str-call__kbd">{shortcut}</kbd>}
      </span>
    </>
  );
}

function isFocusVisible(element: Element): boolean {
  try {
    return element.matches(':focus-visible');
  } catch {
    return true;
  }
}
