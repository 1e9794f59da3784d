import type { Call, CallToken, ProviderName } from '../contract';

/** The user a provider mints a token for (the request's verified Stream user). */
export interface TokenUser {
  /** Their chat user id. */
  id: string;
  /** Their display name, when known. */
  name?: string;
  /** Their avatar URL, when known. */
  image?: string;
}

/**
 * What the call service needs from a provider: a room for a new call, a token per member. The
 * built-in ones come from `providers`; an app adds its own (Daily, LiveKit, its SFU) with
 * `createCallService({ customProviders })`, beside a `CallProvider` of the same name in the kit.
 *
 * @example
 * const sfu: ServerProvider = {
 *   name: 'sfu',
 *   async createRoom(callId) {
 *     return { sfu: { room: callId } };
 *   },
 *   async token(call, user) {
 *     return { token: await mySfu.admit((call.sfu as { room: string }).room, user.id) };
 *   },
 * };
 */
export interface ServerProvider {
  /** Lower-case letters, digits, `_` and `-`, starting with a letter (not id, provider, type or session). */
  readonly name: ProviderName;
  /**
   * Whether `createRoom` makes something remotely (a 100ms room): then one instance at a time
   * may create a call's room (a claim in the registry), so a call never gets two.
   */
  readonly createsRooms?: boolean;
  /**
   * The provider's part of a new call, under its name (`{ sfu: { room } }`), creating the room
   * remotely when needed. It travels in messages: nothing secret.
   */
  createRoom(callId: string): Promise<Record<string, unknown>>;
  /** A token that admits this user to this call's room (only ever sent to that user). */
  token(call: Call, user: TokenUser): Promise<CallToken>;
}

export const DEFAULT_TOKEN_TTL_SECONDS = 3600;
