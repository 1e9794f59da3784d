import { clsx } from 'clsx';
import {
  Children,
  cloneElement,
  forwardRef,
  type HTMLAttributes,
  isValidElement,
  type ReactNode,
  type Ref,
  version as reactVersion,
  type SyntheticEvent,
} from 'react';
import { mergeRefs } from './mergeRefs';

type AnyProps = Record<string, unknown>;

/**
 * Merges the slot's props onto its single child (the `asChild` pattern). Handlers are composed so
 * the child's own handler runs first and can `preventDefault()` to stop the slot's.
 */
function mergeProps(slot: AnyProps, child: AnyProps): AnyProps {
  const out: AnyProps = { ...slot, ...child };
  for (const key of Object.keys(slot)) {
    const s = slot[key];
    const c = child[key];
    if (/^on[A-Z]/.test(key) && typeof s === 'function' && typeof c === 'function') {
      out[key] = (event: SyntheticEvent, ...rest: unknown[]) => {
        c(event, ...rest);
        if (!event?.defaultPrevented) s(event, ...rest);
      };
    } else if (key === 'className') {
      out[key] = clsx(s as string, c as string);
    } else if (key === 'style') {
      out[key] = { ...(s as object), ...(c as object) };
    } else if (key.startsWith('aria-') || key.startsWith('data-') || key === 'disabled') {
      // The slot owns state and accessibility attributes: they describe what the button does.
      out[key] = s;
    }
  }
  return out;
}

export interface SlotProps extends HTMLAttributes<HTMLElement> {
  children?: ReactNode;
  disabled?: boolean;
}

export const Slot = forwardRef<HTMLElement, SlotProps>(function Slot({ children, ...props }, ref) {
  const child = Children.only(children);
  if (!isValidElement<AnyProps>(child)) return null;
  // React 19 passes `ref` as a prop; React 18 keeps it on the element.
  const childRef = reactVersion.startsWith('18.')
    ? (child as unknown as { ref?: Ref<HTMLElement> }).ref
    : (child.props as { ref?: Ref<HTMLElement> }).ref;
  return cloneElement(child, {
    ...mergeProps(props as AnyProps, child.props),
    ref: mergeRefs(ref, childRef),
  } as AnyProps);
});
