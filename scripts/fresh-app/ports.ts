/** The fresh-app test's loopback ports (4610–4699 belong to it; E2E ports stay free). */
export const DEV_SERVER_PORT = Number(process.env.FRESH_APP_DEV_SERVER_PORT ?? 4610);
export const APP_PORT = Number(process.env.FRESH_APP_PORT ?? 4611);
export const DEV_SERVER_URL = `http://127.0.0.1:${DEV_SERVER_PORT}`;
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
