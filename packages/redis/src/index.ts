/**
 * The unirec Coordinator on Redis: rate budgets, idempotent starts, webhook de-duplication and the
 * registry of running recordings, shared by a fleet of app servers.
 *
 * @module @unirec/redis
 */
export { createRedisCoordinator } from './redis-coordinator.js';
export type { RedisConnectionInput, RedisCoordinatorOptions } from './redis-config.js';
export type { RedisClientLike } from './redis-connection.js';
