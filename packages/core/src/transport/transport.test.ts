import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NetworkError, RecordingError, TimeoutError, ValidationError, VendorError } from '../errors.js';
import { createVendorTransport } from '../config.js';
import { Transport, malformedResponseError } from './transport.js';
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
      { vendor: 'zego', baseUrls: ['https://a', 'https://b'], requestsPerSecond: 10, secrets: [] },
    );
    expect(t.baseUrl).toBe('http://127.0.0.1:9');
  });
});
