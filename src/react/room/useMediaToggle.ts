import { type MouseEvent, useCallback, useRef, useState } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import { type CallKitError, toCallKitError } from '../../core/errors';
import type { RoomParticipant } from '../../core/provider';
import { useRoom } from './RoomContext';
import { useRoomState } from './useRoomState';

/** What a media toggle turns on and off: the user's microphone, camera or screen share. */
export type MediaToggleSource = 'microphone' | 'camera' | 'screen';

const FLAG: Record<MediaToggleSource, keyof RoomParticipant> = {
  microphone: 'audioEnabled',
  camera: 'videoEnabled',
  screen: 'screenShareEnabled',
};

/** The English label (an i18n key) of each toggle; its on/off state is `aria-pressed`. */
export const MEDIA_TOGGLE_LABELS: Record<MediaToggleSource, string> = {
  microphone: 'Microphone',
  camera: 'Camera',
  screen: 'Share screen',
};

/** Spread on your own `<button>` to make it the toggle (`useMediaToggle().buttonProps`). */
export interface MediaToggleButtonProps {
  /** On (true) or off: a toggle button's state. */
  'aria-pressed': boolean;
  /** Its name, translated ("Microphone"); the state is in `aria-pressed`, not in the name. */
  'aria-label': string;
  /** Set while the change is under way. */
  'aria-busy'?: boolean;
  /** `on` or `off`, for styling. */
  'data-state': 'on' | 'off';
  /** While the change is under way, or outside a room. */
  disabled: boolean;
  /** Toggles it. */
  onClick: (event: MouseEvent<HTMLButtonElement>) => void;
}

/** What {@link useMediaToggle} returns. */
export interface UseMediaToggleResult {
  /** The user's microphone / camera / screen share is on. */
  enabled: boolean;
  /** A change is under way (a camera starting, a screen being picked). */
  pending: boolean;
  /** The last failure (e.g. permission denied when turning the camera on). */
  error?: CallKitError;
  /** Turns it to `next`, or over when absent; never throws (a failure lands in `error`). */
  toggle(next?: boolean): Promise<void>;
  /**
   * Props for a button of your own.
   *
   * @example
   * const mic = useMediaToggle('microphone');
   * <button type="button" {...mic.buttonProps}>{mic.enabled ? <MicIcon /> : <MicOffIcon />}</button>
   */
  buttonProps: MediaToggleButtonProps;
}

/** Headless microphone / camera / screen toggle for the room in scope. */
export function useMediaToggle(source: MediaToggleSource): UseMediaToggleResult {
  const { t } = useTranslationContext();
  const room = useRoom();
  // Select the one flag: the local participant object changes with every audio level.
  const flag = FLAG[source];
  const enabled = useRoomState((s) => Boolean(s.participants[s.localId]?.[flag]), false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<CallKitError>();
  const busy = useRef(false);
  const toggle = useCallback(
    async (next?: boolean) => {
      if (!room || busy.current) return;
      const target = next ?? !enabled;
      busy.current = true;
      setPending(true);
      setError(undefined);
      try {
        if (source === 'microphone') await room.setMicrophoneEnabled(target);
        else if (source === 'camera') await room.setCameraEnabled(target);
        else await room.setScreenShareEnabled(target);
      } catch (e) {
        setError(toCallKitError(e, 'provider-join-failed'));
      } finally {
        busy.current = false;
        setPending(false);
      }
    },
    [room, source, enabled],
  );
  return {
    enabled,
    pending,
    error,
    toggle,
    buttonProps: {
      'aria-pressed': enabled,
      'aria-label': t(MEDIA_TOGGLE_LABELS[source]),
      ...(pending ? { 'aria-busy': true } : {}),
      'data-state': enabled ? 'on' : 'off',
      disabled: !room || pending,
      onClick: () => void toggle(),
    },
  };
}
