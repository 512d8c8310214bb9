import { randomUUID } from 'node:crypto';
import { maxInAnyWindow } from '@unirec/conformance';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type FleetWorker, runTogether, spawnWorker } from './fleet-helpers.js';

// A fleet of app servers: separate node processes loading the BUILT package (dist), sharing one
// Redis. Times are epoch ms measured in each process (one machine, one clock). The workers are
// started once and given one job per test (starting a process costs about a second here).
const url = inject('redisUrl');
const prefix = `fleet-${randomUUID()}`;
const LEASE_MS = 1_000;
let pool: FleetWorker[] = [];
const extra: FleetWorker[] = [];
const key = (label: string) => `${label}:${randomUUID()}`;
type Grant = { grant: number; asked: number; priority: number };
const grants = (ws: readonly FleetWorker[], ids: readonly string[]): Grant[] =>
  ws.flatMap((w, i) => w.of(ids[i]!).filter((l) => typeof l.grant === 'number') as unknown as Grant[]);

beforeAll(async () => {
  pool = Array.from({ length: 4 }, () => spawnWorker({ url, prefix, leaseMs: LEASE_MS }));
  await Promise.all(pool.map((w) => w.ready));
}, 60_000);

afterAll(async () => {
  for (const w of [...pool, ...extra]) if (w.child.exitCode === null) w.child.kill('SIGKILL');
  await Promise.all([...pool, ...extra].map((w) => w.exited));
});

describe('a fleet of processes on one Redis', () => {
  it('4 processes share one budget of 10/s: never more than 10 in any one-second window, ≥ 90 % used', async () => {
    const budget = key('agora:app');
    const ids = await runTogether(
      pool,
      pool.map(() => ({ kind: 'acquire', key: budget, rate: 10, count: 10 })),
    );
    const times = grants(pool, ids)
      .map((g) => g.grant)
      .sort((a, b) => a - b);
    expect(times).toHaveLength(40);
    expect(maxInAnyWindow(times, 1_000)).toBeLessThanOrEqual(10);
    const perSecond = ((times.length - 1) / (times.at(-1)! - times[0]!)) * 1_000;
    expect(perSecond).toBeGreaterThanOrEqual(9);
    expect(perSecond).toBeLessThanOrEqual(10);
    // every process got its share, not one process everything
    for (const [i, w] of pool.entries()) expect(grants([w], [ids[i]!])).toHaveLength(10);
  });

  it('a priority acquire gets through within about two intervals while other processes queue normal work', async () => {
    const rate = 10;
    const budget = key('agora:app');
    const normal = { kind: 'acquire', key: budget, rate, count: 8 };
    const ids = await runTogether(pool, [
      normal,
      normal,
      normal,
      { kind: 'acquire', key: budget, rate, count: 1, priority: 1, delayMs: 500 },
    ]);
    const all = grants(pool, ids).sort((a, b) => a.grant - b.grant);
    const urgent = all.find((g) => g.priority === 1)!;
    expect(urgent.grant - urgent.asked).toBeLessThanOrEqual(2 * (1_000 / rate) + 100);
    // 24 normal requests were queued across the fleet; most of them went out after the priority one.
    expect(all.filter((g) => g.priority === 0 && g.grant > urgent.grant).length).toBeGreaterThanOrEqual(15);
    expect(
      maxInAnyWindow(
        all.map((g) => g.grant),
        1_000,
      ),
    ).toBeLessThanOrEqual(rate);
  });

  it('2 processes run once with one key at the same moment: the task runs once, both get its result', async () => {
    const job = { kind: 'once', key: key('start:idem'), ttlMs: 60_000, taskMs: 300 };
    const pair = pool.slice(0, 2);
    const ids = await runTogether(pair, [job, job]);
    const results = pair.map((w, i) => w.of(ids[i]!).find((l) => 'result' in l)!.result);
    const started = pair.flatMap((w, i) => w.of(ids[i]!).filter((l) => 'taskStarted' in l));
    expect(started).toHaveLength(1);
    expect(results[0]).toEqual(results[1]);
    // JSON semantics across processes too: the Date arrives as its ISO string
    expect(typeof (results[0] as { at: unknown }).at).toBe('string');
  });

  it('a holder killed mid-once (SIGKILL) blocks the others only until its lease runs out', async () => {
    const holder = spawnWorker({ url, prefix, leaseMs: LEASE_MS });
    extra.push(holder);
    await holder.ready;
    const idem = key('start:idem');
    const holding = holder.send({ kind: 'once', key: idem, ttlMs: 60_000, hang: true });
    await holder.waitFor((l) => l.id === holding && 'taskStarted' in l);
    const waiting = pool[0]!.send({ kind: 'once', key: idem, ttlMs: 60_000 });
    // let the holder renew its lease at least once, then crash it
    await new Promise((r) => setTimeout(r, 500));
    const killedAt = performance.timeOrigin + performance.now();
    holder.child.kill('SIGKILL');
    const result = await pool[0]!.waitFor((l) => l.id === waiting && 'result' in l, 10_000);
    const waited = (result.resolvedAt as number) - killedAt;
    // renewed every lease / 3, so the lease outlived the holder by between 2/3 and 1 lease
    expect(waited).toBeGreaterThanOrEqual(LEASE_MS / 2);
    expect(waited).toBeLessThanOrEqual(LEASE_MS + 1_000);
    expect(pool[0]!.of(waiting).some((l) => 'taskStarted' in l)).toBe(true);
    expect((result.result as { ranBy: number }).ranBy).toBe(pool[0]!.child.pid);
  });

  it('3 processes claim one key at the same moment: exactly one gets true', async () => {
    const job = { kind: 'claim', key: key('event:agora:notice') };
    const trio = pool.slice(0, 3);
    const ids = await runTogether(trio, [job, job, job]);
    const answers = trio.map((w, i) => w.of(ids[i]!).find((l) => 'claimed' in l)!.claimed);
    expect(answers.filter((a) => a === true)).toHaveLength(1);
    expect(answers.filter((a) => a === false)).toHaveLength(2);
  });

  it('closing the coordinator releases everything: each process exits on its own', async () => {
    for (const w of pool) w.child.stdin!.end();
    expect(await Promise.all(pool.map((w) => w.exited))).toEqual([0, 0, 0, 0]);
  });
});
