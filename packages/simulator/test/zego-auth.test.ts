import { describe, expect, it } from 'vitest';
import { createZegoEmulator } from '../src/vendors/zego.js';
import { zegoCallbackSignature, zegoSignature } from '../src/vendors/zego-auth.js';
import { body, fakeContext, ZEGO_SEED_EXAMPLES, zegoRequest } from './helpers/vendor-context.js';

const START = ZEGO_SEED_EXAMPLES['OSS / S3 / COS / Kodo / OBS / EOS'];

describe('ZEGO signatures (official vectors)', () => {
  it('request signature: md5(AppId + SignatureNonce + ServerSecret + Timestamp)', () => {
    expect(zegoSignature(12345, '4fd24687296dd9f3', '9193cc662a4c0ec135ec71fb57194b38', 1615186943)).toBe(
      '43e5cfcca828314675f91b001390566a',
    );
  });

  it('callback signature: sha1 of sorted [secret, timestamp, nonce]', () => {
    expect(zegoCallbackSignature('secret', '1470820198', '123412')).toBe(
      '5bd59fd62953a8059fb7eaba95720f66d19e4517',
    );
  });

  it('accepts the official vector as a request when the clock and credentials match it', async () => {
    const ctx = fakeContext({ now: 1615186943_000 });
    ctx.credentials.zego = { appId: 12345, serverSecret: '9193cc662a4c0ec135ec71fb57194b38' };
    const req = zegoRequest(ctx, 'StartRecord', START, {
      SignatureNonce: '4fd24687296dd9f3',
      Timestamp: '1615186943',
      Signature: '43e5cfcca828314675f91b001390566a',
    });
    const res = body(await createZegoEmulator().handle(req, ctx));
    expect(res.Code).toBe(0);
    expect(res.Data.TaskId).toHaveLength(16);
  });
});

describe('ZEGO common parameters', () => {
  const call = async (action: string | undefined, override: Parameters<typeof zegoRequest>[3] = {}) => {
    const ctx = fakeContext();
    const res = await createZegoEmulator().handle(zegoRequest(ctx, action, START, override), ctx);
    expect(res.status).toBe(200);
    const b = body(res);
    expect(typeof b.RequestId).toBe('string');
    expect(b.RequestId.length).toBeGreaterThan(0);
    return b;
  };

  it.each([
    ['Action empty', '', {}, 100000006],
    ['Action unknown', 'StartRecording', {}, 100000007],
    ['AppId of another app', 'StartRecord', { AppId: '42' }, 100000001],
    ['AppId not a number', 'StartRecord', { AppId: 'abc' }, 100000001],
    ['SignatureVersion missing', 'StartRecord', { SignatureVersion: '' }, 100000013],
    ['SignatureVersion 1.0', 'StartRecord', { SignatureVersion: '1.0' }, 100000014],
    [
      'Timestamp 601 s old',
      'StartRecord',
      { Timestamp: String(Math.floor(Date.UTC(2025, 0, 1, 12) / 1000) - 601) },
      100000004,
    ],
    [
      'Timestamp 601 s ahead',
      'StartRecord',
      { Timestamp: String(Math.floor(Date.UTC(2025, 0, 1, 12) / 1000) + 601) },
      100000004,
    ],
    ['Timestamp in milliseconds', 'StartRecord', { Timestamp: String(Date.UTC(2025, 0, 1, 12)) }, 100000004],
    // the docs' example URL nonce is a 14-digit placeholder, not 16 hex characters
    ['SignatureNonce of the doc example URL', 'StartRecord', { SignatureNonce: '15215528852396' }, 100000005],
    ['SignatureNonce not hex', 'StartRecord', { SignatureNonce: 'zzzzzzzzzzzzzzzz' }, 100000005],
    ['Signature wrong', 'StartRecord', { Signature: '7a2c0f11145fb760d607a07b54825013' }, 100000005],
    ['Signature missing', 'StartRecord', { Signature: '' }, 100000005],
  ] as const)('%s → %i', async (_name, action, override, code) => {
    const b = await call(action, override);
    expect(b.Code).toBe(code);
    expect(b.Data).toBeUndefined();
  });

  it('accepts a timestamp 599 s away', async () => {
    const ts = String(Math.floor(Date.UTC(2025, 0, 1, 12) / 1000) - 599);
    expect((await call('StartRecord', { Timestamp: ts })).Code).toBe(0);
  });

  it('the signature uses the hex case sent (upper-case Signature is not the documented lowercase)', async () => {
    const ctx = fakeContext();
    const good = zegoRequest(ctx, 'StartRecord', START);
    const sig = good.url.searchParams.get('Signature') ?? '';
    const upper = zegoRequest(ctx, 'StartRecord', START, {
      SignatureNonce: good.url.searchParams.get('SignatureNonce') ?? '',
      Signature: sig.toUpperCase(),
    });
    expect(body(await createZegoEmulator().handle(upper, ctx)).Code).toBe(100000005);
  });

  it('rejects a replayed nonce, unless replay checks are off', async () => {
    const ctx = fakeContext();
    const req = zegoRequest(ctx, 'DescribeTasks', { Status: 2, StartTime: 1, EndTime: 2 });
    const strict = createZegoEmulator();
    await strict.handle(req, ctx);
    const again = body(await strict.handle(req, ctx));
    expect(again.Code).toBe(100000005);
    expect(again.Message).toMatch(/already used/);
    const lax = createZegoEmulator({ rejectReplayedNonce: false });
    await lax.handle(req, ctx);
    expect(body(await lax.handle(req, ctx)).Code).not.toBe(100000005);
  });

  it('answers a GET with 300000004', async () => {
    const b = await call('StartRecord', { method: 'GET' });
    expect(b.Code).toBe(300000004);
    expect(b.Message).toMatch(/POST/);
  });

  it('answers a body that is not JSON with 300000004', async () => {
    const b = await call('StartRecord', { rawBody: '{"RoomId":' });
    expect(b.Code).toBe(300000004);
  });
});

describe('ZEGO rate limits (ctx.allow per action)', () => {
  it('StartRecord: 50 per second, then 300000003', async () => {
    const ctx = fakeContext();
    const zego = createZegoEmulator();
    const codes: number[] = [];
    for (let i = 0; i < 51; i++)
      codes.push(body(await zego.handle(zegoRequest(ctx, 'StartRecord', START), ctx)).Code);
    expect(codes.slice(0, 50).every((c) => c === 0)).toBe(true);
    expect(codes[50]).toBe(300000003);
    // another action has its own bucket
    const other = body(await zego.handle(zegoRequest(ctx, 'DescribeTasks', {}), ctx));
    expect(other.Code).not.toBe(300000003);
    ctx.advance(1000);
    expect(body(await zego.handle(zegoRequest(ctx, 'StartRecord', START), ctx)).Code).toBe(0);
  });

  it('DescribeRecordStatus: 10 per second, keyed zego:<appId>:<Action>', async () => {
    const ctx = fakeContext();
    const keys: Array<[string, number]> = [];
    const allow = ctx.allow.bind(ctx);
    ctx.allow = (key, n) => {
      keys.push([key, n]);
      return allow(key, n);
    };
    const zego = createZegoEmulator();
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      codes.push(
        body(await zego.handle(zegoRequest(ctx, 'DescribeRecordStatus', { TaskId: 'nope' }), ctx)).Code,
      );
    }
    expect(codes.slice(0, 10).every((c) => c === 300001000)).toBe(true);
    expect(codes[10]).toBe(300000003);
    expect(keys[0]).toEqual(['zego:1234567890:DescribeRecordStatus', 10]);
  });
});

describe('ZEGO errorResponse', () => {
  it('is HTTP 200 {Code, Message, RequestId}', () => {
    const ctx = fakeContext();
    const res = createZegoEmulator().errorResponse(300010000, zegoRequest(ctx, 'StartRecord', {}));
    expect(res.status).toBe(200);
    expect(body(res)).toMatchObject({ Code: 300010000, Message: 'system error' });
    expect(body(res).RequestId).toBeTruthy();
  });
});
