/** The call room UI and its headless hooks. */
export { AudioLayout, type AudioLayoutProps } from './AudioLayout';
export { CallBanner, type CallBannerProps, type CallBannerVariant } from './CallBanner';
export { CallChat, type CallChatProps } from './CallChat';
export { CallControls, type CallControlsProps } from './CallControls';
export { CallDock, type CallDockProps, type DockBoundary, type DockCorner } from './CallDock';
export { CallRoom, type CallRoomProps } from './CallRoom';
export { type CallLayoutProps, DefaultCallLayout } from './DefaultCallLayout';
export {
  DEVICE_LABELS,
  DevicePicker,
  type DevicePickerProps,
  DeviceSelect,
  type DeviceSelectProps,
} from './DeviceSelect';
export { EndCallButton, type EndCallButtonProps } from './EndCallButton';
export { GridLayout, type GridLayoutProps } from './GridLayout';
export {
  type CallLayout,
  type CallLayoutInput,
  type CallLayoutKind,
  resolveCallLayout,
} from './layout';
export { MediaIssueBanner, type MediaIssueBannerProps } from './MediaIssueBanner';
export { MediaToggle, type MediaToggleProps } from './MediaToggle';
export { OneOnOneLayout, type OneOnOneLayoutProps } from './OneOnOneLayout';
export { ParticipantPanel, type ParticipantPanelProps } from './ParticipantPanel';
export { avatarColor, ParticipantTile, type ParticipantTileProps } from './ParticipantTile';
export { PreJoin, type PreJoinProps } from './PreJoin';
export {
  AgoraCallRoom,
  HmsCallRoom,
  LocalCallRoom,
  type ProviderCallRoomProps,
} from './ProviderRooms';
export { RoomAudio, type RoomAudioProps } from './RoomAudio';
export {
  RoomContext,
  type RoomContextValue,
  RoomProvider,
  type RoomProviderProps,
  useRoom,
} from './RoomContext';
export { RoomFailure, type RoomFailureProps } from './RoomFailure';
export { ScreenShareLayout, type ScreenShareLayoutProps } from './ScreenShareLayout';
export { SpeakerLayout, type SpeakerLayoutProps } from './SpeakerLayout';
export { useActiveSession } from './useActiveSession';
export { useActiveSpeaker } from './useActiveSpeaker';
export { useCallChannel } from './useCallChannel';
export { formatDuration, useCallDuration } from './useCallDuration';
export { useCallLayoutKind } from './useCallLayoutKind';
export { useCallSession } from './useCallSession';
export { type UseDevicesResult, useDevices } from './useDevices';
export { useLayoutChoices } from './useLayoutChoices';
export { useLocalParticipant } from './useLocalParticipant';
export {
  MEDIA_TOGGLE_LABELS,
  type MediaToggleButtonProps,
  type MediaToggleSource,
  type UseMediaToggleResult,
  useMediaToggle,
} from './useMediaToggle';
export {
  type Corner,
  type MovableCornerProps,
  type UseMovableCornerOptions,
  type UseMovableCornerResult,
  useMovableCorner,
} from './useMovableCorner';
export { useParticipant } from './useParticipant';
export { useParticipants } from './useParticipants';
export { type PreJoinMedia, type PreJoinMediaOptions, usePreJoinMedia } from './usePreJoinMedia';
export { useRoomState } from './useRoomState';
export { selectSpotlight, useSpotlight } from './useSpotlight';
export { VideoTrack, type VideoTrackProps } from './VideoTrack';
