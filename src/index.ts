/**
 * stream-chat-calls: drop-in in-chat calling for stream-chat-react apps.
 * Core (plain TS: call API, attachment schema, session state) and the React kit.
 * Provider factories live in `stream-chat-calls/agora`, `/hms` and `/local`.
 */
export * from './core';
export * from './react';
