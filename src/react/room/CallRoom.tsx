import { type ComponentType, forwardRef, type HTMLAttributes, useEffect, useRef } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import type { ProviderName } from '../../core/types';
import { CallSwitchDialog } from '../CallSwitchDialog';
import { useCallPhase } from '../hooks/useCallPhase';
import { OutgoingCall } from '../OutgoingCall';
import { CallBanner } from './CallBanner';
import { CallControls, type CallControlsProps } from './CallControls';
import { CallDock } from './CallDock';
import { type CallLayoutProps, DefaultCallLayout } from './DefaultCallLayout';
import type { CallLayout } from './layout';
import { ParticipantTile, type ParticipantTileProps } from './ParticipantTile';
import { PreJoin } from './PreJoin';
import { RoomAudio } from './RoomAudio';
import type { RoomPanel } from './RoomBar';
import { RoomProvider } from './RoomContext';
import { RoomErrorBoundary } from './RoomErrorBoundary';
import { RoomFailure } from './RoomFailure';
import { RoomLayer } from './RoomLayer';
import { RoomScreen } from './RoomScreen';
import { useControllableState } from './useControllableState';
import { usePerCall } from './usePerCall';
import { useRoomView } from './useRoomView';

/** Props of {@link CallRoom}; the rest go to its root `<section>` (a region named "Call"). */
export interface CallRoomProps extends HTMLAttributes<HTMLElement> {
  /** Show the pre-join view (preview, devices) while the session is starting. */
  preJoin?: boolean;
  /** Only render sessions of this provider (AgoraCallRoom, HmsCallRoom, LocalCallRoom). */
  provider?: ProviderName;
  /**
   * Place the room in the app's own layout (it fills its container) instead of the default: an
   * overlay over the whole page (fixed, above the app, in a portal), under which the page is
   * inert while the room is full size.
   *
   * @example
   * <div style={{ height: 480 }}><CallRoom inline /></div>
   */
  inline?: boolean;
  /** Where the overlay is portalled (default `document.body`). Ignored with `inline`. */
  container?: Element | null;
  /**
   * Minimised to the dock (controlled). Uncontrolled, every new or accepted call opens full size
   * (`defaultMinimized`), whatever the last one ended as.
   */
  minimized?: boolean;
  /** Whether each call opens minimised (uncontrolled). Default false. */
  defaultMinimized?: boolean;
  /** Called when the user minimises the room to its dock or expands it again. */
  onMinimizedChange?: (minimized: boolean) => void;
  /**
   * The group layout, grid or speaker (controlled; the header's switch asks through
   * `onLayoutChange`). It applies to group video calls only: a screen share, an audio call, a
   * call of two and being alone have their own stage.
   *
   * @example
   * const [layout, setLayout] = useState<CallLayout>('speaker');
   * <CallRoom layout={layout} onLayoutChange={setLayout} />
   */
  layout?: CallLayout;
  /** The group layout a call opens with (uncontrolled). Default `'grid'`. */
  defaultLayout?: CallLayout;
  /** Called when the user picks the other group layout. */
  onLayoutChange?: (layout: CallLayout) => void;
  /**
   * Offer the call's conversation beside the call (a Chat button in the header; beside the
   * stage on wide screens, over it on phones). Built from stream-chat-react's `Channel`,
   * `MessageList` and `MessageComposer`: render `CallRoom` inside your `WithComponents` for your
   * overrides to apply there too. Default true (shown when the call's channel is known).
   */
  chat?: boolean;
  /** Replaces the control bar. */
  Controls?: ComponentType<CallControlsProps>;
  /**
   * Replaces the stage (default `DefaultCallLayout`: grid, speaker, one-on-one, audio, screen
   * share or waiting, as the call is). Pre-join, banners, header, panels and the dock stay.
   *
   * @example
   * function MyLayout(props: CallLayoutProps) {
   *   const kind = useCallLayoutKind(props.layout);
   *   return kind === 'grid' ? <MyGrid Tile={props.Tile} /> : <DefaultCallLayout {...props} />;
   * }
   * <CallRoom Layout={MyLayout} />
   */
  Layout?: ComponentType<CallLayoutProps>;
  /**
   * Renders each participant in every layout (default `ParticipantTile`): restyle tiles without
   * rebuilding the room.
   *
   * @example
   * const MyTile = (props: ParticipantTileProps) => <ParticipantTile {...props} className="my-tile" />;
   * <CallRoom Tile={MyTile} />
   */
  Tile?: ComponentType<ParticipantTileProps>;
}

/**
 * The active call: pre-join, connecting, the room (header, stage, participants or chat beside it,
 * controls), the dock when minimised, or the failure. An overlay over the page by default, with
 * its own theme (the chat's), so `<CallRoom />` works wherever it is dropped.
 */
export const CallRoom = forwardRef<HTMLElement, CallRoomProps>(function CallRoom(
  {
    preJoin,
    provider,
    inline,
    container,
    minimized: minimizedProp,
    defaultMinimized = false,
    onMinimizedChange,
    layout: layoutProp,
    defaultLayout = 'grid',
    onLayoutChange,
    chat = true,
    Controls = CallControls,
    Layout = DefaultCallLayout,
    Tile = ParticipantTile,
    ...rest
  },
  ref,
) {
  const { t } = useTranslationContext();
  const { view, session, state, room } = useRoomView({ preJoin, provider });
  const callId = state?.call?.id;
  const [minimized, setMinimized] = usePerCall(
    callId,
    minimizedProp,
    defaultMinimized,
    onMinimizedChange,
  );
  const [panel, setPanel] = usePerCall<RoomPanel | undefined>(callId, undefined, undefined);
  // The room failed to render (RoomErrorBoundary): it says so full size, as a failure does.
  const [crashed, setCrashed] = usePerCall(callId, undefined, false);
  const [layout, setLayout] = useControllableState(layoutProp, defaultLayout, onLayoutChange);
  // The dock needs a connected call (its mute and leave act on the room).
  const docked = view === 'in-call' && minimized && !crashed;
  const dock = useRef<HTMLElement>(null);
  useEffect(() => {
    // Minimising removes the focused button: focus moves to the dock's Expand.
    const active = document.activeElement;
    if (docked && (!active || active === document.body)) {
      dock.current?.querySelector<HTMLElement>('[data-action="expand"]')?.focus();
    }
  }, [docked]);

  // The call's lifecycle (OutgoingCall.tsx): "Calling Bob…" until the first answer, then why not.
  const phase = useCallPhase();
  const outgoing = phase === 'outgoing' || phase === 'ended';
  if (!session || !state || (view === 'none' && !outgoing)) return null;
  return (
    <RoomLayer
      ref={ref}
      inline={inline}
      container={container}
      open
      full={!docked}
      view={view}
      aria-label={t('Call')}
      aria-busy={view === 'joining' || undefined}
      data-state={state.callingState}
      data-view={crashed ? 'failed' : outgoing ? phase : view}
      data-minimized={docked ? '' : undefined}
      data-layout={layout}
      {...rest}
    >
      <RoomErrorBoundary callId={callId} session={session} onCrashChange={setCrashed}>
        {outgoing && <OutgoingCall />}
        {view === 'starting' && !outgoing && (
          <CallBanner variant="connecting" title={t('Starting the call…')} />
        )}
        {view === 'pre-join' && !outgoing && (
          <PreJoin
            callType={state.call?.type}
            onJoin={(media) => void session.join({ media })}
            onCancel={() => void session.leave()}
          />
        )}
        {view === 'failed' && !outgoing && <RoomFailure session={session} />}
        {room && !outgoing && (view === 'joining' || view === 'in-call') && (
          // While connecting, the room shows the user alone (their camera already on when the
          // provider prepared it): the same tile, and the same <video>, stay when the call connects.
          <RoomProvider room={room} session={session}>
            {docked ? (
              <CallDock ref={dock} onExpand={() => setMinimized(false)} />
            ) : (
              <RoomScreen
                session={session}
                joining={view === 'joining'}
                Controls={Controls}
                Layout={Layout}
                Tile={Tile}
                layout={layout}
                onLayoutChange={setLayout}
                panel={panel}
                onPanelChange={setPanel}
                chat={chat}
                onMinimize={() => setMinimized(true)}
              />
            )}
            <RoomAudio />
          </RoomProvider>
        )}
      </RoomErrorBoundary>
      <CallSwitchDialog />
    </RoomLayer>
  );
});
