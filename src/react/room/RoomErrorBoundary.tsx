import { Component, type ReactNode, useEffect, useRef } from 'react';
import { useTranslationContext } from 'stream-chat-react';
import type { CallSession } from '../../core/session';
import { CallBanner } from './CallBanner';

interface RoomErrorBoundaryProps {
  /** The call on screen: a new one starts with a clean slate. */
  callId: string | undefined;
  session: CallSession;
  /** Called with true when the room fails to render, with false when it is shown again. */
  onCrashChange(crashed: boolean): void;
  children: ReactNode;
}

interface RoomErrorBoundaryState {
  failed: boolean;
  callId: string | undefined;
}

/**
 * Keeps a render error in the room (often an app's own `Tile`, `Layout` or `Controls`) inside
 * the room: without it React unmounts the whole app and the user is left with a blank page and
 * a call they cannot leave. React logs the error itself. Internal.
 */
export class RoomErrorBoundary extends Component<RoomErrorBoundaryProps, RoomErrorBoundaryState> {
  override state: RoomErrorBoundaryState = { failed: false, callId: this.props.callId };

  static getDerivedStateFromError(): Partial<RoomErrorBoundaryState> {
    return { failed: true };
  }

  static getDerivedStateFromProps(
    props: RoomErrorBoundaryProps,
    state: RoomErrorBoundaryState,
  ): Partial<RoomErrorBoundaryState> | null {
    return props.callId === state.callId ? null : { failed: false, callId: props.callId };
  }

  override componentDidCatch(): void {
    this.props.onCrashChange(true);
  }

  private readonly tryAgain = () => {
    this.setState({ failed: false });
    this.props.onCrashChange(false);
  };

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return <RoomCrashed session={this.props.session} onTryAgain={this.tryAgain} />;
  }
}

/** What the user sees instead: the call is still on; Try again renders the room anew, or Leave. */
function RoomCrashed({ session, onTryAgain }: { session: CallSession; onTryAgain(): void }) {
  const { t } = useTranslationContext();
  const tryAgain = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // The focused control went with the room: focus moves to Try again, not to the page.
    const active = document.activeElement;
    if (!active || active === document.body) tryAgain.current?.focus();
  }, []);
  return (
    <CallBanner
      variant="failed"
      title={t('Something went wrong showing the call')}
      actions={
        <>
          <button ref={tryAgain} type="button" className="str-call__button" onClick={onTryAgain}>
            {t('Try again')}
          </button>
          <button
            type="button"
            className="str-call__icon-button"
            onClick={() => void session.leave()}
          >
            {t('Leave')}
          </button>
        </>
      }
    >
      <p>{t('You are still in the call.')}</p>
    </CallBanner>
  );
}
