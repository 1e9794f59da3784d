import type { CallLiveState } from './types';

/** Whether a call's live state is not asked for yet, on its way, here, or failed to load. */
export type LiveStatus = 'idle' | 'loading' | 'ready' | 'error';

/** What the kit knows of one call's live state (or of one of its past sessions). */
export interface LiveEntry {
  /** How the fetch stands. */
  status: LiveStatus;
  /** The live state, once it has arrived (kept while a newer one loads). */
  live?: CallLiveState;
}

export const IDLE: LiveEntry = { status: 'idle' };
export const LOADING: LiveEntry = { status: 'loading' };
