/**
 * Vitest global setup of the node project: one throwaway PostgreSQL cluster for the run (test
 * files each create their own database on it), stopped afterwards even when tests fail.
 */
import type { TestProject } from 'vitest/node';
import { startPostgres } from '../scripts/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The cluster's admin URL (`postgres` database); see packages/server/test/postgres.ts. */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startPostgres();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
