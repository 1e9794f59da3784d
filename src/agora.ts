/** `stream-chat-calls/agora`: the Agora provider factory (the SDK loads only when a user joins). */
export * from './providers/agora';
export { AgoraCallRoom } from './react/room/ProviderRooms';
