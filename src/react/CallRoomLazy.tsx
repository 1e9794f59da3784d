import { type ComponentType, forwardRef } from 'react';
import { lazyComponent, usePreload } from './internal/lazyComponent';
import type { CallRoomProps } from './room/CallRoom';
import { useActiveSession } from './room/useActiveSession';

const Room = lazyComponent<CallRoomProps>(
  () => import('./room/CallRoom').then((m) => m.CallRoom as ComponentType<CallRoomProps>),
  'CallRoom',
);

/**
 * The active call: pre-join, connecting, the room (grid/speaker, controls, dock) or the failure.
 * Renders nothing while there is no call; the room's code loads with the first call (and is
 * preloaded once the page has settled), so a chat page does not pay for it up front.
 */
export const CallRoom = forwardRef<HTMLElement, CallRoomProps>(function CallRoom(props, ref) {
  const session = useActiveSession('CallRoom');
  usePreload(Room);
  return session ? <Room {...props} ref={ref} /> : null;
});
