import {
  AuthenticationError,
  ConflictError,
  NotFoundError,
  RateLimitError,
  type RecordingError,
  ValidationError,
  VendorError,
} from '@unirec/core';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { ZEGO_ERROR_CODES } from '../src/index.js';
import {
  STORAGE_SECRET_KEY,
  compositeRegionsRequest,
  isValidSignature,
  noNetwork,
  zegoProvider,
} from './helpers.js';
import { FAKE_SERVER_SECRET } from './zego-fake.js';

noNetwork();
const BASE = 'https://errors.zego.test';
const HANDLE_TASK = 'TASK-0123456789a';

/** A valid handle for TaskId HANDLE_TASK, made by starting once against a stub. */
async function session() {
  nock(BASE)
    .post('/')
    .query(true)
    .reply(200, { Code: 0, Message: 'succeed', RequestId: 'r0', Data: { TaskId: HANDLE_TASK } });
  return zegoProvider(BASE).start(compositeRegionsRequest());
}

async function failureOf(promise: Promise<unknown>): Promise<RecordingError> {
  try {
    await promise;
  } catch (e) {
    return e as RecordingError;
  }
  throw new Error('expected a failure');
}

afterEach(() => nock.cleanAll());

describe('ZEGO Code → error class', () => {
  const cases: Array<[number, new (...args: never[]) => RecordingError, boolean, RegExp]> = [
    [100000001, AuthenticationError, false, /appId and serverSecret/],
    [100000004, AuthenticationError, false, /clock/],
    [100000005, AuthenticationError, false, /serverSecret.*clock/],
    [300000003, RateLimitError, true, /rate limited/],
    [300000004, ValidationError, false, /RoomId is too long/],
    [300000006, VendorError, false, /concurrent/],
    [300001000, NotFoundError, false, /does not exist/],
    [300001001, NotFoundError, false, /already ended/],
    [300001004, ConflictError, false, /not paused/],
    [300010000, VendorError, true, /system error/],
    [123456789, VendorError, false, /unexpected ZEGOCLOUD error/],
  ];

  it.each(cases)(
    'Code %i on HTTP 200 → %o (retryable %s), with RequestId and ZEGO message',
    async (code, Class, retryable, hint) => {
      const s = await session();
      nock(BASE)
        .post('/')
        .query(true)
        .reply(200, {
          Code: code,
          Message: code === 300000004 ? 'RoomId is too long' : 'x',
          RequestId: `req-${code}`,
        });
      const error = await failureOf(zegoProvider(BASE, { maxRetries: 0 }).query(s));
      expect(error).toBeInstanceOf(Class);
      expect(error.retryable).toBe(retryable);
      expect(error.vendorCode).toBe(code);
      expect(error.requestId).toBe(`req-${code}`);
      expect(error.httpStatus).toBe(200);
      expect(error.operation).toBe('query');
      expect(error.message).toMatch(hint);
      expect(error.message).toContain(`req-${code}`);
      if (code === 300000004)
        expect((error as ValidationError).issues[0]!.message).toBe('RoomId is too long');
    },
  );

  it('every code of the table has a class and a hint', () => {
    expect(Object.keys(ZEGO_ERROR_CODES).length).toBeGreaterThanOrEqual(17);
    for (const rule of Object.values(ZEGO_ERROR_CODES)) expect(rule.hint.length).toBeGreaterThan(5);
  });

  it('retries 300000003 and 300010000 with a fresh signature each time, then succeeds', async () => {
    const s = await session();
    const queries: Array<Record<string, string>> = [];
    const answer = (status: number, body: Record<string, unknown>) => (uri: string) => {
      queries.push(Object.fromEntries(new URL(uri, BASE).searchParams));
      return [status, body] as const;
    };
    nock(BASE)
      .post('/')
      .query(true)
      .reply(answer(200, { Code: 300000003, Message: 'limit', RequestId: 'a' }))
      .post('/')
      .query(true)
      .reply(answer(500, { Code: 300010000, Message: 'sys', RequestId: 'b' }))
      .post('/')
      .query(true)
      .reply(answer(200, { Code: 0, Message: 'succeed', RequestId: 'c', Data: { Status: 2 } }));
    const status = await zegoProvider(BASE).query(s);
    expect(status.state).toBe('recording');
    expect(queries).toHaveLength(3);
    expect(new Set(queries.map((q) => q.SignatureNonce)).size).toBe(3);
    expect(new Set(queries.map((q) => q.Signature)).size).toBe(3);
    for (const q of queries) {
      expect(q.Action).toBe('DescribeRecordStatus');
      expect(isValidSignature(q)).toBe(true);
    }
  });

  it('handles non-2xx answers: 5xx retryable, 429 rate limit, 401 authentication, gateway HTML', async () => {
    const s = await session();
    const p = zegoProvider(BASE, { maxRetries: 0 });
    nock(BASE).post('/').query(true).reply(503, '<html>busy</html>');
    const busy = await failureOf(p.query(s));
    expect(busy).toBeInstanceOf(VendorError);
    expect(busy.retryable).toBe(true);
    expect(busy.httpStatus).toBe(503);
    nock(BASE).post('/').query(true).reply(429, '');
    expect(await failureOf(p.query(s))).toBeInstanceOf(RateLimitError);
    nock(BASE).post('/').query(true).reply(401, { error: 'unauthorized' });
    expect(await failureOf(p.query(s))).toBeInstanceOf(AuthenticationError);
    nock(BASE).post('/').query(true).reply(502, { Code: 300000004, Message: 'bad', RequestId: 'gw' });
    const coded = await failureOf(p.query(s));
    expect(coded).toBeInstanceOf(ValidationError);
    expect(coded.requestId).toBe('gw');
  });

  it('Code 0 with an unexpected Data shape is a VendorError, not a crash', async () => {
    const s = await session();
    nock(BASE)
      .post('/')
      .query(true)
      .reply(200, { Code: 0, Message: 'succeed', RequestId: 'z', Data: { Status: 'two' } });
    const error = await failureOf(zegoProvider(BASE, { maxRetries: 0 }).query(s));
    expect(error).toBeInstanceOf(VendorError);
    expect(error.requestId).toBe('z');
  });

  it('StopRecord 300001001 → alreadyStopped; 300001000 → NotFoundError', async () => {
    const s = await session();
    const p = zegoProvider(BASE, { maxRetries: 0 });
    nock(BASE)
      .post('/')
      .query((q) => q.Action === 'StopRecord')
      .reply(200, { Code: 300001001, Message: 'ended', RequestId: 's1' })
      .post('/')
      .query((q) => q.Action === 'DescribeRecordStatus')
      .reply(200, { Code: 0, Message: 'succeed', RequestId: 's2', Data: { Status: 3 } });
    const result = await p.stop(s);
    expect(result).toMatchObject({ alreadyStopped: true, files: [], upload: 'unknown' });
    nock(BASE).post('/').query(true).reply(200, { Code: 300001000, Message: 'no task', RequestId: 's3' });
    expect(await failureOf(p.stop(s))).toBeInstanceOf(NotFoundError);
  });

  it('scrubs the server secret and storage keys from vendor messages', async () => {
    nock(BASE)
      .post('/')
      .query(true)
      .reply(200, {
        Code: 300000004,
        Message: `AccessKeySecret ${STORAGE_SECRET_KEY} rejected; secret ${FAKE_SERVER_SECRET}`,
        RequestId: 'x',
      });
    const error = await failureOf(zegoProvider(BASE, { maxRetries: 0 }).start(compositeRegionsRequest()));
    const text = `${String(error)} ${JSON.stringify(error)} ${JSON.stringify((error as ValidationError).issues)}`;
    expect(error).toBeInstanceOf(ValidationError);
    expect(text).not.toContain(STORAGE_SECRET_KEY);
    expect(text).not.toContain(FAKE_SERVER_SECRET);
    expect(text).toContain('[REDACTED]');
  });
});
