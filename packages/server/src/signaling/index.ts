/** The local provider's signaling WebSocket server. */
export * from './frames';
export * from './limits';
export * from './server';
