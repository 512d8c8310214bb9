/**
 * The tests' throwaway redis-server is the project's one (scripts/lib/throwaway-redis.mjs, also used by
 * the fleet example and the benchmarks): loopback, a free port, no persistence, its own temp directory.
 */
export {
  freePort,
  rawCommand,
  startThrowawayRedis as startRedisServer,
  type ThrowawayRedis as TestRedisServer,
  type ThrowawayRedisOptions as TestRedisServerOptions,
} from '../../../scripts/lib/throwaway-redis.mjs';
