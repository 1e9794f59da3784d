/** Starts the 100ms REST double for the run; Playwright calls the returned function at the end. */
import { FAKE_HMS, HMS_DOUBLE_PORT } from './env';
import { startHmsDouble } from './hms-double';

export default async function globalSetup() {
  const double = await startHmsDouble({
    port: HMS_DOUBLE_PORT,
    accessKey: FAKE_HMS.HMS_APP_ACCESS_KEY,
    secret: FAKE_HMS.HMS_APP_SECRET,
  });
  return () => double.close();
}
