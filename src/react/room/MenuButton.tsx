import { clsx } from 'clsx';
import { type HTMLAttributes, type ReactNode, useEffect } from 'react';
import { Tooltip } from './Tooltip';
import { usePopover } from './usePopover';

export interface MenuButtonProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The button's accessible name, and the menu's. */
  label: string;
  /** The visible tooltip on the button. Default: `label`. */
  tooltip?: string;
  /** The button's icon. */
  icon: ReactNode;
  /** Classes for the button, besides `str-call__toggle`. */
  triggerClassName?: string;
  /** What takes focus when the menu opens (its first match). Default `'button'`. */
  focus?: string;
  /** The menu's content, rendered only while it is open; `close` shuts it (focus goes back). */
  children: (close: () => void) => ReactNode;
}

/**
 * A room control that opens a menu (devices, end-call options, More): the button with its
 * tooltip, and the menu on the popover API, which closes on a click outside and on Escape and
 * gives focus back to the button. Opening moves focus to the menu's first control. Internal.
 */
export function MenuButton({
  label,
  tooltip = label,
  icon,
  triggerClassName,
  focus = 'button',
  className,
  children,
  ...rest
}: MenuButtonProps) {
  const { open, setOpen, triggerProps, popoverProps } = usePopover();
  const menu = popoverProps.ref;
  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLElement>(focus)?.focus();
  }, [open, menu, focus]);
  return (
    <>
      <Tooltip content={tooltip}>
        <button
          type="button"
          className={clsx('str-call__toggle', triggerClassName)}
          aria-label={label}
          aria-haspopup="dialog"
          {...triggerProps}
        >
          {icon}
        </button>
      </Tooltip>
      <div
        role="dialog"
        aria-label={label}
        className={clsx('str-call__menu', className)}
        data-state={open ? 'open' : 'closed'}
        {...popoverProps}
        {...rest}
      >
        {open && children(() => setOpen(false))}
      </div>
    </>
  );
}
