/** Call-room strings in Spanish. Filled by the room UI. */
export const roomEs: Record<string, string> = {};
