import { clsx } from 'clsx';
import { forwardRef, type HTMLAttributes, type MouseEvent, useId, useState } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import { DeviceSelect } from './DeviceSelect';
import { EndCallButton } from './EndCallButton';
import { LeaveIcon, SettingsIcon } from './icons';
import { MediaToggle } from './MediaToggle';
import { useScopedSession } from './useScopedSession';
import { useStoreSelector } from './useStoreSelector';

export interface CallControlsProps extends HTMLAttributes<HTMLDivElement> {
  /** Runs before leaving; call `event.preventDefault()` to keep the call. */
  onLeave?: (event: MouseEvent<HTMLButtonElement>) => void;
  /** Hide the screen-share toggle (e.g. on phones, where browsers cannot share). */
  hideScreenShare?: boolean;
  /** Hide the device menu. */
  hideDevices?: boolean;
}

/**
 * Microphone, camera and screen toggles (each change announced), device menu, Leave, and End for
 * everyone for the call's creator.
 */
export const CallControls = forwardRef<HTMLDivElement, CallControlsProps>(function CallControls(
  { onLeave, hideScreenShare, hideDevices, className, ...rest },
  ref,
) {
  const { t } = useTranslationContext();
  const session = useScopedSession();
  const isCreator = useStoreSelector(session ?? undefined, (s) => s.isCreator, false);
  const isVideo = useStoreSelector(session ?? undefined, (s) => s.call?.type !== 'audio', true);
  const [announcement, setAnnouncement] = useState('');
  const [devicesOpen, setDevicesOpen] = useState(false);
  const menuId = useId();
  return (
    // biome-ignore lint/a11y/useSemanticElements: a toolbar of buttons, not a form fieldset.
    <div
      ref={ref}
      role="group"
      aria-label={t('Call controls')}
      className={clsx('str-call__controls', className)}
      {...rest}
    >
      <MediaToggle source="microphone" onAnnounce={setAnnouncement} />
      {isVideo && <MediaToggle source="camera" onAnnounce={setAnnouncement} />}
      {isVideo && !hideScreenShare && <MediaToggle source="screen" onAnnounce={setAnnouncement} />}
      {!hideDevices && (
        <span className="str-call__devices">
          <button
            type="button"
            className="str-call__toggle"
            aria-label={t('Devices')}
            aria-expanded={devicesOpen}
            aria-controls={devicesOpen ? menuId : undefined}
            onClick={() => setDevicesOpen((o) => !o)}
          >
            <SettingsIcon />
          </button>
          {devicesOpen && (
            // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the menu from any picker inside.
            <div
              id={menuId}
              className="str-call__device-menu"
              onKeyDown={(e) => {
                if (e.key === 'Escape') setDevicesOpen(false);
              }}
            >
              <DeviceSelect kind="audioinput" />
              {isVideo && <DeviceSelect kind="videoinput" />}
              <DeviceSelect kind="audiooutput" />
            </div>
          )}
        </span>
      )}
      <button
        type="button"
        className="str-call__button str-call__danger str-call__leave"
        onClick={(e) => {
          onLeave?.(e);
          if (!e.defaultPrevented) void session?.leave();
        }}
      >
        <LeaveIcon />
        <span>{t('Leave')}</span>
      </button>
      {isCreator && <EndCallButton onConfirm={() => void session?.end().catch(() => {})} />}
      <div role="status" aria-live="polite" className="str-call__sr-only">
        {announcement}
      </div>
    </div>
  );
});
