/** The provider interface (defined in core so core can drive a join without any SDK). */
export type {
  CallProvider,
  CallUser,
  ConnectionState,
  DeviceInfo,
  DeviceKind,
  MediaChoice,
  PreparedJoin,
  PrepareOptions,
  ProviderJoinOptions,
  ProviderRoom,
  RoomEndReason,
  RoomParticipant,
  RoomState,
  TrackRef,
  TrackSource,
} from '../core/provider';
