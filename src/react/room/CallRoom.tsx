import { clsx } from 'clsx';
import {
  type ComponentType,
  forwardRef,
  type HTMLAttributes,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslationContext } from 'stream-chat-react';
import { defaultErrorMessage } from '../../core/errors';
import type { ProviderName } from '../../core/types';
import { CallSwitchDialog } from '../CallSwitchDialog';
import { useCallPhase } from '../hooks/useCallPhase';
import { OutgoingCall } from '../OutgoingCall';
import { CallBanner } from './CallBanner';
import { CallControls, type CallControlsProps } from './CallControls';
import { CallDock } from './CallDock';
import { GridLayout } from './GridLayout';
import { GridIcon, MinimizeIcon, SpeakerIcon } from './icons';
import { createJoiningRoom } from './joiningRoom';
import { MediaIssueBanner } from './MediaIssueBanner';
import { PreJoin } from './PreJoin';
import { RoomAudio } from './RoomAudio';
import { RoomProvider } from './RoomContext';
import { SpeakerLayout } from './SpeakerLayout';
import { useActiveSession } from './useActiveSession';
import { useControllableState } from './useControllableState';
import { useStoreSelector } from './useStoreSelector';

export type CallLayout = 'grid' | 'speaker';

export interface CallRoomProps extends HTMLAttributes<HTMLElement> {
  /** Show the pre-join view (preview, devices) while the session is starting. */
  preJoin?: boolean;
  /** Only render sessions of this provider (AgoraCallRoom, HmsCallRoom, LocalCallRoom). */
  provider?: ProviderName;
  minimized?: boolean;
  defaultMinimized?: boolean;
  onMinimizedChange?: (minimized: boolean) => void;
  layout?: CallLayout;
  defaultLayout?: CallLayout;
  onLayoutChange?: (layout: CallLayout) => void;
  Controls?: ComponentType<CallControlsProps>;
}

const ACTIVE = new Set(['joining', 'joined', 'reconnecting']);
/** How long a joiner's room waits for their camera before it shows "Connecting…" without it. */
const CONNECTING_VIEW_DELAY_MS = 150;

/** The active call: pre-join, connecting, the room (grid/speaker, controls, dock) or the failure. */
export const CallRoom = forwardRef<HTMLElement, CallRoomProps>(function CallRoom(
  {
    preJoin,
    provider,
    minimized: minimizedProp,
    defaultMinimized = false,
    onMinimizedChange,
    layout: layoutProp,
    defaultLayout = 'grid',
    onLayoutChange,
    Controls = CallControls,
    className,
    ...rest
  },
  ref,
) {
  const { t } = useTranslationContext();
  const active = useActiveSession();
  const state = useStoreSelector(active ?? undefined, (s) => s, undefined);
  const [minimized, setMinimized] = useControllableState(
    minimizedProp,
    defaultMinimized,
    onMinimizedChange,
  );
  const [layout, setLayout] = useControllableState(layoutProp, defaultLayout, onLayoutChange);
  const mine = Boolean(state?.call && (!provider || state.call.provider === provider));
  const phase = useCallPhase();
  const session = mine ? active : null;

  // Unmounting the room mid-call leaves it, deferred a tick: StrictMode's simulated unmount
  // remounts at once (same refs) and cancels the pending leave.
  const pendingLeave = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    if (!session) return;
    clearTimeout(pendingLeave.current);
    return () => {
      pendingLeave.current = setTimeout(() => {
        if (ACTIVE.has(session.state.callingState)) void session.leave();
      }, 0);
    };
  }, [session]);

  // A new joining room for each attempt (its call) and each camera preview.
  const joiningCall = state?.callingState === 'joining' ? state.call : undefined;
  const preview = joiningCall ? state?.preview : undefined;
  const joiningRoom = useMemo(
    () =>
      joiningCall && session ? createJoiningRoom(session.user, session.media, preview) : undefined,
    [session, joiningCall, preview],
  );
  // Someone joining (not the creator, whose room already shows "Starting…") sees the room when
  // their camera is on, or after a moment without one: no black tile, and the browser is not
  // busy laying out a room while it opens the camera.
  const [waitedFor, setWaitedFor] = useState<unknown>();
  useEffect(() => {
    if (!joiningCall) return;
    const timer = setTimeout(() => setWaitedFor(joiningCall), CONNECTING_VIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [joiningCall]);
  // Whether the last commit showed the room (a Retry from the failure view keeps showing it).
  const showing = useRef(false);
  const waiting = Boolean(
    joiningCall && !preview && !state?.isCreator && waitedFor !== joiningCall && !showing.current,
  );
  const visible = Boolean(session && state && !waiting);
  useEffect(() => {
    showing.current = visible;
  });

  if (!session || !state) return null;
  const { callingState, room, error } = state;
  const base = {
    ref,
    'aria-label': t('Call'),
    className: clsx('str-call__room', className),
    'data-state': callingState,
    ...rest,
  };
  // The call's lifecycle (OutgoingCall.tsx): "Calling Bob…" until the first answer, then why not.
  if (phase === 'outgoing' || phase === 'ended') {
    return (
      <section {...base} data-state={phase}>
        <OutgoingCall />
      </section>
    );
  }
  if (callingState === 'starting' || callingState === 'idle') {
    if (!preJoin)
      return (
        <section {...base}>
          <CallBanner variant="connecting" title={t('Starting the call…')} />
        </section>
      );
    return (
      <section {...base}>
        <PreJoin
          callType={state.call?.type}
          onJoin={(media) => void session.join({ media })}
          onCancel={() => void session.leave()}
        />
      </section>
    );
  }
  if (callingState === 'failed') {
    return (
      <section {...base}>
        <CallBanner
          variant="failed"
          title={t('The call failed')}
          actions={
            <>
              {error?.recoverable !== false && (
                <button
                  type="button"
                  className="str-call__button"
                  onClick={() => void session.retry()}
                >
                  {t('Retry')}
                </button>
              )}
              <button
                type="button"
                className="str-call__icon-button"
                onClick={() => void session.leave()}
              >
                {t('Close')}
              </button>
            </>
          }
        >
          {error && <p>{t(defaultErrorMessage(error.code))}</p>}
        </CallBanner>
      </section>
    );
  }
  const joining = callingState === 'joining';
  if (waiting) return null;
  const shown = joining ? joiningRoom : room;
  if (!shown || (!joining && callingState !== 'joined' && callingState !== 'reconnecting')) {
    return null;
  }
  // While connecting, the room shows the user alone (their camera already on when the provider
  // prepared it): the same tile, and the same <video>, stay on screen when the call connects.
  return (
    <RoomProvider room={shown} session={session}>
      <section
        {...base}
        aria-busy={joining || undefined}
        data-minimized={minimized && !joining ? '' : undefined}
        data-layout={layout}
      >
        {joining ? (
          <CallBanner
            variant="connecting"
            title={t('Connecting to the call…')}
            actions={
              <button
                type="button"
                className="str-call__icon-button"
                onClick={() => void session.leave()}
              >
                {t('Cancel')}
              </button>
            }
          />
        ) : (
          callingState === 'reconnecting' && (
            <CallBanner variant="reconnecting" title={t('Reconnecting…')} />
          )
        )}
        <MediaIssueBanner />
        {minimized && !joining ? (
          <CallDock onExpand={() => setMinimized(false)} />
        ) : (
          <>
            <div className="str-call__room-bar">
              {/* biome-ignore lint/a11y/useSemanticElements: two toggle buttons, not a form fieldset. */}
              <div role="group" aria-label={t('Layout')} className="str-call__layouts">
                <button
                  type="button"
                  className="str-call__toggle"
                  aria-pressed={layout === 'grid'}
                  aria-label={t('Grid')}
                  onClick={() => setLayout('grid')}
                >
                  <GridIcon />
                </button>
                <button
                  type="button"
                  className="str-call__toggle"
                  aria-pressed={layout === 'speaker'}
                  aria-label={t('Speaker')}
                  onClick={() => setLayout('speaker')}
                >
                  <SpeakerIcon />
                </button>
              </div>
              {/* The dock needs a connected call (its mute and leave act on the room). */}
              {!joining && (
                <button
                  type="button"
                  className="str-call__toggle"
                  aria-label={t('Minimize call')}
                  onClick={() => setMinimized(true)}
                >
                  <MinimizeIcon />
                </button>
              )}
            </div>
            {layout === 'speaker' ? <SpeakerLayout /> : <GridLayout />}
            {!joining && <Controls />}
          </>
        )}
        <RoomAudio />
        <CallSwitchDialog />
      </section>
    </RoomProvider>
  );
});
