import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { AuthenticationError, type RecordingError, ValidationError, isRecordingError } from '@unirec/core';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createRedisCoordinator } from '../src/index.js';
import { createKeySpace, escapeKeyPart, hashTagOf } from '../src/redis-keys.js';

const url = inject('redisUrl');
const password = inject('redisPassword');
const secretForms = [
  password,
  encodeURIComponent(password),
  JSON.stringify(password).slice(1, -1),
  Buffer.from(password).toString('base64'),
];
const closers: Array<() => Promise<unknown>> = [];
const coordinator = (options: Parameters<typeof createRedisCoordinator>[1] = {}) => {
  const c = createRedisCoordinator({ url }, { prefix: `t-${randomUUID()}`, ...options });
  closers.push(() => c.close());
  return c;
};
let admin: Redis;

beforeAll(() => {
  admin = new Redis(url);
});
afterAll(async () => {
  await admin.quit();
});
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

function expectNoSecret(text: string): void {
  for (const form of secretForms) expect(text).not.toContain(form);
}

describe('keys', () => {
  it('gives every key one script touches the same hash tag (Redis Cluster slot)', () => {
    const keys = createKeySpace('unirec');
    for (const userKey of ['agora:123', 'a{b}c', '}{', '{x}', '%7B', '']) {
      const once = keys.once(userKey);
      const tags = new Set([once.value, once.lock, once.failure('tok{en}')].map(hashTagOf));
      expect(tags.size).toBe(1);
      expect([...tags][0]).toBe(`unirec:once:${escapeKeyPart(userKey)}`);
      expect(hashTagOf(keys.rate(userKey))).toBe(`unirec:rate:${escapeKeyPart(userKey)}`);
    }
  });

  it('escapes braces so different user keys never share a Redis key', () => {
    const keys = createKeySpace('p');
    const userKeys = ['a}b', 'a%7Db', 'a', 'a}', 'a%', '%25', '%'];
    expect(new Set(userKeys.map((k) => keys.claim(k))).size).toBe(userKeys.length);
    expect(new Set(userKeys.map((k) => keys.once(k).value)).size).toBe(userKeys.length);
    for (const k of userKeys) expect(escapeKeyPart(k)).not.toMatch(/[{}]/);
  });
});

describe('createRedisCoordinator', () => {
  it('refuses a bad connection or option with a ValidationError that never echoes the URL', () => {
    const bad = [
      () => createRedisCoordinator({ url: `http://:${password}@127.0.0.1:1` }),
      () => createRedisCoordinator({ url: 'not a url' }),
      () => createRedisCoordinator({} as never),
      () => createRedisCoordinator({ url, client: {} } as never),
      () => createRedisCoordinator({ client: { status: 'ready' } } as never),
      () => createRedisCoordinator({ url }, { timeoutMs: 0 }),
      () => createRedisCoordinator({ url }, { fallback: 'memory' as never }),
      () => createRedisCoordinator({ url }, { prefx: 'x' } as never),
    ];
    for (const create of bad) {
      let error: unknown;
      try {
        create();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expectNoSecret(`${(error as Error).message} ${inspect(error)} ${JSON.stringify(error)}`);
    }
  });

  it('never shows the URL or its password in util.inspect or JSON', async () => {
    const c = coordinator();
    await c.claim('warm', 1_000);
    const shown = `${inspect(c, { depth: 10, showHidden: true })} ${JSON.stringify(c)}`;
    expectNoSecret(shown);
    expect(shown).toContain('RedisCoordinator');
  });

  it('refuses wrong credentials with an AuthenticationError naming Redis, without the password', async () => {
    const wrong = new URL(url);
    wrong.password = encodeURIComponent(`${password}-wrong`);
    const c = createRedisCoordinator({ url: wrong.toString() }, { timeoutMs: 2_000 });
    closers.push(() => c.close());
    const error = (await c.claim('k', 1_000).catch((e: unknown) => e)) as RecordingError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(/Redis/);
    expectNoSecret(`${error.message} ${inspect(error, { showHidden: true })} ${JSON.stringify(error)}`);
    expectNoSecret(String((error as { cause?: Error }).cause?.message ?? ''));
  });

  it('uses an app client without closing it, and quits a client it created', async () => {
    const client = new Redis(url);
    const shared = createRedisCoordinator({ client }, { prefix: `t-${randomUUID()}` });
    expect(await shared.claim('k', 1_000)).toBe(true);
    await shared.close();
    expect(await client.ping()).toBe('PONG');
    await client.quit();

    const own = coordinator();
    await own.claim('k', 1_000);
    const before = (await admin.call('CLIENT', ['LIST'])) as string;
    const count = (list: string) => list.split('\n').filter((l) => l.includes('cmd=')).length;
    await own.close();
    await new Promise((r) => setTimeout(r, 100));
    const after = (await admin.call('CLIENT', ['LIST'])) as string;
    expect(count(after)).toBe(count(before) - 1);
  });

  it('loads its scripts again after the server lost them (SCRIPT FLUSH, restart)', async () => {
    const c = coordinator();
    await c.acquire('k', { requestsPerSecond: 1_000 });
    await admin.call('SCRIPT', ['FLUSH']);
    await expect(c.acquire('k', { requestsPerSecond: 1_000 })).resolves.toBeUndefined();
    await expect(c.once('o', 1_000, async () => 'v')).resolves.toBe('v');
  });
});

describe('once across coordinators (stand-ins for processes)', () => {
  it('takes over a run whose holder vanished once its lease has expired', async () => {
    const prefix = `t-${randomUUID()}`;
    const c = coordinator({ prefix, oncePollMs: 20 });
    // a holder that crashed: its lease is there, nobody renews it
    await admin.set(createKeySpace(prefix).once('start').lock, 'crashed-holder', 'PX', 400);
    const started = performance.now();
    let runs = 0;
    const result = await c.once('start', 10_000, async () => ++runs);
    expect(result).toBe(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(350);
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('renews the lease while a long task runs, so a waiter elsewhere does not run it too', async () => {
    const prefix = `t-${randomUUID()}`;
    const [a, b] = [coordinator({ prefix, onceLeaseMs: 200 }), coordinator({ prefix, onceLeaseMs: 200 })];
    let runs = 0;
    const task = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 900));
      return runs;
    };
    const first = a.once('long', 10_000, task);
    await new Promise((r) => setTimeout(r, 50));
    const second = b.once('long', 10_000, task);
    expect(await Promise.all([first, second])).toEqual([1, 1]);
    expect(runs).toBe(1);
  });

  it('gives the waiters of a failed run in another coordinator the same kind of error, then forgets it', async () => {
    const prefix = `t-${randomUUID()}`;
    const [a, b] = [coordinator({ prefix }), coordinator({ prefix })];
    const failing = async (): Promise<string> => {
      await new Promise((r) => setTimeout(r, 150));
      throw new ValidationError('Invalid request: room: must not be empty', [{ path: 'room', message: 'x' }]);
    };
    const first = a.once('fail', 10_000, failing).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 30));
    const second = b.once('fail', 10_000, async () => 'should not run').catch((e: unknown) => e);
    const [e1, e2] = (await Promise.all([first, second])) as [ValidationError, ValidationError];
    expect(e1).toBeInstanceOf(ValidationError);
    expect(e2).toBeInstanceOf(ValidationError);
    expect(e2.message).toBe(e1.message);
    expect(e2.issues).toEqual([{ path: 'room', message: 'x' }]);
    expect(await b.once('fail', 10_000, async () => 'ran again')).toBe('ran again');
  });

  it('tells other processes only the class of a foreign (non-unirec) failure, never its message', async () => {
    const prefix = `t-${randomUUID()}`;
    const [a, b] = [coordinator({ prefix }), coordinator({ prefix })];
    const first = a
      .once('foreign', 10_000, async () => {
        await new Promise((r) => setTimeout(r, 150));
        throw new TypeError(`leaky ${password}`);
      })
      .catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 30));
    const second = (await b.once('foreign', 10_000, async () => 'x').catch((e: unknown) => e)) as Error;
    expect(((await first) as Error).message).toContain('leaky');
    expect(isRecordingError(second)).toBe(true);
    expect(second.message).toContain('TypeError');
    expectNoSecret(second.message);
  });
});

describe('acquire across coordinators', () => {
  it('serves a priority caller of one coordinator ahead of the queue of another', async () => {
    const prefix = `t-${randomUUID()}`;
    const [busy, urgent] = [coordinator({ prefix }), coordinator({ prefix })];
    const rate = 20;
    const queued = Array.from({ length: 15 }, () =>
      busy.acquire('agora:app', { requestsPerSecond: rate }).then(() => performance.now()),
    );
    await new Promise((r) => setTimeout(r, 100));
    const asked = performance.now();
    await urgent.acquire('agora:app', { requestsPerSecond: rate }, { priority: 1 });
    const granted = performance.now();
    expect(granted - asked).toBeLessThanOrEqual((2 * 1000) / rate + 40);
    const times = await Promise.all(queued);
    expect(times.filter((t) => t > granted).length).toBeGreaterThanOrEqual(10);
  });
});

describe('sessions', () => {
  it('skips an entry it cannot read and reports it through onError', async () => {
    const prefix = `t-${randomUUID()}`;
    const reported: RecordingError[] = [];
    const c = coordinator({ prefix, onError: (e) => reported.push(e) });
    await c.sessions.add({
      handle: 'good',
      vendor: 'agora',
      room: 'r',
      sessionId: 's',
      startedAt: new Date(),
    });
    await admin.hset(createKeySpace(prefix).sessions(), 'broken', '{not json', 'wrong', '{"handle":"wrong"}');
    const handles: string[] = [];
    for await (const s of c.sessions.list()) handles.push(s.handle);
    expect(handles).toEqual(['good']);
    expect(reported).toHaveLength(2);
    expect(reported.every(isRecordingError)).toBe(true);
  });

  it('lists a registry larger than one scan page, each session once', async () => {
    const c = coordinator();
    const added = Array.from({ length: 450 }, (_, i) => `h-${i}`);
    await Promise.all(
      added.map((handle) =>
        c.sessions.add({ handle, vendor: 'zego', room: 'r', sessionId: handle, startedAt: new Date(0) }),
      ),
    );
    const listed: string[] = [];
    for await (const s of c.sessions.list()) listed.push(s.handle);
    expect(listed.sort()).toEqual(added.sort());
  });
});
