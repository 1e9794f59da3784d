/**
 * Vitest globalSetup for the browser project: a REAL dev server (chat API + call service + local
 * signaling) on 127.0.0.1 and a free port, for the whole run. Tests read its address with
 * `inject('devServerURL')`, mint user tokens with its `/dev/token` and create calls through the
 * call API, as the app does.
 */
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    devServerURL: string;
    devServerApiKey: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { startDevServer } = await import('../../dev-server/server');
  const server = await startDevServer({
    port: 0,
    host: '127.0.0.1',
    databasePath: ':memory:',
    // The local provider, whatever the developer's shell says.
    env: { ...process.env, CALL_PROVIDER: 'local' },
  });
  project.provide('devServerURL', server.url);
  project.provide('devServerApiKey', server.apiKey);
  return () => server.close();
}
