import { createServer, type Server, type Socket } from 'node:net';
import { type Coordinator, type RecordingError, isErrorKind, isRecordingError } from '@unirec/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisCoordinator } from '../src/index.js';
import { freePort, startRedisServer, type TestRedisServer } from './redis-server.js';

// Redis failing under a running coordinator: each test has its own throwaway server to kill.
const TIMEOUT_MS = 500;
const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function server(): Promise<TestRedisServer> {
  const s = await startRedisServer();
  cleanup.push(() => s.stop());
  return s;
}
function coordinatorOn(url: string, options: Parameters<typeof createRedisCoordinator>[1] = {}): Coordinator {
  const c = createRedisCoordinator({ url }, { timeoutMs: TIMEOUT_MS, ...options });
  cleanup.push(() => c.close());
  return c;
}

/** Runs `call`, expecting a NetworkError or TimeoutError naming Redis within timeoutMs (+ scheduling slack). */
async function expectRedisFailure(call: () => Promise<unknown>): Promise<RecordingError> {
  const started = performance.now();
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  const took = performance.now() - started;
  expect(isRecordingError(error), String(error)).toBe(true);
  expect(isErrorKind(error, 'network') || isErrorKind(error, 'timeout')).toBe(true);
  expect((error as Error).message).toMatch(/Redis/);
  expect(took).toBeLessThanOrEqual(TIMEOUT_MS + 100);
  return error as RecordingError;
}

describe('Redis down', () => {
  it('fails every call with a typed error within timeoutMs once Redis is gone, and recovers when it is back', async () => {
    const s = await server();
    const c = coordinatorOn(s.url);
    expect(await c.claim('before', 10_000)).toBe(true);
    await c.acquire('budget', { requestsPerSecond: 100 });
    await s.kill();
    await expectRedisFailure(() => c.claim('during', 10_000));
    await expectRedisFailure(() => c.acquire('budget', { requestsPerSecond: 100 }));
    await expectRedisFailure(() => c.once('once', 10_000, async () => 'never stored'));
    await expectRedisFailure(() =>
      c.sessions.add({ handle: 'h', vendor: 'agora', room: 'r', sessionId: 's', startedAt: new Date() }),
    );
    await expectRedisFailure(async () => {
      for await (const _ of c.sessions.list()) {
        // nothing: the listing itself must fail
      }
    });
    await s.restart();
    const deadline = Date.now() + 5_000;
    let claimed: boolean | undefined;
    while (claimed === undefined && Date.now() < deadline) {
      claimed = await c.claim('after', 10_000).catch(() => undefined);
      if (claimed === undefined) await new Promise((r) => setTimeout(r, 100));
    }
    expect(claimed).toBe(true);
  });

  it('settles acquires that were waiting for their slot when Redis went away', async () => {
    const s = await server();
    const c = coordinatorOn(s.url);
    await c.acquire('slow', { requestsPerSecond: 4 });
    const waiting = Array.from({ length: 3 }, () =>
      c.acquire('slow', { requestsPerSecond: 4 }).then(
        () => 'granted',
        (e: unknown) => e,
      ),
    );
    await new Promise((r) => setTimeout(r, 30));
    await s.kill();
    const outcomes = await Promise.race([
      Promise.all(waiting),
      new Promise((r) => setTimeout(() => r('still pending'), 3_000)),
    ]);
    expect(Array.isArray(outcomes)).toBe(true);
    // the first may have had its slot reserved before Redis died; the others get a typed error
    const failures = (outcomes as unknown[]).filter((o) => o !== 'granted');
    expect(failures.length).toBeGreaterThanOrEqual(2);
    for (const f of failures) expect(isErrorKind(f, 'network') || isErrorKind(f, 'timeout')).toBe(true);
  });

  it('fails fast with a NetworkError naming Redis when nothing listens on the port', async () => {
    const c = coordinatorOn(`redis://127.0.0.1:${await freePort()}`);
    const error = await expectRedisFailure(() => c.claim('k', 1_000));
    expect(isErrorKind(error, 'network')).toBe(true);
    expect(error.message).toMatch(/Redis at 127\.0\.0\.1:\d+ is unreachable/);
  });

  it('gives up with a TimeoutError after timeoutMs when Redis accepts the connection but never answers', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    cleanup.push(
      () =>
        new Promise((r) => {
          for (const socket of sockets) socket.destroy();
          silent.close(r);
        }),
    );
    const port = (silent.address() as { port: number }).port;
    const c = coordinatorOn(`redis://127.0.0.1:${port}`);
    const error = await expectRedisFailure(() => c.claim('k', 1_000));
    expect(isErrorKind(error, 'timeout')).toBe(true);
    expect(error.message).toContain(`${TIMEOUT_MS} ms`);
  });

  it("with fallback 'local', acquire keeps pacing in-process while Redis is down; once/claim still fail", async () => {
    const s = await server();
    const reported: RecordingError[] = [];
    const c = coordinatorOn(s.url, { fallback: 'local', onError: (e) => reported.push(e) });
    await c.acquire('budget', { requestsPerSecond: 20 });
    await s.kill();
    const started = performance.now();
    const times = await Promise.all(
      Array.from({ length: 4 }, () =>
        c.acquire('budget', { requestsPerSecond: 20 }).then(() => performance.now()),
      ),
    );
    // served locally at the same rate: 4 grants, at least 50 ms apart after the first
    expect(Math.max(...times) - started).toBeGreaterThanOrEqual(140);
    expect(Math.max(...times) - started).toBeLessThan(TIMEOUT_MS + 400);
    expect(reported.length).toBeGreaterThanOrEqual(1);
    expect(reported.every((e) => isErrorKind(e, 'network') || isErrorKind(e, 'timeout'))).toBe(true);
    await expectRedisFailure(() => c.claim('k', 1_000));
  });
});
