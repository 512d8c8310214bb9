export { createRedisCoordinator } from './redis-coordinator.js';
export type { RedisConnectionInput, RedisCoordinatorOptions } from './redis-config.js';
export type { RedisClientLike } from './redis-connection.js';
