import type { CallLiveState } from './types';

export type LiveStatus = 'idle' | 'loading' | 'ready' | 'error';

/** What the kit knows of one call's live state (or of one of its past sessions). */
export interface LiveEntry {
  status: LiveStatus;
  live?: CallLiveState;
}

export const IDLE: LiveEntry = { status: 'idle' };
export const LOADING: LiveEntry = { status: 'loading' };
