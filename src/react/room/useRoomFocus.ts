import { inertOthers } from 'aria-hidden';
import { type RefObject, useEffect, useRef } from 'react';

/** The kit's other layers (the ringing dialog, missed calls) stay usable over a full-size room. */
const KIT_LAYERS = '.str-call__portal';

export interface UseRoomFocusOptions {
  /** The room is on screen (any view): focus goes back where it was when it closes. */
  open: boolean;
  /** The room is full size: it takes focus. */
  full: boolean;
  /** The room covers the page: the page under it is `inert` while it does. */
  covers: boolean;
  /**
   * What the room shows (pre-join, joining, in the call…): when it changes and the focused
   * control went with the old view (pre-join's Join), the room takes the focus back.
   */
  view?: string;
}

/**
 * Focus in and out of the call room, as a modal dialog does it: the room takes focus when it
 * opens full size, the page under an overlay room is `inert` (out of the tab order and of the
 * accessibility tree), and when the room closes focus returns to the element that had it before
 * (the Start, Join or Accept control's page), unless the user has moved on. Internal.
 */
export function useRoomFocus(root: RefObject<HTMLElement | null>, options: UseRoomFocusOptions) {
  const { open, full, covers, view } = options;
  // Where focus was before the room took it: the first of the two effects to run records it.
  const returnTo = useRef<Element | null>(null);
  // Declared first: on unmount its cleanup (the page no longer inert) runs before the one that
  // gives focus back, which an inert element would refuse.
  useEffect(() => {
    const element = root.current;
    if (!full || !element) return;
    const undo = covers
      ? inertOthers([element, ...document.querySelectorAll(KIT_LAYERS)])
      : undefined;
    if (!element.contains(document.activeElement)) {
      returnTo.current ??= document.activeElement;
      element.focus({ preventScroll: true });
    }
    return () => undo?.();
  }, [root, full, covers]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on a new view, whose old one may have taken the focused control with it.
  useEffect(() => {
    const element = root.current;
    const active = document.activeElement;
    // Only focus lost to the page: a user who moved on to the app (inline room) keeps theirs.
    if (full && element && (!active || active === document.body)) {
      element.focus({ preventScroll: true });
    }
  }, [root, full, view]);

  useEffect(() => {
    if (!open) return;
    // Not the room itself (StrictMode runs this again once the room has the focus).
    if (!root.current?.contains(document.activeElement))
      returnTo.current ??= document.activeElement;
    return () => {
      const before = returnTo.current;
      const now = document.activeElement;
      const lost = !now || now === document.body || !now.isConnected;
      if (lost && before instanceof HTMLElement && before.isConnected) {
        before.focus({ preventScroll: true });
      }
    };
  }, [root, open]);
}
