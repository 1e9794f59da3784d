import type { Call, CallToken, ProviderName } from '../contract';

export interface TokenUser {
  id: string;
  name?: string;
  image?: string;
}

/** What the call service needs from a provider: a room for a new call, a token per member. */
export interface ServerProvider {
  readonly name: ProviderName;
  /**
   * Whether `createRoom` makes something remotely (a 100ms room): then one instance at a time
   * may create a call's room (a claim in the registry), so a call never gets two.
   */
  readonly createsRooms?: boolean;
  /** The provider-specific part of a new call (creating the room remotely when needed). */
  createRoom(callId: string): Promise<Pick<Call, 'agora' | 'hms' | 'local'>>;
  /** A token that admits this user to this call's room. */
  token(call: Call, user: TokenUser): Promise<CallToken>;
}

export const DEFAULT_TOKEN_TTL_SECONDS = 3600;
