import { clsx } from 'clsx';
import { type HTMLAttributes, useEffect } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import { DeviceSelect } from './DeviceSelect';
import { SettingsIcon } from './icons';
import { Tooltip } from './Tooltip';
import { usePopover } from './usePopover';

export interface DevicesMenuProps extends HTMLAttributes<HTMLDivElement> {
  /** Offer the camera too. */
  video?: boolean;
}

/**
 * The Devices button and its menu (microphone, camera, speaker). It closes on a click outside and
 * on Escape and gives focus back to the button; it fits a 360 px screen. Internal.
 */
export function DevicesMenu({ video = true, className, ...rest }: DevicesMenuProps) {
  const { t } = useTranslationContext();
  const { open, triggerProps, popoverProps } = usePopover();
  const menu = popoverProps.ref;
  useEffect(() => {
    if (open) menu.current?.querySelector('select')?.focus();
  }, [open, menu]);
  return (
    <>
      <Tooltip content={t('Devices')}>
        <button
          type="button"
          className="str-call__toggle"
          aria-label={t('Devices')}
          aria-haspopup="dialog"
          {...triggerProps}
        >
          <SettingsIcon />
        </button>
      </Tooltip>
      <div
        role="dialog"
        aria-label={t('Devices')}
        className={clsx('str-call__menu', 'str-call__device-menu', className)}
        data-state={open ? 'open' : 'closed'}
        {...popoverProps}
        {...rest}
      >
        {open && (
          <>
            <DeviceSelect kind="audioinput" />
            {video && <DeviceSelect kind="videoinput" />}
            <DeviceSelect kind="audiooutput" />
          </>
        )}
      </div>
    </>
  );
}
