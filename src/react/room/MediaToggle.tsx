import { clsx } from 'clsx';
import { type ButtonHTMLAttributes, forwardRef, useEffect, useRef } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import { CameraIcon, CameraOffIcon, MicIcon, MicOffIcon, ScreenIcon } from './icons';
import { type MediaToggleSource, useMediaToggle } from './useMediaToggle';

const ANNOUNCE: Record<MediaToggleSource, [on: string, off: string]> = {
  microphone: ['Microphone on', 'Microphone off'],
  camera: ['Camera on', 'Camera off'],
  screen: ['Screen sharing on', 'Screen sharing off'],
};

export interface MediaToggleProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  source: MediaToggleSource;
  /** Called with the translated sentence whenever the state changes ("Microphone off"…). */
  onAnnounce?: (message: string) => void;
  /** Show the text label next to the icon. */
  showLabel?: boolean;
}

/** A microphone / camera / screen toggle button (aria-pressed) for the room in scope. */
export const MediaToggle = forwardRef<HTMLButtonElement, MediaToggleProps>(function MediaToggle(
  { source, onAnnounce, showLabel, className, onClick, children, ...rest },
  ref,
) {
  const { t } = useTranslationContext();
  const { enabled, buttonProps } = useMediaToggle(source);
  const first = useRef(true);
  const announce = useRef(onAnnounce);
  announce.current = onAnnounce;
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    announce.current?.(t(ANNOUNCE[source][enabled ? 0 : 1]));
  }, [enabled, source, t]);
  const Icon =
    source === 'screen'
      ? ScreenIcon
      : source === 'camera'
        ? enabled
          ? CameraIcon
          : CameraOffIcon
        : enabled
          ? MicIcon
          : MicOffIcon;
  return (
    <button
      ref={ref}
      type="button"
      className={clsx('str-call__toggle', className)}
      data-source={source}
      {...buttonProps}
      {...rest}
      onClick={(e) => {
        onClick?.(e);
        if (!e.defaultPrevented) buttonProps.onClick(e);
      }}
    >
      <Icon />
      {showLabel && <span>{buttonProps['aria-label']}</span>}
      {children}
    </button>
  );
});
