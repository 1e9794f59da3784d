export { CallAttachment, type CallAttachmentProps } from './CallAttachment';
export { CallCard, type CallCardProps, DefaultCallCard } from './CallCard';
export { CallChannelListItem, type CallChannelListItemProps } from './CallChannelListItem';
// The public CallRoom loads the room UI with the first call (the room folder's is the eager one).
export { CallRoom } from './CallRoomLazy';
export { CallSwitchDialog, type CallSwitchDialogProps } from './CallSwitchDialog';
export { CallsProvider, type CallsProviderProps } from './CallsProvider';
export { ChannelCallBanner, type ChannelCallBannerProps } from './ChannelCallBanner';
export { callMessagePreview } from './callMessagePreview';
export {
  CallsContext,
  type CallsContextValue,
  type CallsOptions,
  useCallsContext,
  useMaybeCallsContext,
} from './context/CallsContext';
export { type ActiveCall, useActiveCall } from './hooks/useActiveCall';
export { type UseCallAgainResult, useCallAgain } from './hooks/useCallAgain';
export { useCallLifecycle } from './hooks/useCallLifecycle';
export {
  type UseCallLiveStateOptions,
  type UseCallLiveStateResult,
  useCallLiveState,
} from './hooks/useCallLiveState';
export { useCallPhase } from './hooks/useCallPhase';
export { type UseIncomingCallResult, useIncomingCall } from './hooks/useIncomingCall';
export {
  type JoinState,
  type UseJoinCallOptions,
  type UseJoinCallResult,
  useJoinCall,
} from './hooks/useJoinCall';
export { useRingingMembers } from './hooks/useRingingMembers';
export {
  type StartCallState,
  type UseStartCallOptions,
  type UseStartCallResult,
  useStartCall,
} from './hooks/useStartCall';
export { IncomingCall, type IncomingCallProps } from './IncomingCall';
export { DefaultIncomingCallDialog, type IncomingCallDialogProps } from './IncomingCallDialog';
export { callTranslations, en, es, registerCallTranslations } from './i18n';
export { DefaultMissedCallNotice, type MissedCallNoticeProps } from './MissedCallNotice';
export { OutgoingCall, type OutgoingCallProps } from './OutgoingCall';
export * from './room';
export { StartCallButton, type StartCallButtonProps } from './StartCallButton';
export { DefaultUnsupportedCall, type UnsupportedCallProps } from './UnsupportedCall';
