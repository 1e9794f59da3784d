export { DEFAULT_POOL_SIZE, type PostgresRegistryOptions, postgresCallRegistry } from './postgres';
export { SCHEMA_VERSION, sqliteCallRegistry } from './sqlite';
export {
  type CallRegistry,
  type CallSummary,
  type Change,
  type JoinResult,
  MAX_ATTENDEES,
  type Person,
  type StoredCall,
  type TakeOut,
  toLiveState,
} from './types';
