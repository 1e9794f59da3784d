export * from './api';
export * from './attachment';
export * from './channel';
export * from './controller';
export * from './emitter';
export * from './errors';
export * from './ids';
export { type LazyModule, lazyModule, whenSettled } from './lazy';
export type {
  CallOutcome,
  CallPhase,
  CallSwitchRequest,
  IncomingCaller,
  IncomingRing,
  MissedCall,
  NotifyMode,
  OutcomeReason,
  OutgoingRing,
  RingingMember,
  RingStatus,
  StartCallOptions,
  StartCallOutcome,
} from './lifecycle/types';
export type { LiveEntry, LiveStatus } from './liveEntry';
export * from './machine';
export * from './provider';
export * from './session';
export * from './store';
export * from './types';
