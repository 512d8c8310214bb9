import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import type { Coordinator } from '@unirec/core';
import { maxInAnyWindow } from '@unirec/conformance';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Simulator, startSimulator } from '../../simulator/dist/index.js';
import { createRedisCoordinator } from '../src/index.js';
import {
  type FleetWorker,
  type ProviderWorkerConfig,
  runTogether,
  spawnProviderWorker,
} from './fleet-helpers.js';

// A fleet of app servers recording through real providers: 4 node processes (plus short-lived ones
// that get killed) load the BUILT packages, each with ONE Redis coordinator shared by its Agora and
// ZEGO providers, all against one simulator with the vendors' rate limits on. What counts is what the
// simulator saw: its request log (time, status) and the recordings it still runs.

const AGORA_LIMIT = 10; // the simulator's (and Agora's) 10 requests/s per App ID
const LEASE_MS = 1_500;
const WEBHOOK_SECRET = 'ncs-secret-of-the-fleet-test';
const run = randomUUID().slice(0, 8);
let sim: Simulator;
let capture: Server;
let config: ProviderWorkerConfig;
/** the test's own view of the shared registry (same Redis, same prefix) */
let registry: Coordinator;
let pool: FleetWorker[] = [];
const extra: FleetWorker[] = [];
const deliveries: Array<{ body: Buffer; headers: IncomingHttpHeaders; room: unknown }> = [];

type Started = { room: string; handle: string; sessionId: string; at: number };
const linesOf = <T>(w: FleetWorker, id: string, field: string): T[] =>
  w.of(id).flatMap((l) => (field in l ? [l[field] as T] : []));
const startedBy = (ws: readonly FleetWorker[], ids: readonly string[]) =>
  ws.flatMap((w, i) => linesOf<Started>(w, ids[i]!, 'started'));
const failuresOf = (ws: readonly FleetWorker[], ids: readonly string[], field: string) =>
  ws.flatMap((w, i) => linesOf<unknown>(w, ids[i]!, field));
const agoraRequests = (room?: string) =>
  sim.requests.filter(
    (r) => r.vendor === 'agora' && (room === undefined || (r.body as { cname?: string })?.cname === room),
  );
const recording = (room: string, extraFields: Record<string, unknown> = {}) => ({
  room,
  mode: 'composite',
  participants: { include: ['1001', '1002'] },
  layout: { preset: 'grid' },
  storage: {
    vendor: 'aliyun-oss',
    region: 'cn-hangzhou',
    bucket: 'b',
    accessKey: 'ak-fleet',
    secretKey: 'sk-fleet',
  },
  ...extraFields,
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();

async function until<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function registered(): Promise<Map<string, { deadline?: Date; startedAt: Date }>> {
  const out = new Map<string, { deadline?: Date; startedAt: Date }>();
  for await (const s of registry.sessions.list()) out.set(s.handle, s);
  return out;
}

beforeAll(async () => {
  for (const pkg of ['agora', 'zego', 'core', 'simulator']) {
    if (!existsSync(fileURLToPath(new URL(`../../${pkg}/dist/index.js`, import.meta.url)))) {
      throw new Error(
        `@unirec/${pkg} is not built: run \`pnpm exec turbo run build --filter @unirec/redis... --filter unirec...\``,
      );
    }
  }
  // Stands in for the load balancer in front of the fleet: takes the simulator's NCS deliveries, so
  // the test can hand the very same bytes to several app servers at once.
  capture = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let room: unknown;
      try {
        room = (JSON.parse(body.toString('utf8')) as { payload?: { cname?: unknown } }).payload?.cname;
      } catch {
        room = undefined;
      }
      deliveries.push({ body, headers: req.headers, room });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => capture.listen(0, '127.0.0.1', r));
  const capturePort = (capture.address() as AddressInfo).port;
  sim = await startSimulator({
    // recording from the first moment: a short recording still sends its whole set of NCS events
    timings: { recordingMs: 0 },
    callbacks: { agora: { url: `http://127.0.0.1:${capturePort}/agora`, secret: WEBHOOK_SECRET } },
  });
  const prefix = `fleet-providers-${run}`;
  config = {
    redisUrl: inject('redisUrl'),
    prefix,
    leaseMs: LEASE_MS,
    simUrl: sim.url,
    agora: sim.credentials.agora,
    zego: sim.credentials.zego,
    webhookSecret: WEBHOOK_SECRET,
  };
  registry = createRedisCoordinator({ url: config.redisUrl }, { prefix });
  pool = Array.from({ length: 4 }, () => spawnProviderWorker(config));
  await Promise.all(pool.map((w) => w.ready));
}, 60_000);

afterAll(async () => {
  for (const w of pool) w.child.stdin?.end();
  const all = [...pool, ...extra];
  await Promise.race([Promise.all(all.map((w) => w.exited)), sleep(2_000)]);
  for (const w of all) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  await Promise.all(all.map((w) => w.exited));
  await registry?.close();
  await sim?.close();
  await new Promise<void>((r) => (capture ? capture.close(() => r()) : r()));
});

describe('a fleet of processes recording through providers on one Redis coordinator', () => {
  it('2 processes start with one idempotencyKey at the same moment: one vendor start, one session for both', async () => {
    const room = `idem-${run}`;
    const job = {
      kind: 'start',
      vendor: 'agora',
      requests: [recording(room, { idempotencyKey: `key-${run}` })],
    };
    const pair = pool.slice(0, 2);
    const ids = await runTogether(pair, [job, job]);
    expect(failuresOf(pair, ids, 'startFailed')).toEqual([]);
    const [a, b] = startedBy(pair, ids);
    expect(a!.handle).toBe(b!.handle);
    expect(agoraRequests(room).filter((r) => r.operation === 'acquire')).toHaveLength(1);
    expect(agoraRequests(room).filter((r) => r.operation === 'start')).toHaveLength(1);
    const running = sim.activeRecordings('agora');
    expect(running.map((s) => s.room)).toEqual([room]);
    expect(running[0]!.id).toBe(a!.sessionId);
    console.log(
      `idempotent starts: 2 processes, 1 key → ${agoraRequests(room).filter((r) => r.operation === 'start').length} vendor start`,
    );

    const stopId = pool[0]!.send({ kind: 'stop', vendor: 'agora', handles: [a!.handle] });
    await pool[0]!.waitFor((l) => l.id === stopId && l.done === true);
    expect(sim.activeRecordings()).toEqual([]);
  });

  it('a process killed (SIGKILL) inside an idempotent start holds the others back only until its lease expires', async () => {
    const holder = spawnProviderWorker(config);
    extra.push(holder);
    await holder.ready;
    const room = `kill-${run}`;
    const job = {
      kind: 'start',
      vendor: 'agora',
      requests: [recording(room, { idempotencyKey: `kill-key-${run}` })],
    };
    // the holder's Agora start reaches the vendor and gets no answer: it is inside coordinator.once
    sim.injectFault({ vendor: 'agora', operation: 'start', kind: 'hang' });
    holder.send(job);
    await until('the holder inside its start', () => sim.pendingFaults().length === 0);
    const others = pool.slice(0, 2);
    const waiting = others.map((w) => w.send(job));
    // the holder renews its lease meanwhile; then it crashes
    await sleep(LEASE_MS / 2);
    const killedAt = now();
    holder.child.kill('SIGKILL');
    await holder.exited;
    await Promise.all(others.map((w, i) => w.waitFor((l) => l.id === waiting[i] && l.done === true, 20_000)));
    expect(failuresOf(others, waiting, 'startFailed')).toEqual([]);
    const [a, b] = startedBy(others, waiting);
    expect(a!.handle).toBe(b!.handle);
    const waited = [a!.at - killedAt, b!.at - killedAt];
    console.log(
      `killed holder: the others got the session ${waited.map((ms) => `${Math.round(ms)} ms`).join(' / ')} after the kill (lease ${LEASE_MS} ms)`,
    );
    // the lease was renewed every lease / 3, so it outlived the holder by 2/3 to 1 lease
    for (const ms of waited) {
      expect(ms).toBeGreaterThanOrEqual(LEASE_MS / 2);
      expect(ms).toBeLessThanOrEqual(LEASE_MS + 2_000);
    }
    // the hung start never reached the recording service; the one that took over did, once
    const running = sim.activeRecordings('agora');
    expect(running.map((s) => s.id)).toEqual([a!.sessionId]);
    const stopId = pool[0]!.send({ kind: 'stop', vendor: 'agora', handles: [a!.handle] });
    await pool[0]!.waitFor((l) => l.id === stopId && l.done === true);
    expect(sim.activeRecordings()).toEqual([]);
  });

  it('each Agora webhook delivered to 3 processes at once: dedupeEvent is true in exactly one', async () => {
    // one recording, started and stopped: its NCS events (started, uploads, exit) arrive at the capture
    const room = `hook-${run}`;
    const startId = pool[3]!.send({ kind: 'start', vendor: 'agora', requests: [recording(room)] });
    const started = await pool[3]!.waitFor((l) => l.id === startId && 'started' in l);
    const stopId = pool[3]!.send({
      kind: 'stop',
      vendor: 'agora',
      handles: [(started.started as Started).handle],
    });
    await pool[3]!.waitFor((l) => l.id === stopId && l.done === true);
    const events = await until('NCS deliveries of one recording', () => {
      const of = deliveries.filter((d) => d.room === room);
      return of.length >= 3 ? of : undefined;
    });
    const trio = pool.slice(0, 3);
    const ports = trio.map((w) => w.lines.find((l) => l.ready === true)!.webhookPort as number);
    const fanOut = (d: (typeof events)[number]) =>
      Promise.all(
        ports.map((port) =>
          fetch(`http://127.0.0.1:${port}/webhooks/agora`, {
            method: 'POST',
            headers: Object.fromEntries(
              Object.entries(d.headers).filter(
                ([k]) => k === 'content-type' || k.startsWith('agora-signature'),
              ),
            ) as Record<string, string>,
            body: d.body,
          }).then((r) => r.status),
        ),
      );
    const seen = (eventId: string) =>
      trio.flatMap((w) =>
        w.lines.flatMap((l) => {
          const hook = l.webhook as { eventId?: string; first?: boolean } | undefined;
          return hook?.eventId === eventId ? [hook.first] : [];
        }),
      );
    const eventIds = events.map(
      (d) => (JSON.parse(d.body.toString('utf8')) as { noticeId: string }).noticeId,
    );
    expect(new Set(eventIds).size).toBe(events.length);
    // every delivery reaches the three at the same moment, one after another
    for (const d of events) expect(await fanOut(d)).toEqual([200, 200, 200]);
    for (const eventId of eventIds) {
      const answers = seen(eventId);
      expect(answers).toHaveLength(3);
      expect(answers.filter((first) => first === true)).toHaveLength(1);
    }
    // a later redelivery of the same event is a duplicate everywhere
    expect(await fanOut(events[0]!)).toEqual([200, 200, 200]);
    expect(seen(eventIds[0]!).filter((first) => first === true)).toHaveLength(1);
    expect(seen(eventIds[0]!)).toHaveLength(6);
    expect(trio.flatMap((w) => w.lines.filter((l) => 'webhookError' in l))).toEqual([]);
    console.log(
      `webhook dedupe: ${eventIds.length} events × 3 receivers → ${eventIds.length} true, ${eventIds.length * 2} false; redelivery → 0 true`,
    );
  });

  it('sessions of a killed process are stopped by reapExpiredSessions in another process', async () => {
    const victim = spawnProviderWorker(config);
    extra.push(victim);
    await victim.ready;
    // ZEGO takes a MaxRecordTime of at least 300 s
    const rooms = Array.from({ length: 6 }, (_, i) => `reap-${run}-${i}`);
    const startId = victim.send({
      kind: 'start',
      vendor: 'zego',
      requests: rooms.map((room) => recording(room, { output: { maxDurationSec: 300 } })),
    });
    await victim.waitFor((l) => l.id === startId && l.done === true);
    expect(linesOf(victim, startId, 'startFailed')).toEqual([]);
    const handles = linesOf<Started>(victim, startId, 'started').map((s) => s.handle);
    expect(handles).toHaveLength(6);
    const entries = await until('the victim sessions in the registry', async () => {
      const all = await registered();
      return handles.every((h) => all.has(h)) ? all : undefined;
    });
    for (const h of handles) {
      const { startedAt, deadline } = entries.get(h)!;
      expect(deadline!.getTime() - startedAt.getTime()).toBe(300_000);
    }
    victim.child.kill('SIGKILL');
    await victim.exited;
    expect(sim.activeRecordings('zego')).toHaveLength(6);

    // not due yet: nothing is stopped
    const early = pool[1]!.send({ kind: 'reap', nowMs: Date.now() + 200_000 });
    const none = await pool[1]!.waitFor((l) => l.id === early && 'reaped' in l);
    expect(none.reaped).toEqual({ stopped: [], failed: [] });
    expect(sim.activeRecordings('zego')).toHaveLength(6);

    const reapId = pool[1]!.send({ kind: 'reap', nowMs: Date.now() + 301_000 });
    const line = await pool[1]!.waitFor((l) => l.id === reapId && 'reaped' in l);
    const reaped = line.reaped as { stopped: Array<{ handle: string }>; failed: unknown[] };
    expect(reaped.failed).toEqual([]);
    expect(reaped.stopped.map((s) => s.handle).sort()).toEqual([...handles].sort());
    console.log(
      `reaped: ${reaped.stopped.length} ZEGO sessions of the killed process, ${reaped.failed.length} failed`,
    );
    expect(sim.activeRecordings()).toEqual([]);
    const left = await registered();
    expect(handles.filter((h) => left.has(h))).toEqual([]);
    await until('an empty registry', async () => (await registered()).size === 0);
  });

  // The simulator runs in this process and stamps each request when it gets to it: when the machine is
  // so busy that this process stalls for ~100 ms, requests that left on time are stamped together and
  // the simulator's own window refuses one. So the figures line reports this process's event-loop
  // delay, and one retry is allowed (a fault of the SDK fails both attempts).
  let attempt = 0;
  it('4 processes start 120 Agora recordings on one App ID: no 429, ≤ 10 in any second, ≥ 90 % of 10/s', {
    retry: 1,
    timeout: 60_000,
  }, async () => {
    const tag = `tp-${run}-${++attempt}`;
    sim.clearRequests();
    const jobs = pool.map((_, w) => ({
      kind: 'start',
      vendor: 'agora',
      requests: Array.from({ length: 30 }, (_, i) => recording(`${tag}-${w}-${i}`)),
    }));
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const ids = await runTogether(pool, jobs, 60_000);
    loop.disable();

    const log = agoraRequests();
    const times = log.map((r) => r.at).sort((a, b) => a - b);
    const spanMs = times.at(-1)! - times[0]!;
    const perSecond = ((times.length - 1) / spanMs) * 1_000;
    const busiestSecond = maxInAnyWindow(times, 1_000);
    const rateLimited = log.filter((r) => r.status === 429);
    const stalls = `this process's longest event-loop delay ${(loop.max / 1e6).toFixed(0)} ms, load ${loadavg()[0]!.toFixed(1)}`;
    console.log(
      `fleet starts (attempt ${attempt}): ${times.length} Agora requests in ${(spanMs / 1000).toFixed(2)} s = ` +
        `${perSecond.toFixed(2)} req/s = ${(perSecond / AGORA_LIMIT).toFixed(3)} of ${AGORA_LIMIT}/s, ` +
        `busiest 1 s window ${busiestSecond}, rate-limit answers ${rateLimited.length} (${stalls})`,
    );
    expect(failuresOf(pool, ids, 'startFailed')).toEqual([]);
    const started = startedBy(pool, ids);
    expect(started).toHaveLength(120);
    expect(new Set(started.map((s) => s.handle)).size).toBe(120);
    expect(sim.activeRecordings('agora').filter((s) => s.room.startsWith(`${tag}-`))).toHaveLength(120);
    // each process got its own 30 through, none starved by the others
    for (const [i, w] of pool.entries()) expect(linesOf(w, ids[i]!, 'started')).toHaveLength(30);

    expect(
      rateLimited.map((r) => [r.at, r.operation]),
      stalls,
    ).toEqual([]);
    // acquire + start per recording, nothing retried
    expect(log).toHaveLength(240);
    expect(busiestSecond, stalls).toBeLessThanOrEqual(AGORA_LIMIT);
    expect(perSecond / AGORA_LIMIT, stalls).toBeGreaterThanOrEqual(0.9);

    // every session is in the shared registry with a deadline (Agora's default maximum: 72 h). They are
    // left running: stopping 120 more at 9.5/s would add 13 s, and the stop path is covered above.
    const entries = await until('120 registry entries', async () => {
      const all = await registered();
      return started.every((s) => all.has(s.handle)) ? all : undefined;
    });
    for (const s of started) {
      const { startedAt, deadline } = entries.get(s.handle)!;
      expect(deadline!.getTime() - startedAt.getTime()).toBe(72 * 3_600_000);
    }
  });
});
