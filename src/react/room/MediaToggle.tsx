import { clsx } from 'clsx';
import { type ButtonHTMLAttributes, forwardRef, useEffect, useRef } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import { CameraIcon, CameraOffIcon, MicIcon, MicOffIcon, ScreenIcon } from './icons';
import { Tooltip } from './Tooltip';
import { shortcutLabel, useKeyShortcut } from './useKeyShortcut';
import { type MediaToggleSource, useMediaToggle } from './useMediaToggle';

const ANNOUNCE: Record<MediaToggleSource, [on: string, off: string]> = {
  microphone: ['Microphone on', 'Microphone off'],
  camera: ['Camera on', 'Camera off'],
  screen: ['Screen sharing on', 'Screen sharing off'],
};

/** What a click does, for the tooltip: [while on, while off]. */
const ACTION: Record<MediaToggleSource, [on: string, off: string]> = {
  microphone: ['Turn off microphone', 'Turn on microphone'],
  camera: ['Turn off camera', 'Turn on camera'],
  screen: ['Stop presenting', 'Present your screen'],
};

/** Props of {@link MediaToggle}; the rest go to its `<button>`. */
export interface MediaToggleProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** What it turns on and off: the user's microphone, camera or screen share. */
  source: MediaToggleSource;
  /** Called with the translated sentence whenever the state changes ("Microphone off"…). */
  onAnnounce?: (message: string) => void;
  /** Show the text label next to the icon. */
  showLabel?: boolean;
  /**
   * A letter: Ctrl+letter (⌘+letter on Apple platforms) toggles from anywhere on the page while
   * the button is mounted, and its tooltip says so. `CallControls` uses `d` for the microphone
   * and `e` for the camera, as Google Meet does.
   */
  shortcut?: string;
}

/**
 * A microphone / camera / screen toggle button (aria-pressed) for the room in scope, with a
 * tooltip naming what a click does (and its shortcut).
 */
export const MediaToggle = forwardRef<HTMLButtonElement, MediaToggleProps>(function MediaToggle(
  { source, onAnnounce, showLabel, shortcut, className, onClick, children, ...rest },
  ref,
) {
  const { t } = useTranslationContext();
  const { enabled, toggle, buttonProps } = useMediaToggle(source);
  useKeyShortcut(buttonProps.disabled ? undefined : shortcut, () => void toggle());
  const shown = useRef(enabled);
  const announce = useRef({ onAnnounce, t });
  announce.current = { onAnnounce, t };
  useEffect(() => {
    // Only a change of state is news: not the first render, nor translations arriving (a new `t`).
    if (shown.current === enabled) return;
    shown.current = enabled;
    announce.current.onAnnounce?.(announce.current.t(ANNOUNCE[source][enabled ? 0 : 1]));
  }, [enabled, source]);
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
    <Tooltip
      content={t(ACTION[source][enabled ? 0 : 1])}
      shortcut={shortcut ? shortcutLabel(shortcut) : undefined}
    >
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
    </Tooltip>
  );
});
