/** Call-room strings (English keys → English). Filled by the room UI. */
export const roomEn: Record<string, string> = {};
