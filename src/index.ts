/**
 * stream-chat-calls: drop-in in-chat calling for stream-chat-react apps.
 * Core (plain TS: call API, attachment schema, session state) and the React kit.
 * Provider factories live in `stream-chat-calls/agora`, `/hms` and `/local`.
 */

export type { CallAttachment as CallAttachmentData } from './core';
export * from './core';
export * from './react';
// Both layers name a `CallAttachment`: the package's is the React component (core's interface is
// the attachment's shape, also exported as `CallAttachmentData`).
export { CallAttachment } from './react';
