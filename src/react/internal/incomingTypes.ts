import type { ComponentType, HTMLAttributes } from 'react';
import type { IncomingCallDialogProps } from '../IncomingCallDialog';
import type { MissedCallNoticeProps } from '../MissedCallNotice';

/**
 * `IncomingCall`'s props: the components it renders with, and its layer's `<div>` props.
 *
 * @example
 * ```tsx
 * <IncomingCall IncomingCallDialog={MyRingingDialog} MissedCallNotice={MyMissedNotice} />
 * ```
 */
export interface IncomingCallProps extends HTMLAttributes<HTMLDivElement> {
  /** What a ring renders (default: `DefaultIncomingCallDialog`). */
  IncomingCallDialog?: ComponentType<IncomingCallDialogProps>;
  /** What a missed call's notice renders (default: `DefaultMissedCallNotice`). */
  MissedCallNotice?: ComponentType<MissedCallNoticeProps>;
  /** Where the portal goes (default `document.body`). */
  container?: Element | null;
}
