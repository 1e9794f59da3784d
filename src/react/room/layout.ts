import type { RoomState } from '../../core/provider';

/** The user's pick between the two group layouts (the room's grid / speaker switch). */
export type CallLayout = 'grid' | 'speaker';

/**
 * What the call's stage shows, decided from the room and the user's pick:
 * - `audio`: an audio call — large avatars with a speaking ring, names and mute state;
 * - `screen-share`: someone presents — their screen takes the stage, people in a strip;
 * - `waiting`: the user is alone — their own tile and "Waiting for others to join";
 * - `one-on-one`: a video call of two — the other person large, the user small in a corner;
 * - `grid` / `speaker`: a group video call, as the user picked.
 */
export type CallLayoutKind = 'audio' | 'screen-share' | 'waiting' | 'one-on-one' | CallLayout;

/** What the stage depends on. */
export interface CallLayoutInput {
  /** People in the room, the user included. */
  participants: number;
  /** Someone (the user included) shares a screen. */
  screenShare: boolean;
  /** The call is an audio call. */
  audio: boolean;
}

/**
 * The stage for `input` and the user's `choice`: a screen share takes the stage in every call,
 * then audio calls, being alone and a call of two have their own layouts; only a group video call
 * follows the choice.
 */
export function resolveCallLayout(input: CallLayoutInput, choice: CallLayout): CallLayoutKind {
  if (input.screenShare) return 'screen-share';
  if (input.audio) return 'audio';
  if (input.participants <= 1) return 'waiting';
  if (input.participants === 2) return 'one-on-one';
  return choice;
}

/** Whether anyone in the room shares a screen that can be shown. */
export function selectScreenShare(s: RoomState): boolean {
  return s.order.some((id) => {
    const p = s.participants[id];
    return Boolean(p?.screenShareEnabled && p.screenTrack);
  });
}
