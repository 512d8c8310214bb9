// A fleet of app servers sharing one Redis coordinator, against the unirec simulator (the vendors'
// APIs on loopback, rate limits on as at the vendor). Prints what the vendor saw:
//   1. the rate budget: N processes start recordings on ONE Agora App ID at once
//   2. idempotent starts: every process starts the same room with the same idempotencyKey at once
//   3. a crash: a process starts ZEGO recordings and is killed; another one reaps them
// Usage (repository root, after `pnpm install && pnpm build`):
//   node examples/fleet/fleet.mjs
//   REDIS_URL=redis://127.0.0.1:6379 FLEET_WORKERS=6 STARTS_PER_WORKER=5 node examples/fleet/fleet.mjs
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startThrowawayRedis } from '../../scripts/lib/throwaway-redis.mjs';
import { createRedisCoordinator, startSimulator } from './unirec.mjs';

// Read once here (not a build input: nothing for turbo to track).
const env = process.env;
const WORKERS = integerFromEnv('FLEET_WORKERS', 4, 2, 16);
const STARTS_PER_WORKER = integerFromEnv('STARTS_PER_WORKER', 10, 1, 100);
const AGORA_LIMIT = 10; // requests per second per App ID (Agora; the simulator enforces it)
const run = randomBytes(3).toString('hex');
const prefix = `unirec-example-${run}`;

function integerFromEnv(name, fallback, min, max) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`${name} must be an integer in [${min}, ${max}], got '${raw}'`);
    process.exit(1);
  }
  return value;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A recording request every vendor takes (the simulator checks it as strictly as the vendor). */
function recording(room, extra = {}) {
  return {
    room,
    mode: 'composite',
    participants: { include: ['1001', '1002'] },
    layout: { preset: 'grid' },
    storage: { vendor: 'aliyun-oss', region: 'cn-hangzhou', bucket: 'rec', accessKey: 'ak', secretKey: 'sk' },
    ...extra,
  };
}

/** The most timestamps inside any window of `windowMs` (sorted input). */
function busiestWindow(sorted, windowMs) {
  let most = 0;
  let end = 0;
  for (let start = 0; start < sorted.length; start++) {
    while (end < sorted.length && sorted[end] < sorted[start] + windowMs) end++;
    most = Math.max(most, end - start);
  }
  return most;
}

/** Forks one app server; `call(job)` resolves with its answer. */
function startWorker(config) {
  const child = fork(fileURLToPath(new URL('./worker.mjs', import.meta.url)), {
    env: { ...env, UNIREC_FLEET_EXAMPLE: JSON.stringify(config) },
  });
  const pending = new Map();
  let seq = 0;
  child.on('error', () => {}); // a send racing the worker's exit: the exit handler below reports it
  const ready = new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => {
      const error = new Error(`worker ${child.pid} exited (${signal ?? code})`);
      reject(error);
      for (const { reject: fail } of pending.values()) fail(error);
    });
    child.on('message', (message) => {
      if (message.ready) return resolve();
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(`${message.error.kind}: ${message.error.message}`));
      else waiter?.resolve(message.result);
    });
  });
  ready.catch(() => {});
  return {
    pid: child.pid,
    ready,
    kill: () => child.kill('SIGKILL'),
    exited: new Promise((resolve) => child.once('exit', resolve)),
    call: (job) =>
      new Promise((resolve, reject) => {
        if (!child.connected) return reject(new Error(`worker ${child.pid} is gone`));
        const id = ++seq;
        pending.set(id, { resolve, reject });
        child.send({ ...job, id });
      }),
  };
}

async function registeredHandles(coordinator) {
  const handles = [];
  for await (const session of coordinator.sessions.list()) handles.push(session.handle);
  return handles;
}

/** Waits until the registry holds all of `handles` (present) or none of them (!present). */
async function waitForRegistry(handles, present) {
  // providers update the registry right after a start or stop returns, without making it wait
  const deadline = Date.now() + 5_000;
  for (;;) {
    const registered = new Set(await registeredHandles(ops));
    if (handles.every((h) => registered.has(h) === present)) return;
    if (Date.now() > deadline) throw new Error('the registry did not catch up within 5 s');
    await sleep(20);
  }
}

const redis = env.REDIS_URL
  ? { url: env.REDIS_URL, where: 'REDIS_URL', stop: async () => {} }
  : await startThrowawayRedis();
const vendor = await startSimulator(); // the vendors' published rate limits, as at the vendor
const workers = [];
// The operator's view of the shared state (the same Redis and prefix as the app servers).
const ops = createRedisCoordinator({ url: redis.url }, { prefix });
let cleaning;
const cleanUp = () => {
  cleaning ??= (async () => {
    // step by step, each on its own: one that fails must not leave Redis or the simulator running
    const steps = [
      () => Promise.race([Promise.allSettled(workers.map((w) => w.call({ kind: 'exit' }))), sleep(2_000)]),
      async () => {
        for (const w of workers) w.kill();
      },
      () => ops.close(),
      () => vendor.close(),
      () => redis.stop(),
    ];
    for (const step of steps) await step().catch((error) => console.error(`clean-up: ${error.message}`));
  })();
  return cleaning;
};
process.once('SIGINT', () => cleanUp().then(() => process.exit(130)));

try {
  const config = {
    redisUrl: redis.url,
    prefix,
    vendorUrl: vendor.url,
    agora: vendor.credentials.agora,
    zego: vendor.credentials.zego,
  };
  for (let i = 0; i < WORKERS; i++) workers.push(startWorker(config));
  await Promise.all(workers.map((w) => w.ready));
  console.log(
    `${WORKERS} app servers (pids ${workers.map((w) => w.pid).join(', ')}), one coordinator each on`,
  );
  console.log(`${redis.where}, key prefix '${prefix}'; vendor: the simulator at ${vendor.url}\n`);

  // 1. The rate budget: every process starts at once, on one App ID.
  const total = WORKERS * STARTS_PER_WORKER;
  console.log(`1. rate budget: ${WORKERS} processes × ${STARTS_PER_WORKER} Agora starts at once, one App ID`);
  vendor.clearRequests();
  const started = await Promise.all(
    workers.map((w, i) =>
      w.call({
        kind: 'start',
        vendor: 'agora',
        requests: Array.from({ length: STARTS_PER_WORKER }, (_, j) => recording(`budget-${run}-${i}-${j}`)),
      }),
    ),
  );
  const log = vendor.requests.filter((r) => r.vendor === 'agora');
  const times = log.map((r) => r.at).sort((a, b) => a - b);
  const seconds = (times.at(-1) - times[0]) / 1000;
  const perSecond = (times.length - 1) / seconds;
  const failedStarts = started.flat().filter((s) => s.error);
  console.log(
    `   the vendor saw ${times.length} requests (acquire + start each) in ${seconds.toFixed(1)} s: ` +
      `${perSecond.toFixed(2)} req/s = ${(perSecond / AGORA_LIMIT).toFixed(2)} of Agora's ${AGORA_LIMIT}/s`,
  );
  console.log(
    `   busiest second ${busiestWindow(times, 1_000)} requests; rate-limit answers ${log.filter((r) => r.status === 429).length}; ` +
      `recordings started ${total - failedStarts.length} of ${total}`,
  );
  for (const failure of failedStarts)
    console.log(`   start failed: ${failure.room}: ${failure.error.message}`);
  const handles = started.flat().flatMap((s) => (s.handle ? [s.handle] : []));
  await waitForRegistry(handles, true);
  console.log(`   registry: ${(await registeredHandles(ops)).length} running sessions`);
  const stopped = await Promise.all(
    workers.map((w, i) =>
      w.call({
        kind: 'stop',
        vendor: 'agora',
        handles: started[i].filter((s) => s.handle).map((s) => s.handle),
      }),
    ),
  );
  await waitForRegistry(handles, false);
  console.log(
    `   each process stopped its own (${stopped.flat().filter((s) => !s.error).length} stopped); ` +
      `registry: ${(await registeredHandles(ops)).length}, still recording at the vendor: ${vendor.activeRecordings().length}\n`,
  );

  // 2. Idempotent starts: the same room and key from every process at the same moment.
  console.log(
    `2. idempotent starts: all ${WORKERS} processes start the same room with the same idempotencyKey`,
  );
  for (const meeting of ['standup', 'review', 'retro']) {
    const room = `${meeting}-${run}`;
    const request = recording(room, { idempotencyKey: `${meeting}-2026-12-01` });
    const answers = (
      await Promise.all(workers.map((w) => w.call({ kind: 'start', vendor: 'agora', requests: [request] })))
    ).flat();
    const vendorStarts = vendor.requests.filter(
      (r) => r.operation === 'start' && r.body?.cname === room,
    ).length;
    const handles = new Set(answers.map((a) => a.handle ?? `error: ${a.error.message}`));
    console.log(
      `   ${room.padEnd(16)} callers ${answers.length}, vendor starts ${vendorStarts}, distinct sessions ${handles.size}`,
    );
    await workers[0].call({
      kind: 'stop',
      vendor: 'agora',
      handles: [...handles].filter((h) => !h.startsWith('error')),
    });
  }
  console.log('');

  // 3. A crash: sessions of a killed process are stopped by another one, once past their deadline.
  const victim = workers.shift();
  console.log(
    `3. a crash: process ${victim.pid} starts 3 ZEGO recordings (output.maxDurationSec 300), then is killed`,
  );
  const crashed = await victim.call({
    kind: 'start',
    vendor: 'zego',
    requests: [1, 2, 3].map((i) => recording(`crash-${run}-${i}`, { output: { maxDurationSec: 300 } })),
  });
  const theirs = crashed.filter((s) => s.handle).map((s) => s.handle);
  await waitForRegistry(theirs, true);
  victim.kill();
  await victim.exited;
  console.log(
    `   killed (SIGKILL); recording at the vendor: ${vendor.activeRecordings('zego').length}, in the registry: ${theirs.length}`,
  );
  // ZEGO's shortest MaxRecordTime is 300 s: instead of waiting 5 minutes, reap as of 301 s from now.
  const reaper = workers[0];
  const reaped = await reaper.call({ kind: 'reap', nowMs: Date.now() + 301_000 });
  console.log(
    `   process ${reaper.pid} ran reapExpiredSessions (now + 301 s): stopped ${reaped.stopped.length} ` +
      `(${reaped.stopped.map((s) => s.room).join(', ')}), failed ${reaped.failed.length}`,
  );
  console.log(
    `   recording at the vendor: ${vendor.activeRecordings().length}; registry: ${(await registeredHandles(ops)).length} sessions`,
  );
  if (env.REDIS_URL) {
    console.log(
      `\nLeft in your Redis under '${prefix}': the idempotent starts' results (they expire after 24 h).`,
    );
  }
} finally {
  await cleanUp();
}
