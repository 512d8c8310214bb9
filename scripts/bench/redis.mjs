// Overhead of the Redis coordinator per call, over loopback, against a no-op baseline measured the
// same way in the same process. Starts its own throwaway redis-server (loopback, free port, no
// persistence); needs `scripts/ensure-redis.sh` and a build of @unirec/core and @unirec/redis.
//   acquire: an unlimited budget (1e6 requests/s, so no call ever waits for its slot): pure round trip
//   claim:   a new key each call (SET NX PX)
// Usage: node scripts/bench/redis.mjs [--quick]
import { createRequire } from 'node:module';
import { createMemoryCoordinator } from '../../packages/core/dist/index.js';
import { createRedisCoordinator } from '../../packages/redis/dist/index.js';
import { percentile } from './lib.mjs';
import { startThrowawayRedis } from '../lib/throwaway-redis.mjs';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 1_000 : 5_000;
const WARM_UP = 300;

/** A throwaway server, and a bare ioredis client to time PING against (the baseline). */
async function startRedis() {
  const server = await startThrowawayRedis();
  const { Redis } = createRequire(new URL('../../packages/redis/package.json', import.meta.url))('ioredis');
  const probe = new Redis(server.url, { maxRetriesPerRequest: 1 });
  probe.on('error', () => {});
  await probe.ping();
  return {
    url: server.url,
    probe,
    stop: async () => {
      await probe.quit();
      await server.stop();
    },
  };
}

/** ms per call: `runs` sequential awaited calls after a warm-up. */
async function time(call, runs = RUNS) {
  for (let i = 0; i < WARM_UP; i++) await call(i);
  const samples = new Array(runs);
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await call(WARM_UP + i);
    samples[i] = performance.now() - t0;
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

const f3 = (ms) => `${ms.toFixed(3)} ms`;
const row = (name, r, base) =>
  `    ${name.padEnd(34)} p50 ${f3(r.p50).padStart(10)}  p95 ${f3(r.p95).padStart(10)}` +
  (base
    ? `   overhead p50 ${f3(r.p50 - base.p50).padStart(10)}  p95 ${f3(r.p95 - base.p95).padStart(10)}`
    : '');

const redis = await startRedis();
try {
  const coordinator = createRedisCoordinator({ url: redis.url }, { prefix: `bench-${process.pid}` });
  const memory = createMemoryCoordinator();
  const unlimited = { requestsPerSecond: 1_000_000 };
  const noop = async () => {};

  const baseline = await time(noop);
  const ping = await time(() => redis.probe.ping());
  const memoryAcquire = await time(() => memory.acquire('bench', unlimited));
  const redisAcquire = await time(() => coordinator.acquire('bench', unlimited));
  const memoryClaim = await time((i) => memory.claim(`claim-${i}`, 60_000));
  const redisClaim = await time((i) => coordinator.claim(`claim-${i}`, 60_000));

  console.log(
    `Redis coordinator overhead per call, loopback, ${RUNS} sequential calls each (after ${WARM_UP} warm-up)`,
  );
  console.log(row('no-op async call (baseline)', baseline));
  console.log(row('bare ioredis PING (one round trip)', ping, baseline));
  console.log(row('memory coordinator acquire', memoryAcquire, baseline));
  console.log(row('redis coordinator acquire', redisAcquire, baseline));
  console.log(row('memory coordinator claim', memoryClaim, baseline));
  console.log(row('redis coordinator claim', redisClaim, baseline));
  const target = 1;
  const worst = Math.max(redisAcquire.p50 - baseline.p50, redisClaim.p50 - baseline.p50);
  console.log(
    `    target: ≤ ${target} ms p50 overhead → ${worst <= target ? 'met' : 'NOT met'} (${f3(worst)})`,
  );
  await coordinator.close();
  await memory.close();
} finally {
  await redis.stop();
}
