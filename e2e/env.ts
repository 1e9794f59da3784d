/**
 * Fixed ports and fake provider credentials for the e2e run. The dev server is started by
 * Playwright's webServer with these values; nothing here is a real credential.
 */
export const DEV_SERVER_PORT = Number(process.env.E2E_DEV_SERVER_PORT ?? 4110);
/** Not 5173, so a developer's own `npm start` is never mistaken for the e2e server. */
export const DEMO_PORT = Number(process.env.E2E_DEMO_PORT ?? 5183);
export const HMS_DOUBLE_PORT = Number(process.env.E2E_HMS_DOUBLE_PORT ?? 4199);

export const DEV_SERVER_URL = `http://127.0.0.1:${DEV_SERVER_PORT}`;
export const DEMO_URL = `http://127.0.0.1:${DEMO_PORT}`;
export const HMS_DOUBLE_URL = `http://127.0.0.1:${HMS_DOUBLE_PORT}`;

/** 32 hex characters each, as Agora issues them: enough for agora-token to mint offline. */
export const FAKE_AGORA = {
  AGORA_APP_ID: '0123456789abcdef0123456789abcdef',
  AGORA_APP_CERTIFICATE: 'fedcba9876543210fedcba9876543210',
};

export const FAKE_HMS = {
  HMS_APP_ACCESS_KEY: '65a1b2c3d4e5f60718293a4b',
  HMS_APP_SECRET: 'e2e-fake-hms-secret-0123456789abcdef0123456789abcdef',
  HMS_TEMPLATE_ID: '65a1b2c3d4e5f60718293a4c',
  HMS_API_BASE: `${HMS_DOUBLE_URL}/v2`,
};
