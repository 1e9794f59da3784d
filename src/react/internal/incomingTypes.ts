import type { ComponentType, HTMLAttributes } from 'react';
import type { IncomingCallDialogProps } from '../IncomingCallDialog';
import type { MissedCallNoticeProps } from '../MissedCallNotice';

export interface IncomingCallProps extends HTMLAttributes<HTMLDivElement> {
  IncomingCallDialog?: ComponentType<IncomingCallDialogProps>;
  MissedCallNotice?: ComponentType<MissedCallNoticeProps>;
  /** Where the portal goes (default `document.body`). */
  container?: Element | null;
}
