import { clsx } from 'clsx';
import type { HTMLAttributes } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import { DeviceSelect } from './DeviceSelect';
import { SettingsIcon } from './icons';
import { MenuButton } from './MenuButton';

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
  return (
    <MenuButton
      label={t('Devices')}
      icon={<SettingsIcon />}
      focus="select"
      className={clsx('str-call__device-menu', className)}
      {...rest}
    >
      {() => (
        <>
          <DeviceSelect kind="audioinput" />
          {video && <DeviceSelect kind="videoinput" />}
          <DeviceSelect kind="audiooutput" />
        </>
      )}
    </MenuButton>
  );
}
