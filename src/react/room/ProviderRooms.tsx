import { forwardRef } from 'react';
import { CallRoom } from '../CallRoomLazy';
import type { CallRoomProps } from './CallRoom';

/** Props of {@link AgoraCallRoom}, {@link HmsCallRoom} and {@link LocalCallRoom}: CallRoom's, but `provider`. */
export type ProviderCallRoomProps = Omit<CallRoomProps, 'provider'>;

/** CallRoom for Agora sessions only. */
export const AgoraCallRoom = forwardRef<HTMLElement, ProviderCallRoomProps>(
  function AgoraCallRoom(props, ref) {
    return <CallRoom ref={ref} {...props} provider="agora" />;
  },
);

/** CallRoom for 100ms sessions only. */
export const HmsCallRoom = forwardRef<HTMLElement, ProviderCallRoomProps>(
  function HmsCallRoom(props, ref) {
    return <CallRoom ref={ref} {...props} provider="hms" />;
  },
);

/** CallRoom for local-provider sessions only. */
export const LocalCallRoom = forwardRef<HTMLElement, ProviderCallRoomProps>(
  function LocalCallRoom(props, ref) {
    return <CallRoom ref={ref} {...props} provider="local" />;
  },
);
