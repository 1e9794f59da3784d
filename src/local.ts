/** `stream-chat-calls/local`: plain WebRTC through the dev server's signaling, for offline work. */
export * from './providers/local';
export { LocalCallRoom } from './react/room/ProviderRooms';
