export { CallAttachment, type CallAttachmentProps } from './CallAttachment';
export { CallCard, type CallCardProps, DefaultCallCard } from './CallCard';
export { CallChannelListItem, type CallChannelListItemProps } from './CallChannelListItem';
// The public CallRoom loads the room UI with the first call (the room folder's is the eager one).
export { CallRoom } from './CallRoomLazy';
export { CallsProvider, type CallsProviderProps } from './CallsProvider';
export { ChannelCallBanner, type ChannelCallBannerProps } from './ChannelCallBanner';
export { callMessagePreview } from './callMessagePreview';
export {
  CallsContext,
  type CallsContextValue,
  type CallsOptions,
  type NotifyMode,
  useCallsContext,
  useMaybeCallsContext,
} from './context/CallsContext';
export { type ActiveCall, useActiveCall } from './hooks/useActiveCall';
export {
  type UseCallLiveStateOptions,
  type UseCallLiveStateResult,
  useCallLiveState,
} from './hooks/useCallLiveState';
export {
  type IncomingCaller,
  type IncomingRing,
  type MissedCall,
  type UseIncomingCallResult,
  useIncomingCall,
} from './hooks/useIncomingCall';
export { type JoinState, type UseJoinCallResult, useJoinCall } from './hooks/useJoinCall';
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
export * from './room';
export { StartCallButton, type StartCallButtonProps } from './StartCallButton';
export { DefaultUnsupportedCall, type UnsupportedCallProps } from './UnsupportedCall';
