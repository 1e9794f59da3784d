/// <reference types="vite/client" />

/** Set by demo/vite.config.ts: the dev server's URL (its PORT) when VITE_STREAM_BASE_URL is unset. */
declare const __DEMO_DEFAULT_BASE_URL__: string;

interface ImportMetaEnv {
  /** Stream API key (default `dev`, the dev server's). */
  readonly VITE_STREAM_API_KEY?: string;
  /** Stream API base URL (default: the dev server, http://127.0.0.1:4100). */
  readonly VITE_STREAM_BASE_URL?: string;
  /** A deployed stream-chat-calls call service; unset = the contract at the Stream base URL. */
  readonly VITE_CALLS_BASE_URL?: string;
  /** Your backend that returns a user token: GET `<url>?user_id=<id>` → `{ token, user? }`. */
  readonly VITE_TOKEN_URL?: string;
  /** Comma list of providers to register: `local,agora,hms` (default all three). */
  readonly VITE_CALL_PROVIDERS?: string;
  /** Comma list of user ids offered on the sign-in screen (default the dev server's four). */
  readonly VITE_DEMO_USERS?: string;
}
