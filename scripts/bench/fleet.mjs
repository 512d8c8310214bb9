// The fleet on Redis (@unirec/redis), part (f) of `pnpm bench`; also runs on its own:
//   node scripts/bench/fleet.mjs [--quick]
//   (f1) the Redis coordinator's overhead per request: scripts/bench/redis.mjs, run as it is
//        (acquire and claim against a no-op baseline, loopback; target ≤ 1 ms p50)
//   (f2) 4 app server processes, one Redis coordinator each, one Agora App ID, against the simulator
//        (rate limits on): requests per second at the vendor / the vendor's 10/s, rate-limit answers,
//        busiest one-second window, acquire → start gap
// Starts its own throwaway redis-server (loopback, free port, no persistence) the way redis.mjs does;
// skipped with a note when redis-server is missing (scripts/ensure-redis.sh installs it).
// The worker processes are this file again, forked with --fleet-worker.
import { execFileSync, fork, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAgoraProvider } from '../../packages/agora/dist/index.js';
import { createRedisCoordinator } from '../../packages/redis/dist/index.js';
import { startSimulator } from '../../packages/simulator/dist/index.js';
import { fmt, neutralRequest, percentile } from './lib.mjs';
import { startThrowawayRedis } from '../lib/throwaway-redis.mjs';

const PROCESSES = 4;
const AGORA_LIMIT = 10; // requests per second per App ID (Agora; the simulator enforces it)
const SELF = fileURLToPath(import.meta.url);

export async function fleetBench({ quick = false } = {}) {
  console.log('(f) fleet on Redis (@unirec/redis)');
  if (!hasRedisServer()) {
    console.log('    skipped: redis-server not found (scripts/ensure-redis.sh installs it)');
    return;
  }
  console.log('    (f1) coordinator overhead per request (scripts/bench/redis.mjs):');
  await relay(join(SELF, '..', 'redis.mjs'), quick ? ['--quick'] : [], '         ');
  await throughput(quick ? 10 : 30);
}

function hasRedisServer() {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Runs a node script and prints its output indented. */
function relay(script, args, indent) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) console.log(`${indent}${line.trimStart()}`);
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${script} exited with ${code}`)),
    );
  });
}

async function throughput(startsPerProcess) {
  const redis = await startThrowawayRedis();
  const sim = await startSimulator(); // rate limits on, as at the vendor
  const workers = [];
  try {
    const config = {
      url: redis.url,
      prefix: `bench-fleet-${process.pid}`,
      simUrl: sim.url,
      agora: sim.credentials.agora,
    };
    for (let i = 0; i < PROCESSES; i++) workers.push(forkWorker(config));
    await Promise.all(workers.map((w) => w.ready));
    sim.clearRequests();
    const outcomes = await Promise.all(
      workers.map((w, i) =>
        w.run(Array.from({ length: startsPerProcess }, (_, j) => `bench-fleet-${i}-${j}`)),
      ),
    );
    const log = sim.requests.filter((r) => r.vendor === 'agora');
    const times = log.map((r) => r.at).sort((a, b) => a - b);
    const seconds = (times.at(-1) - times[0]) / 1000;
    const perSecond = (times.length - 1) / seconds;
    const started = outcomes.reduce((n, o) => n + o.started, 0);
    const failed = outcomes.flatMap((o) => o.failed);
    console.log(
      `    (f2) ${PROCESSES} processes × ${startsPerProcess} Agora starts, one App ID, one Redis coordinator each (default budget: 95 % of 10/s)`,
    );
    console.log(
      `         vendor saw ${times.length} requests in ${seconds.toFixed(1)} s: ${perSecond.toFixed(2)} req/s = ` +
        `${(perSecond / AGORA_LIMIT).toFixed(3)} of the ${AGORA_LIMIT}/s limit (target ≥ 0.9)`,
    );
    console.log(
      `         rate-limit answers ${log.filter((r) => r.status === 429).length} (target 0), busiest 1 s window ` +
        `${busiestWindow(times, 1_000)} (limit ${AGORA_LIMIT}), started ${started}, failed ${failed.length}` +
        (failed.length > 0 ? ` (${[...new Set(failed)].join(', ')})` : ''),
    );
    const gaps = acquireToStartGaps(log);
    console.log(
      `         acquire → start gap across processes: p50 ${fmt(percentile(gaps, 50))}, p99 ${fmt(percentile(gaps, 99))}, ` +
        `max ${fmt(Math.max(...gaps))} (Agora's window: 2000 ms)`,
    );
  } finally {
    for (const w of workers) w.kill();
    // never leave a server behind, whatever failed
    await Promise.allSettled([sim.close(), redis.stop()]);
  }
}

function acquireToStartGaps(log) {
  const acquiredAt = new Map();
  const gaps = [];
  for (const r of log) {
    if (r.operation === 'acquire' && r.response?.resourceId) acquiredAt.set(r.response.resourceId, r.at);
    if (r.operation === 'start') {
      const resourceId = /resourceid\/([^/]+)/.exec(r.path)?.[1];
      if (resourceId && acquiredAt.has(resourceId)) gaps.push(r.at - acquiredAt.get(resourceId));
    }
  }
  return gaps;
}

function busiestWindow(sorted, windowMs) {
  let most = 0;
  let end = 0;
  for (let start = 0; start < sorted.length; start++) {
    while (end < sorted.length && sorted[end] < sorted[start] + windowMs) end++;
    most = Math.max(most, end - start);
  }
  return most;
}

function forkWorker(config) {
  const child = fork(SELF, ['--fleet-worker'], {
    env: { ...process.env, UNIREC_BENCH_FLEET: JSON.stringify(config) },
  });
  const exited = new Promise((_, reject) =>
    child.once('exit', (code, signal) => reject(new Error(`fleet worker exited (${signal ?? code})`))),
  );
  exited.catch(() => {});
  const next = () => Promise.race([new Promise((resolve) => child.once('message', resolve)), exited]);
  return {
    ready: next(),
    run: (rooms) => {
      const answer = next();
      child.send({ rooms });
      return answer;
    },
    kill: () => child.kill('SIGKILL'),
  };
}

/** One app server: one Redis coordinator, one Agora provider on it, starts what it is told to. */
async function worker() {
  const { env } = process;
  const config = JSON.parse(env.UNIREC_BENCH_FLEET);
  const coordinator = createRedisCoordinator({ url: config.url }, { prefix: config.prefix });
  // no retries, as in (b): a rate-limit answer shows up as a failure instead of being absorbed
  const agora = createAgoraProvider({ ...config.agora, baseUrl: config.simUrl, coordinator, maxRetries: 0 });
  process.once('message', async ({ rooms }) => {
    const results = await Promise.allSettled(rooms.map((room) => agora.start(neutralRequest(room))));
    process.send({
      started: results.filter((r) => r.status === 'fulfilled').length,
      failed: results.filter((r) => r.status === 'rejected').map((r) => r.reason?.kind ?? 'unknown'),
    });
  });
  // connect (and load the scripts) before saying ready, so no process starts late
  await coordinator.acquire(`warm-up:${process.pid}`, { requestsPerSecond: 1_000 });
  process.send({ ready: true });
}

if (process.argv.includes('--fleet-worker')) {
  await worker();
} else if (process.argv[1] === SELF) {
  const quick = process.argv.includes('--quick');
  console.log(`unirec fleet benchmark (${quick ? 'quick' : 'full'}), node ${process.version}`);
  await fleetBench({ quick });
}
