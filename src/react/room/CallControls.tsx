import { clsx } from 'clsx';
import { forwardRef, type HTMLAttributes, type MouseEvent, useState } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import { DevicesMenu } from './DevicesMenu';
import { LeaveButtons } from './LeaveButtons';
import { MediaToggle } from './MediaToggle';
import { useCanShareScreen } from './useCanShareScreen';
import { useScopedSession } from './useScopedSession';
import { useStoreSelector } from './useStoreSelector';

/**
 * Props of {@link CallControls}; the rest go to its root `<div>` (a group named "Call controls").
 * A `Controls` of your own for `CallRoom` receives them too.
 */
export interface CallControlsProps extends HTMLAttributes<HTMLDivElement> {
  /** Runs before leaving; call `event.preventDefault()` to keep the call. */
  onLeave?: (event: MouseEvent<HTMLButtonElement>) => void;
  /**
   * Hide the screen-share toggle. It is hidden anyway where the browser cannot share a screen
   * (no `getDisplayMedia`, phones and tablets).
   */
  hideScreenShare?: boolean;
  /** Hide the device menu. */
  hideDevices?: boolean;
  /**
   * Keyboard shortcuts while the controls are on screen: Ctrl+D (⌘D on Apple platforms) for the
   * microphone and Ctrl+E (⌘E) for the camera, as in Google Meet. Default true.
   */
  shortcuts?: boolean;
}

/**
 * Microphone, camera and screen toggles (each change announced, each with a tooltip naming the
 * action and its shortcut), the device menu, and Leave — the one red control — with End for
 * everyone in a menu beside it for the call's creator.
 */
export const CallControls = forwardRef<HTMLDivElement, CallControlsProps>(function CallControls(
  { onLeave, hideScreenShare, hideDevices, shortcuts = true, className, ...rest },
  ref,
) {
  const { t } = useTranslationContext();
  const session = useScopedSession();
  const isCreator = useStoreSelector(session ?? undefined, (s) => s.isCreator, false);
  const isVideo = useStoreSelector(session ?? undefined, (s) => s.call?.type !== 'audio', true);
  const canShare = useCanShareScreen();
  const [announcement, setAnnouncement] = useState('');
  return (
    // biome-ignore lint/a11y/useSemanticElements: a toolbar of buttons, not a form fieldset.
    <div
      ref={ref}
      role="group"
      aria-label={t('Call controls')}
      className={clsx('str-call__controls', className)}
      {...rest}
    >
      <MediaToggle
        source="microphone"
        shortcut={shortcuts ? 'd' : undefined}
        onAnnounce={setAnnouncement}
      />
      {isVideo && (
        <MediaToggle
          source="camera"
          shortcut={shortcuts ? 'e' : undefined}
          onAnnounce={setAnnouncement}
        />
      )}
      {isVideo && canShare && !hideScreenShare && (
        <MediaToggle source="screen" onAnnounce={setAnnouncement} />
      )}
      {!hideDevices && <DevicesMenu video={isVideo} />}
      <LeaveButtons
        onLeave={(e) => {
          onLeave?.(e);
          if (!e.defaultPrevented) void session?.leave();
        }}
        onEnd={isCreator ? () => void session?.end().catch(() => {}) : undefined}
      />
      <div role="status" aria-live="polite" className="str-call__sr-only">
        {announcement}
      </div>
    </div>
  );
});
