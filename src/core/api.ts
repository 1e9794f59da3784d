/**
 * The call contract as the kit speaks it: the CallApi shapes, the readers of its answers, and the
 * two clients (`streamCallApi`, `callServiceApi`), whose request code loads with the first request.
 */
export type {
  CallApi,
  CallServiceApiOptions,
  EndCallOptions,
  ParticipationAction,
  RequestOptions,
  SessionRequestOptions,
  StreamClientLike,
} from './apiTypes';
// The factories live in their own module: a chat page builds its API client up front, and needs
// none of the request code (./http) until the first request.
export { callServiceApi, DEFAULT_API_TIMEOUT_MS, streamCallApi } from './callApi';
export { readCallLiveState, readSession } from './readLiveState';
