import { clsx } from 'clsx';
import { forwardRef, type HTMLAttributes, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useChatContext } from 'stream-chat-react';
import { mergeRefs } from '../internal/mergeRefs';
import { useRoomFocus } from './useRoomFocus';

export interface RoomLayerProps extends HTMLAttributes<HTMLElement> {
  /** In the app's own layout, instead of an overlay over the page. */
  inline?: boolean;
  /** Where the overlay is portalled (default `document.body`). */
  container?: Element | null;
  /** Something is on screen (focus returns when it closes). */
  open: boolean;
  /** Full size (not the dock): takes focus; as an overlay, makes the page under it inert. */
  full: boolean;
  /** What the room shows: a new view whose old one held the focus gives it to the room. */
  view?: string;
}

/**
 * The call room's root: an overlay over the page (fixed, in a portal) or in place (`inline`). It
 * carries `str-chat` and the chat's theme class itself, so stream-chat-react's tokens, font and
 * dark theme apply wherever the room is placed (stream-chat-react's `<Chat>` renders no element
 * around it, and a portal leaves the app's tree). Internal.
 */
export const RoomLayer = forwardRef<HTMLElement, RoomLayerProps>(function RoomLayer(
  { inline = false, container, open, full, view, className, children, ...rest },
  ref,
) {
  const { theme } = useChatContext('CallRoom');
  const own = useRef<HTMLElement>(null);
  useRoomFocus(own, { open, full, covers: !inline, view });
  const root = (
    <section
      ref={mergeRefs(ref, own)}
      // Focusable as a whole: joining moves focus to the room itself, the next Tab to its controls.
      tabIndex={-1}
      className={clsx('str-chat', theme, 'str-call__room', className)}
      data-placement={inline ? 'inline' : 'overlay'}
      {...rest}
    >
      {children}
    </section>
  );
  if (inline || typeof document === 'undefined') return root;
  return createPortal(root, container ?? document.body);
});
