/**
 * The kit's chat-side strings: English sentences are the keys (stream-chat-react's convention).
 * Plurals use i18next's `_one` / `_other` suffixes.
 */
export const en = {
  Accept: 'Accept',
  'Audio call': 'Audio call',
  'Audio call in progress': 'Audio call in progress',
  Decline: 'Decline',
  Dismiss: 'Dismiss',
  Ended: 'Ended',
  'Ended · {{ duration }}': 'Ended · {{ duration }}',
  'Incoming audio call': 'Incoming audio call',
  'Incoming video call': 'Incoming video call',
  Join: 'Join',
  'Joining…': 'Joining…',
  'Missed call from {{ name }}': 'Missed call from {{ name }}',
  Ongoing: 'Ongoing',
  Retry: 'Retry',
  'Start audio call': 'Start audio call',
  'Start video call': 'Start video call',
  'Started by {{ name }}': 'Started by {{ name }}',
  "This call can't be joined": "This call can't be joined",
  'Video call': 'Video call',
  'Video call in progress': 'Video call in progress',
  'You are in this call': 'You are in this call',
  "You can't start a call in this channel": "You can't start a call in this channel",
  '{{ count }} in the call_one': '{{ count }} in the call',
  '{{ count }} in the call_other': '{{ count }} in the call',
  '{{ hours }} h {{ minutes }} min': '{{ hours }} h {{ minutes }} min',
  '{{ kind }} in {{ channel }}': '{{ kind }} in {{ channel }}',
  '{{ minutes }} min {{ seconds }} s': '{{ minutes }} min {{ seconds }} s',
  '{{ name }} is calling': '{{ name }} is calling',
  '{{ seconds }} s': '{{ seconds }} s',
  // The call's lifecycle: outgoing, no answer, call waiting, switching, the card's outcomes.
  'Ringing…': 'Ringing…',
  'In another call': 'In another call',
  Invited: 'Invited',
  'Call again': 'Call again',
  'Calling…': 'Calling…',
  'Calling {{ name }}…': 'Calling {{ name }}…',
  'No answer': 'No answer',
  '{{ name }} declined': '{{ name }} declined',
  '{{ name }} is in another call': '{{ name }} is in another call',
  'Missed call': 'Missed call',
  Declined: 'Declined',
  Busy: 'Busy',
  Cancelled: 'Cancelled',
  'Starting…': 'Starting…',
  'Ending…': 'Ending…',
  'End and accept': 'End and accept',
  'Accepting ends your current call': 'Accepting ends your current call',
  'Leave the call in {{ channel }}?': 'Leave the call in {{ channel }}?',
  'Leave your current call?': 'Leave your current call?',
  'Starting a new call ends your part in the current one.':
    'Starting a new call ends your part in the current one.',
  'Joining another call ends your part in the current one.':
    'Joining another call ends your part in the current one.',
  'Stay in this call': 'Stay in this call',
  'Leave and start': 'Leave and start',
  'Leave and join': 'Leave and join',
  'You are in a call': 'You are in a call',
  'You are in a call in this channel': 'You are in a call in this channel',
  // Errors (core's defaultErrorMessage sentences).
  'The call request was not valid.': 'The call request was not valid.',
  'Your session has expired. Sign in again to join calls.':
    'Your session has expired. Sign in again to join calls.',
  'You are not a member of this channel.': 'You are not a member of this channel.',
  'This call no longer exists.': 'This call no longer exists.',
  'This call has ended.': 'This call has ended.',
  'This call id is already used in another channel.':
    'This call id is already used in another channel.',
  'Too many requests. Wait a moment and try again.':
    'Too many requests. Wait a moment and try again.',
  'The call service had a problem. Try again.': 'The call service had a problem. Try again.',
  'Could not reach the call service. Check your connection and try again.':
    'Could not reach the call service. Check your connection and try again.',
  'The call service did not answer in time. Try again.':
    'The call service did not answer in time. Try again.',
  'Could not get permission to join the call. Try again.':
    'Could not get permission to join the call. Try again.',
  "This call can't be joined.": "This call can't be joined.",
  "This app can't join calls of this kind.": "This app can't join calls of this kind.",
  "This app can't join this call: the {{ package }} package is not installed.":
    "This app can't join this call: the {{ package }} package is not installed.",
  'Could not connect to the call. Try again.': 'Could not connect to the call. Try again.',
  'Camera or microphone access was denied.': 'Camera or microphone access was denied.',
  'No camera or microphone was found.': 'No camera or microphone was found.',
  'Your camera or microphone is in use by another app.':
    'Your camera or microphone is in use by another app.',
  'The call lost its connection.': 'The call lost its connection.',
  'The call is not in a state that allows this.': 'The call is not in a state that allows this.',
  'The call was cancelled.': 'The call was cancelled.',
} satisfies Record<string, string>;
