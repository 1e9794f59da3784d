/** `stream-chat-calls/hms`: the 100ms provider factory (the SDK loads only when a user joins). */
export * from './providers/hms';
export { HmsCallRoom } from './react/room/ProviderRooms';
