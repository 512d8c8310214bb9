import net from 'node:net';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createManualClock,
  DEFAULT_SIMULATOR_CREDENTIALS,
  type Simulator,
  type SimRequest,
  startSimulator,
  type VendorEmulator,
} from '../src/index.js';
import { normalizeTimings } from '../src/config.js';
import { RateLimiter } from '../src/rate-limit.js';
import { requestTarget, WebhookDispatcher } from '../src/webhooks.js';
import { agoraClient, send, startManual } from './helpers.js';

/** The framework: routing, body cap, garbage input, request log, faults, clock, rate limits, webhooks, close. */

let sim: Simulator;
beforeAll(async () => {
  ({ sim } = await startManual({ rateLimits: false }));
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

/** Bytes straight onto a socket: for requests fetch refuses to send. */
function rawExchange(port: number, payload: string, waitMs = 500): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (c) => {
      data += c.toString();
    });
    socket.on('error', () => resolve(data));
    socket.on('close', () => resolve(data));
    socket.write(payload);
    setTimeout(() => socket.destroy(), waitMs);
  });
}

describe('routing and garbage', () => {
  it('answers 404 JSON for a path no vendor owns, and logs it', async () => {
    const res = await send(`${sim.url}/nope?x=1`, { method: 'POST', body: 'hello' });
    expect(res.status).toBe(404);
    expect(res.json.message).toMatch(/no simulated vendor API/);
    expect(sim.requests.at(-1)).toMatchObject({
      vendor: 'unknown',
      method: 'POST',
      path: '/nope',
      query: { x: '1' },
      body: 'hello',
      status: 404,
    });
  });

  it('answers 413 above the body cap (declared or streamed)', async () => {
    const small = await startSimulator({ maxBodyBytes: 1024 });
    try {
      const declared = await send(`${small.url}/v1/apps/x/cloud_recording/acquire`, {
        method: 'POST',
        body: 'x'.repeat(2048),
      });
      expect(declared.status).toBe(413);
      const stream = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 4; i++) controller.enqueue(new TextEncoder().encode('y'.repeat(512)));
          controller.close();
        },
      });
      const chunked = await send(`${small.url}/nope`, {
        method: 'POST',
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(chunked.status).toBe(413);
    } finally {
      await small.close();
    }
  });

  it('survives malformed HTTP, odd targets and slow clients', async () => {
    expect(await rawExchange(sim.port, 'THIS IS NOT HTTP\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(
      await rawExchange(
        sim.port,
        'GET //evil.example/v1/ncs/ip HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      ),
    ).toMatch(/^HTTP\/1\.1 404/);
    // A client that sends half its headers and stalls must not block anyone else.
    const stalled = net.connect(sim.port, '127.0.0.1');
    stalled.write(
      'POST /v1/apps/x/cloud_recording/acquire HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"cn',
    );
    const res = await send(`${sim.url}/nope`);
    expect(res.status).toBe(404);
    stalled.destroy();
    const api = agoraClient(sim);
    const garbage = await send(`${api.base}/acquire`, {
      method: 'POST',
      headers: api.headers,
      body: Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
    });
    expect([garbage.status, garbage.json.code]).toEqual([400, 8]);
  });
});

describe('request log', () => {
  it('records vendor, operation, body and answer; is capped and clearable', async () => {
    const capped = await startSimulator({ requestLogLimit: 3, rateLimits: false });
    try {
      const api = agoraClient(capped);
      for (let i = 1; i <= 5; i++) await api.acquire('room', String(i));
      expect(capped.requests).toHaveLength(3);
      expect(capped.requests[2]).toMatchObject({
        vendor: 'agora',
        operation: 'acquire',
        status: 200,
        body: { uid: '5' },
      });
      expect(capped.requests[2]!.response).toMatchObject({ resourceId: expect.any(String) });
      const log = capped.requests;
      capped.clearRequests();
      expect(log).toHaveLength(0);
    } finally {
      await capped.close();
    }
  });
});

describe('faults', () => {
  it('http-5xx for the next N matching requests, then normal again', async () => {
    const api = agoraClient(sim);
    sim.injectFault({ vendor: 'agora', operation: 'acquire', kind: 'http-5xx', status: 502, times: 2 });
    expect((await api.acquire('room', '1')).status).toBe(502);
    expect((await api.acquire('room', '1')).status).toBe(502);
    expect((await api.acquire('room', '1')).status).toBe(200);
    expect(sim.pendingFaults()).toEqual([]);
  });

  it('only matches the given vendor and operation', async () => {
    const api = agoraClient(sim);
    sim.injectFault({ vendor: 'zego', kind: 'http-5xx' });
    sim.injectFault({ operation: 'start', kind: 'http-5xx' });
    expect((await api.acquire('room', '1')).status).toBe(200);
    expect(sim.pendingFaults()).toHaveLength(2);
  });

  it('reset destroys the socket', async () => {
    sim.injectFault({ kind: 'reset' });
    await expect(fetch(`${sim.url}/v1/ncs/ip`)).rejects.toThrow();
    expect(sim.requests.at(-1)?.status).toBe(0);
  });

  it('hang never answers until the client gives up; with delayMs it answers late', async () => {
    const api = agoraClient(sim);
    sim.injectFault({ operation: 'acquire', kind: 'hang' });
    await expect(
      fetch(`${api.base}/acquire`, {
        method: 'POST',
        headers: api.headers,
        body: '{}',
        signal: AbortSignal.timeout(150),
      }),
    ).rejects.toThrow();
    sim.injectFault({ operation: 'acquire', kind: 'hang', delayMs: 100 });
    const startedAt = Date.now();
    const slow = await api.acquire('room', '1');
    expect(slow.status).toBe(200);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(90);
  });

  it('malformed-json answers 200 with a body that does not parse', async () => {
    sim.injectFault({ kind: 'malformed-json' });
    const res = await send(`${sim.url}/v1/ncs/ip`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(res.json).toBeUndefined();
  });

  it('vendor-error answers the emulator error for the code, with its documented HTTP status', async () => {
    const api = agoraClient(sim);
    sim.injectFault({ vendor: 'agora', kind: 'vendor-error', vendorCode: 404 });
    const q = await api.query('rid', 'sid', 'mix');
    expect([q.status, q.json.code]).toEqual([404, 404]);
    expect(q.json).toMatchObject({ resourceId: 'rid', sid: 'sid' });
    sim.injectFault({ vendor: 'agora', kind: 'vendor-error', vendorCode: 65 });
    expect((await api.acquire('room', '1')).status).toBe(206);
    sim.injectFault({ vendor: 'agora', kind: 'vendor-error', vendorCode: 'rate-limited' });
    expect((await api.acquire('room', '1')).status).toBe(429);
  });

  it('rejects nonsense faults', () => {
    expect(() => sim.injectFault({ kind: 'vendor-error' })).toThrow();
    expect(() => sim.injectFault({ kind: 'http-5xx', status: 404 })).toThrow();
    expect(() => sim.injectFault({ kind: 'explode' as 'reset' })).toThrow();
  });
});

describe('clock, credentials, emulators', () => {
  it('createManualClock moves only when advanced; advance() exists only for a manual clock', async () => {
    const clock = createManualClock(1_000);
    clock.advance(500);
    expect(clock.now()).toBe(1_500);
    expect(() => clock.advance(-1)).toThrow();
    const real = await startSimulator();
    try {
      expect(real.advance).toBeUndefined();
    } finally {
      await real.close();
    }
  });

  it('deep-merges credentials over the documented defaults', async () => {
    const custom = await startSimulator({ credentials: { agora: { customerSecret: 'other' } } });
    try {
      expect(custom.credentials.agora).toEqual({
        ...DEFAULT_SIMULATOR_CREDENTIALS.agora,
        customerSecret: 'other',
      });
      expect(custom.credentials.zego).toEqual(DEFAULT_SIMULATOR_CREDENTIALS.zego);
      expect((await agoraClient(custom).acquire('room', '1')).status).toBe(200);
      expect((await agoraClient(sim).acquire('room', '1')).status).toBe(200);
    } finally {
      await custom.close();
    }
  });

  it('dispatches to custom emulators and survives one that throws', async () => {
    const boom: VendorEmulator = {
      vendor: 'zego',
      matches: (req: SimRequest) => req.url.pathname === '/boom',
      operationOf: () => 'Boom',
      handle: () => {
        throw new Error('bug');
      },
      errorResponse: () => ({ status: 400, body: {} }),
      sessions: () => [],
      reset: () => undefined,
    };
    const custom = await startSimulator({ emulators: [boom] });
    try {
      const res = await send(`${custom.url}/boom`);
      expect(res.status).toBe(500);
      expect(custom.requests[0]).toMatchObject({ vendor: 'zego', operation: 'Boom', status: 500 });
      expect((await send(`${custom.url}/boom`)).status).toBe(500);
    } finally {
      await custom.close();
    }
  });

  it('close() returns promptly even with a hung request open', async () => {
    const s = await startSimulator();
    s.injectFault({ kind: 'hang' });
    const pending = fetch(`${s.url}/v1/ncs/ip`).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await s.close();
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('timings', () => {
  it('keeps the phases ordered and slices positive', () => {
    expect(normalizeTimings({ recordingMs: 0, sliceMs: 0 })).toMatchObject({
      startingMs: 0,
      readyMs: 0,
      recordingMs: 0,
      sliceMs: 1,
    });
    expect(normalizeTimings({ readyMs: 1_000 })).toMatchObject({
      startingMs: 100,
      readyMs: 500,
      recordingMs: 500,
    });
  });
});

describe('rate limiter', () => {
  it('at most N accepted requests in any one-second window; refusals do not count; prefix overrides', () => {
    const clock = createManualClock(0);
    const limiter = new RateLimiter(clock, { agora: 2, 'agora:special': 5, zego: Number.POSITIVE_INFINITY });
    expect([1, 2, 3].map(() => limiter.allow('agora:app', 10))).toEqual([true, true, false]);
    clock.advance(500);
    expect(limiter.allow('agora:app', 10)).toBe(false); // both accepted ones are still inside (−500, 0]
    clock.advance(499);
    expect(limiter.allow('agora:app', 10)).toBe(false);
    clock.advance(1); // t = 1000: the two at t = 0 left the window (now − 1000, now]
    expect([limiter.allow('agora:app', 10), limiter.allow('agora:app', 10)]).toEqual([true, true]);
    expect(limiter.allow('agora:app', 10)).toBe(false);
    expect(limiter.rateFor('agora:special:x', 10)).toBe(5);
    expect(limiter.rateFor('agoraX', 10)).toBe(10);
    expect(Array.from({ length: 100 }, () => limiter.allow('zego:1:StartRecord', 50)).every(Boolean)).toBe(
      true,
    );
    expect(
      Array.from({ length: 100 }, () => new RateLimiter(clock, false).allow('a', 1)).every(Boolean),
    ).toBe(true);
  });

  it('never lets more than N through in any 1000 ms window, whatever the arrival pattern', () => {
    const clock = createManualClock(0);
    const limiter = new RateLimiter(clock);
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const accepted: number[] = [];
    for (let i = 0; i < 5_000; i++) {
      clock.advance(Math.floor(random() * random() * 250)); // bursts and gaps
      if (limiter.allow('jocloud:1', 10)) accepted.push(clock.now());
    }
    for (let i = 10; i < accepted.length; i++)
      expect(accepted[i]! - accepted[i - 10]!).toBeGreaterThanOrEqual(1000);
    expect(accepted.length).toBeGreaterThan(100);
  });

  it('an even pace of exactly N/s is never refused; N+1 requests in one second are', () => {
    const clock = createManualClock(0);
    const limiter = new RateLimiter(clock);
    const paced = Array.from({ length: 100 }, () => {
      const ok = limiter.allow('agora:a', 10);
      clock.advance(100);
      return ok;
    });
    expect(paced.every(Boolean)).toBe(true);
    const burst = new RateLimiter(clock);
    expect(Array.from({ length: 11 }, () => burst.allow('agora:a', 10)).filter(Boolean)).toHaveLength(10);
  });

  it('fractional limits round down (minimum 1); a clock set backwards starts the window afresh', () => {
    const clock = createManualClock(10_000);
    const limiter = new RateLimiter(clock, { a: 2.9, b: 0.5 });
    expect([1, 2, 3].map(() => limiter.allow('a', 10))).toEqual([true, true, false]);
    expect([1, 2].map(() => limiter.allow('b', 10))).toEqual([true, false]);
    clock.set(5_000);
    expect(limiter.allow('a', 10)).toBe(true);
  });
});

describe('webhook dispatcher', () => {
  it('requests the path and query exactly as written, without the fragment', () => {
    expect(requestTarget('http://127.0.0.1:9/hook?token=a%2Fb&x=%7E~')).toBe('/hook?token=a%2Fb&x=%7E~');
    expect(requestTarget('http://127.0.0.1:9')).toBe('/');
    expect(requestTarget('http://127.0.0.1:9?token=t')).toBe('/?token=t');
    expect(requestTarget('http://[::1]:9/a/../b?q#frag')).toBe('/a/../b?q');
  });

  it('refuses non-loopback URLs and retries failed deliveries', async () => {
    let calls = 0;
    const receiver = http.createServer((_req, res) => {
      calls += 1;
      res.statusCode = calls < 3 ? 500 : 200;
      res.end();
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const port = (receiver.address() as AddressInfo).port;
    const dispatcher = new WebhookDispatcher({ retryDelaysMs: [10, 10] });
    try {
      dispatcher.emit({ url: 'http://example.com/hook', headers: {}, body: '{}' });
      dispatcher.emit({ url: `http://127.0.0.1:${port}/hook`, headers: { 'x-test': '1' }, body: '{"a":1}' });
      await dispatcher.idle();
      expect(dispatcher.log[0]).toMatchObject({ state: 'refused' });
      expect(dispatcher.log[1]).toMatchObject({ state: 'delivered', attempts: 3, status: 200 });
      expect(calls).toBe(3);
    } finally {
      await dispatcher.close();
      await new Promise<void>((r) => receiver.close(() => r()));
    }
  });

  it('gives up after the retries and never throws', async () => {
    const dispatcher = new WebhookDispatcher({ retryDelaysMs: [5] });
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    dispatcher.emit({ url: `http://127.0.0.1:${port}/`, headers: {}, body: '{}' });
    await dispatcher.idle();
    expect(dispatcher.log[0]).toMatchObject({ state: 'failed', attempts: 2 });
    await dispatcher.close();
  });
});
