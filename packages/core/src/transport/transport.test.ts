import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createVendorTransport } from '../config.js';
import { createMemoryCoordinator } from '../coordination/memory-coordinator.js';
import {
  AbortError,
  NetworkError,
  RateLimitError,
  RecordingError,
  TimeoutError,
  ValidationError,
  VendorError,
} from '../errors.js';
import { Transport, malformedResponseError, wasNotSent } from './transport.js';
import type { Interpretation, RawResponse } from './types.js';

const HOST = 'https://vendor.test';
const SECRET = 'sup3r-s3cret-value';

/** A typical vendor reading: `{ code: 0 }` is success, 5xx retryable, 400 not. */
function interpret(raw: RawResponse): Interpretation<unknown> {
  if (raw.malformed) return { ok: false, error: malformedResponseError('agora', 'op', raw) };
  if (raw.status >= 500)
    return { ok: false, error: new VendorError('server', { retryable: true, httpStatus: raw.status }) };
  if (raw.status >= 400)
    return { ok: false, error: new ValidationError('bad', [], { httpStatus: raw.status }) };
  return { ok: true, value: raw.data };
}

/** nock 14 needs an Error instance here: a plain object leaves the request hanging (nock/nock#2789). */
function connectionReset(): Error {
  return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
}

function transport(extra: Partial<ConstructorParameters<typeof Transport>[0]> = {}): Transport {
  return new Transport({
    vendor: 'agora',
    baseUrls: [HOST],
    timeoutMs: 1_000,
    maxRetries: 2,
    secrets: [SECRET],
    sleep: async () => {},
    ...extra,
  });
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Transport', () => {
  it('sends JSON and returns the interpreted value', async () => {
    const scope = nock(HOST)
      .post('/v1/x', { a: 1 })
      .query({ q: '1' })
      .matchHeader('content-type', /json/)
      .reply(200, { code: 0 });
    const value = await transport().send(
      {
        operation: 'op',
        method: 'POST',
        path: '/v1/x',
        query: { q: 1 },
        headers: { 'Content-Type': 'application/json' },
        body: { a: 1 },
      },
      interpret,
    );
    expect(value).toEqual({ code: 0 });
    scope.done();
  });

  it('retries 5xx and then succeeds, calling onRetry', async () => {
    nock(HOST).get('/x').reply(503, {}).get('/x').reply(200, { ok: true });
    const retries: number[] = [];
    const value = await transport({ hooks: { onRetry: (i) => void retries.push(i.attempt) } }).send(
      { operation: 'op', method: 'GET', path: '/x' },
      interpret,
    );
    expect(value).toEqual({ ok: true });
    expect(retries).toEqual([1]);
  });

  it('never retries a 4xx validation answer', async () => {
    const scope = nock(HOST).get('/x').reply(400, {});
    await expect(
      transport().send({ operation: 'op', method: 'GET', path: '/x' }, interpret),
    ).rejects.toBeInstanceOf(ValidationError);
    scope.done();
  });

  it('gives up after maxRetries', async () => {
    nock(HOST).get('/x').times(3).reply(500, {});
    await expect(
      transport().send({ operation: 'op', method: 'GET', path: '/x' }, interpret),
    ).rejects.toMatchObject({
      httpStatus: 500,
    });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('re-evaluates query functions on every attempt (fresh signatures)', async () => {
    const seen: string[] = [];
    nock(HOST)
      .post('/')
      .query(true)
      .times(2)
      .reply(function () {
        seen.push(new URL(this.req.path, HOST).searchParams.get('Nonce')!);
        return seen.length === 1 ? [500, {}] : [200, { ok: 1 }];
      });
    let n = 0;
    await transport().send(
      { operation: 'op', method: 'POST', path: '/', query: () => ({ Nonce: `n${++n}` }), body: {} },
      interpret,
    );
    expect(seen).toEqual(['n1', 'n2']);
  });

  it('turns connection failures into NetworkError and moves to the next host', async () => {
    nock(HOST).get('/x').replyWithError(connectionReset());
    nock('https://fallback.test').get('/x').reply(200, { from: 'fallback' });
    const t = transport({ baseUrls: [HOST, 'https://fallback.test'] });
    expect(await t.send({ operation: 'op', method: 'GET', path: '/x' }, interpret)).toEqual({
      from: 'fallback',
    });
    expect(t.baseUrl).toBe('https://fallback.test');
    nock(HOST).get('/x').times(3).replyWithError(connectionReset());
    await expect(
      transport().send({ operation: 'op', method: 'GET', path: '/x' }, interpret),
    ).rejects.toBeInstanceOf(NetworkError);
  });

  it('turns a request with no answer into TimeoutError', async () => {
    nock(HOST).get('/x').delay(500).reply(200, {});
    await expect(
      transport({ timeoutMs: 50, maxRetries: 0 }).send(
        { operation: 'op', method: 'GET', path: '/x' },
        interpret,
      ),
    ).rejects.toBeInstanceOf(TimeoutError);
  });

  it('treats a body that is not JSON as a retryable vendor error', async () => {
    nock(HOST).get('/x').reply(200, '<html>oops').get('/x').reply(200, { ok: 1 });
    expect(await transport().send({ operation: 'op', method: 'GET', path: '/x' }, interpret)).toEqual({
      ok: 1,
    });
  });

  it('honours the vendor retry-after', async () => {
    const delays: number[] = [];
    nock(HOST).get('/x').reply(429, {}).get('/x').reply(200, {});
    await transport({ sleep: async (ms) => void delays.push(ms) }).send(
      { operation: 'op', method: 'GET', path: '/x' },
      (raw) =>
        raw.status === 429
          ? { ok: false, error: new RecordingError('slow down', { retryable: true, retryAfterMs: 2_000 }) }
          : { ok: true, value: null },
    );
    expect(delays[0]).toBeGreaterThanOrEqual(2_000);
  });

  it('shows logger and hooks only redacted data', async () => {
    nock(HOST)
      .post('/x')
      .query(true)
      .reply(500, { echo: SECRET })
      .post('/x')
      .query(true)
      .reply(200, { echo: SECRET });
    const lines: string[] = [];
    const log = (msg: string, meta?: unknown) => void lines.push(msg + JSON.stringify(meta));
    await transport({
      logger: { debug: log, info: log, warn: log, error: log },
      hooks: {
        onRequest: (i) => void lines.push(JSON.stringify(i)),
        onResponse: (i) => void lines.push(JSON.stringify(i)),
      },
    }).send(
      {
        operation: 'op',
        method: 'POST',
        path: '/x',
        query: { Signature: 'abc123', AppId: 1 },
        headers: { Authorization: `Basic ${SECRET}` },
        body: {
          storageConfig: { accessKey: 'AK-123456', secretKey: 'SK-123456', bucket: 'b' },
          note: `x${SECRET}x`,
        },
        secrets: ['AK-123456'],
      },
      interpret,
    );
    const text = lines.join('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const leaked of [SECRET, 'AK-123456', 'SK-123456', 'abc123']) expect(text).not.toContain(leaked);
    expect(text).toContain('[REDACTED]');
    expect(text).toContain('"bucket":"b"');
  });
});

describe('createVendorTransport', () => {
  it('uses baseUrl instead of the vendor hosts', () => {
    const t = createVendorTransport(
      { baseUrl: 'http://127.0.0.1:9' },
      {
        vendor: 'zego',
        baseUrls: ['https://a', 'https://b'],
        budget: () => ({ key: 'zego:1', requestsPerSecond: 10 }),
        secrets: [],
      },
    );
    expect(t.baseUrl).toBe('http://127.0.0.1:9');
  });
});

/** A loopback HTTP server whose handler decides when and what to answer. */
async function loopback(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to reject');
}

const SENSITIVE_REQUEST = {
  operation: 'start',
  method: 'POST' as const,
  path: '/x',
  query: { Signature: 'sig-value-999999' },
  headers: { Authorization: `Bearer ${SECRET}`, 'X-Api-Key': 'api-key-888888' },
  body: { storage: { secretKey: 'SK-body-777777', accessKey: 'AK-body-666666' } },
  secrets: ['SK-body-777777', 'AK-body-666666'],
};
const SENSITIVE_VALUES = [SECRET, 'sig-value-999999', 'api-key-888888', 'SK-body-777777', 'AK-body-666666'];

describe('Transport: abort', () => {
  it('an abort in flight is AbortError with the reason as cause, and shows no request data', async () => {
    nock(HOST).post('/x').query(true).delay(2_000).reply(200, {});
    const controller = new AbortController();
    const reason = new Error('user left');
    const pending = transport().send({ ...SENSITIVE_REQUEST, signal: controller.signal }, interpret);
    setTimeout(() => controller.abort(reason), 20);
    const started = performance.now();
    const error = (await rejectionOf(pending)) as AbortError;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toBeInstanceOf(RecordingError);
    expect(error.name).toBe('AbortError');
    expect(error.cause).toBe(reason);
    expect(error.vendor).toBe('agora');
    expect(error.operation).toBe('start');
    const shown = [
      inspect(error, { depth: 10, showHidden: true }),
      JSON.stringify(error),
      error.message,
      String(error.stack),
    ].join('\n');
    for (const value of SENSITIVE_VALUES) expect(shown).not.toContain(value);
  });

  it('an abort during the backoff before a retry is AbortError, and nothing more is sent', async () => {
    let hits = 0;
    nock(HOST)
      .get('/x')
      .times(3)
      .reply(() => {
        hits++;
        return [503, {}];
      });
    const controller = new AbortController();
    // the real sleep, with a 5 s backoff
    const t = new Transport({
      vendor: 'agora',
      baseUrls: [HOST],
      timeoutMs: 1_000,
      maxRetries: 2,
      secrets: [],
      baseDelayMs: 5_000,
    });
    const pending = t.send(
      { operation: 'query', method: 'GET', path: '/x', signal: controller.signal },
      (raw) => {
        setTimeout(() => controller.abort('enough'), 20);
        return interpret(raw);
      },
    );
    const started = performance.now();
    const error = (await rejectionOf(pending)) as AbortError;
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(AbortError);
    expect(error.cause).toBe('enough');
    expect(hits).toBe(1);
  });

  it('an abort while waiting for a rate-limit token is AbortError, and the request is not sent', async () => {
    let hits = 0;
    nock(HOST)
      .get('/x')
      .times(2)
      .reply(() => {
        hits++;
        return [200, {}];
      });
    const coordinator = createMemoryCoordinator();
    const t = transport({ coordinator, budget: () => ({ key: 'agora:app-1', requestsPerSecond: 1 }) });
    await t.send({ operation: 'query', method: 'GET', path: '/x' }, interpret);
    const controller = new AbortController();
    const pending = t.send(
      { operation: 'query', method: 'GET', path: '/x', signal: controller.signal },
      interpret,
    );
    setTimeout(() => controller.abort('no time'), 20);
    const started = performance.now();
    const error = (await rejectionOf(pending)) as AbortError;
    expect(performance.now() - started).toBeLessThan(500);
    expect(error).toBeInstanceOf(AbortError);
    expect(error.cause).toBe('no time');
    expect(hits).toBe(1);
  });

  it("keeps AbortSignal.timeout's reason (a TimeoutError DOMException) as the cause", async () => {
    nock(HOST).get('/x').delay(2_000).reply(200, {});
    const error = (await rejectionOf(
      transport().send(
        { operation: 'query', method: 'GET', path: '/x', signal: AbortSignal.timeout(30) },
        interpret,
      ),
    )) as AbortError;
    expect(error).toBeInstanceOf(AbortError);
    expect((error.cause as DOMException).name).toBe('TimeoutError');
  });

  /** A server that aborts `controller` as each request arrives, then answers `answers[n]` 30 ms later. */
  async function abortingServer(controller: AbortController, answers: Array<[number, unknown]>) {
    const seen = { hits: 0, delivered: 0 };
    const server = await loopback((_req, res) => {
      const [status, body] = answers[Math.min(seen.hits++, answers.length - 1)]!;
      controller.abort('caller gave up');
      setTimeout(() => {
        res.statusCode = status;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(body), () => void seen.delivered++);
      }, 30);
    });
    return { ...server, seen };
  }

  const commitRequest = (signal: AbortSignal) => ({
    operation: 'start',
    method: 'POST' as const,
    path: '/start',
    body: {},
    commits: true,
    signal,
  });

  it("commits: true — once sent, an abort does not cancel the request: send resolves with the vendor's answer", async () => {
    const controller = new AbortController();
    const server = await abortingServer(controller, [[200, { sid: 'sid-1' }]]);
    try {
      const value = await transport({ baseUrls: [server.url] }).send(
        commitRequest(controller.signal),
        interpret,
      );
      expect(value).toEqual({ sid: 'sid-1' });
      // the one request was answered, not cancelled and sent again
      expect(server.seen).toEqual({ hits: 1, delivered: 1 });
      expect(controller.signal.aborted).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('commits: true — after the request was sent, retries and their backoff ignore the abort too', async () => {
    const controller = new AbortController();
    const server = await abortingServer(controller, [
      [503, {}],
      [200, { sid: 'sid-2' }],
    ]);
    try {
      const sleeps: Array<AbortSignal | undefined> = [];
      const t = transport({
        baseUrls: [server.url],
        sleep: async (_ms, signal) => {
          sleeps.push(signal);
          if (signal?.aborted) throw new Error('aborted sleep');
        },
      });
      expect(await t.send(commitRequest(controller.signal), interpret)).toEqual({ sid: 'sid-2' });
      expect(server.seen).toEqual({ hits: 2, delivered: 2 });
      expect(sleeps).toEqual([undefined]);
    } finally {
      await server.close();
    }
  });

  it('without commits the same abort cancels the request (the control case)', async () => {
    const controller = new AbortController();
    const server = await loopback((_req, res) => {
      controller.abort('caller gave up');
      setTimeout(() => res.end(JSON.stringify({ sid: 'sid-1' })), 30);
    });
    try {
      const error = await rejectionOf(
        transport({ baseUrls: [server.url] }).send(
          { operation: 'start', method: 'POST', path: '/start', body: {}, signal: controller.signal },
          interpret,
        ),
      );
      expect(error).toBeInstanceOf(AbortError);
    } finally {
      await server.close();
    }
  });

  it('commits: true — an abort before the request is sent still cancels it', async () => {
    const controller = new AbortController();
    controller.abort();
    const scope = nock(HOST).post('/start').reply(200, {});
    const error = await rejectionOf(
      transport().send(
        {
          operation: 'start',
          method: 'POST',
          path: '/start',
          body: {},
          commits: true,
          signal: controller.signal,
        },
        interpret,
      ),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(scope.isDone()).toBe(false);
  });
});

describe('Transport: observation costs nothing when nobody observes', () => {
  function countingBody(): { body: Record<string, unknown>; reads: () => number } {
    let reads = 0;
    const body = {
      get storage() {
        reads++;
        return { bucket: 'b', secretKey: 'SK-123456' };
      },
    };
    return { body, reads: () => reads };
  }

  it('without a logger or hooks the body is read once, for JSON.stringify only', async () => {
    nock(HOST)
      .post('/x', { storage: { bucket: 'b', secretKey: 'SK-123456' } })
      .reply(200, {});
    const { body, reads } = countingBody();
    await transport().send({ operation: 'op', method: 'POST', path: '/x', body }, interpret);
    expect(reads()).toBe(1);
  });

  it('with a logger the body is also read for the redacted copy (the counter sees it)', async () => {
    nock(HOST).post('/x').reply(200, {});
    const { body, reads } = countingBody();
    await transport({ logger: { debug: () => {} } }).send(
      { operation: 'op', method: 'POST', path: '/x', body },
      interpret,
    );
    expect(reads()).toBeGreaterThan(1);
  });

  it('a hook that throws (or rejects) does not fail the call; the logger hears of it without its message', async () => {
    nock(HOST).get('/x').reply(503, {}).get('/x').reply(200, { ok: 1 });
    const warnings: string[] = [];
    const value = await transport({
      logger: { warn: (message, meta) => void warnings.push(message + JSON.stringify(meta ?? {})) },
      hooks: {
        onRequest: () => {
          throw new Error(`hook saw ${SECRET}`);
        },
        onResponse: async () => {
          throw new Error(`hook saw ${SECRET}`);
        },
        onRetry: () => {
          throw new TypeError('retry hook');
        },
      },
    }).send({ operation: 'op', method: 'GET', path: '/x' }, interpret);
    expect(value).toEqual({ ok: 1 });
    const text = warnings.join('\n');
    expect(text).toContain('onRequest');
    expect(text).toContain('onResponse');
    expect(text).toContain('onRetry');
    expect(text).not.toContain(SECRET);
  });
});

describe('Transport: what the interpreter and the caller learn', () => {
  it('passes the attempt number to the interpreter', async () => {
    nock(HOST).get('/x').reply(503, {}).get('/x').reply(502, {}).get('/x').reply(200, {});
    const attempts: number[] = [];
    await transport().send({ operation: 'op', method: 'GET', path: '/x' }, (raw, context) => {
      attempts.push(context.attempt);
      return interpret(raw);
    });
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('tells the interpreter whether an earlier attempt may have acted (not after a refusal the vendor explained)', async () => {
    const rateLimited = (raw: RawResponse): Interpretation<unknown> =>
      raw.status === 429
        ? { ok: false, error: new RateLimitError('slow down', { httpStatus: 429 }) }
        : interpret(raw);
    /** The flags the interpreter sees for a scripted run of answers. */
    const flagsFor = async (script: (scope: nock.Scope) => void): Promise<boolean[]> => {
      script(nock(HOST));
      const flags: boolean[] = [];
      await transport({ maxRetries: 3 }).send(
        { operation: 'op', method: 'GET', path: '/x' },
        (raw, context) => {
          flags.push(context.earlierAttemptMayHaveActed);
          return rateLimited(raw);
        },
      );
      return flags;
    };
    // a 429 is a refusal; a 5xx without a code may have been carried out
    expect(
      await flagsFor((scope) =>
        scope.get('/x').reply(429, {}).get('/x').reply(503, {}).get('/x').reply(200, {}),
      ),
    ).toEqual([false, false, true]);
    // a connection dropped after sending: the vendor may have acted (the interpreter sees only the answer)
    expect(
      await flagsFor((scope) => scope.get('/x').replyWithError(connectionReset()).get('/x').reply(200, {})),
    ).toEqual([true]);
  });

  it('a refused connection (never sent) does not count as an attempt that may have acted', async () => {
    const server = await loopback(() => {});
    const refusedUrl = server.url;
    await server.close();
    nock(HOST).get('/x').reply(200, {});
    const flags: boolean[] = [];
    await transport({ baseUrls: [refusedUrl, HOST] }).send(
      { operation: 'op', method: 'GET', path: '/x' },
      (raw, context) => {
        flags.push(context.earlierAttemptMayHaveActed);
        return interpret(raw);
      },
    );
    expect(flags).toEqual([false]);
  });

  it('gives the interpreter a scrub that knows the provider and request secrets', async () => {
    nock(HOST).get('/x').reply(200, {});
    let scrubbed = '';
    await transport().send(
      { operation: 'op', method: 'GET', path: '/x', secrets: ['req-secret-5555'] },
      (_raw, context) => {
        scrubbed = context.scrub(`a ${SECRET} b req-secret-5555 c`);
        return { ok: true, value: null };
      },
    );
    expect(scrubbed).toBe('a [REDACTED] b [REDACTED] c');
  });

  it('an interpreter that throws is not a network failure: not retried, and a RecordingError', async () => {
    let hits = 0;
    nock(HOST)
      .post('/start')
      .times(3)
      .reply(() => {
        hits++;
        return [200, { sid: 's' }];
      });
    const error = await rejectionOf(
      transport().send(
        { operation: 'start', method: 'POST', path: '/start', body: {}, commits: true },
        () => {
          throw new TypeError("Cannot read properties of undefined (reading 'Data')");
        },
      ),
    );
    // the vendor answered: sending the start again could start a second recording
    expect(hits).toBe(1);
    expect(error).toBeInstanceOf(RecordingError);
    expect(error).not.toBeInstanceOf(NetworkError);
    expect((error as RecordingError).retryable).toBe(false);
  });

  it('marks a refused connection as not sent (wasNotSent), and a reset one as possibly sent', async () => {
    const server = await loopback(() => {});
    const url = server.url;
    await server.close();
    const refused = await rejectionOf(
      transport({ baseUrls: [url], maxRetries: 0 }).send(
        { operation: 'start', method: 'POST', path: '/x', body: {} },
        interpret,
      ),
    );
    expect(refused).toBeInstanceOf(NetworkError);
    expect((refused as NetworkError).message).toContain('ECONNREFUSED');
    expect(wasNotSent(refused)).toBe(true);

    nock(HOST).post('/x').replyWithError(connectionReset());
    const reset = await rejectionOf(
      transport({ maxRetries: 0 }).send(
        { operation: 'start', method: 'POST', path: '/x', body: {} },
        interpret,
      ),
    );
    expect(reset).toBeInstanceOf(NetworkError);
    expect(wasNotSent(reset)).toBe(false);
    expect(wasNotSent(new Error('x'))).toBe(false);
    expect(wasNotSent(undefined)).toBe(false);
  });

  it('sends through the given httpAgent', async () => {
    let connections = 0;
    class CountingAgent extends http.Agent {
      override createConnection(...args: Parameters<http.Agent['createConnection']>) {
        connections++;
        return super.createConnection(...args);
      }
    }
    const server = await loopback((_req, res) => res.end('{"ok":1}'));
    try {
      const agent = new CountingAgent();
      expect(
        await transport({ baseUrls: [server.url], httpAgent: agent }).send(
          { operation: 'op', method: 'GET', path: '/x' },
          interpret,
        ),
      ).toEqual({
        ok: 1,
      });
      expect(connections).toBe(1);
      // without it, the default agent is used
      await transport({ baseUrls: [server.url] }).send(
        { operation: 'op', method: 'GET', path: '/x' },
        interpret,
      );
      expect(connections).toBe(1);
      agent.destroy();
    } finally {
      await server.close();
    }
  });
});
