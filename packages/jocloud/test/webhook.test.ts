import {
  ValidationError,
  type WebhookReceiver,
  WebhookVerificationError,
  isRecordingError,
} from '@unirec/core/adapter';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { DEFAULT_MAX_WEBHOOK_BODY_BYTES as JOCLOUD_DEFAULT_MAX_BODY_BYTES } from '@unirec/core/adapter';
import { createJoCloudWebhookReceiver } from './internals.js';
import { RESULT_CALLBACK, issuePaths, thrown } from './fixtures.js';

const TOKEN = 'cb-token-0123456789abcdef';
const URL_OK = `/jocloud/callback?room=abcabc&token=${TOKEN}`;
const receiver = createJoCloudWebhookReceiver({ token: TOKEN });
const body = (value: unknown = RESULT_CALLBACK) => JSON.stringify(value);

const status = (context: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  body({
    msgid: 'RECORD-rec1-17394cfdc6f',
    product: 1,
    msgtype: 1,
    notifytime: 1595929500000,
    context: { appid: 123123, roomid: 'abcabc', uid: ['0'], recordid: 'rec1', ...context },
    ...extra,
  });

function verificationError(fn: () => unknown): WebhookVerificationError {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return error as WebhookVerificationError;
}

describe('options', () => {
  it('the receiver is a core WebhookReceiver (with the optional requestUrl)', () => {
    expectTypeOf(receiver).toExtend<WebhookReceiver>();
  });

  it('{} or no options is a ValidationError naming token', () => {
    for (const options of [{}, undefined, null, 'token']) {
      const error = thrown(() => createJoCloudWebhookReceiver(options as never));
      expect(error).toBeInstanceOf(ValidationError);
      expect(issuePaths(error)).toEqual(['token']);
    }
  });

  it('a short, empty or non-string token is refused; false is accepted on purpose', () => {
    for (const token of ['', 'short', 'x'.repeat(15), 'x'.repeat(1025), 42, true, null, undefined]) {
      expect(issuePaths(thrown(() => createJoCloudWebhookReceiver({ token } as never)))).toEqual(['token']);
    }
    expect(() => createJoCloudWebhookReceiver({ token: false })).not.toThrow();
  });

  it('a bad maxBodyBytes or appId is refused', () => {
    for (const maxBodyBytes of [0, -1, 1.5, Number.NaN, 2 ** 40, '1000']) {
      expect(
        issuePaths(thrown(() => createJoCloudWebhookReceiver({ token: false, maxBodyBytes } as never))),
      ).toEqual(['maxBodyBytes']);
    }
    expect(issuePaths(thrown(() => createJoCloudWebhookReceiver({ token: false, appId: -3 })))).toEqual([
      'appId',
    ]);
  });
});

describe('token in the callback URL query', () => {
  it('the right token is accepted (string and bytes bodies)', () => {
    expect(receiver.receive(body(), {}, URL_OK).type).toBe('recording.file_uploaded');
    expect(receiver.receive(new TextEncoder().encode(body()), {}, URL_OK).type).toBe(
      'recording.file_uploaded',
    );
    expect(
      receiver.receive(Buffer.from(body()), {}, `/cb?token=${encodeURIComponent(TOKEN)}#x`).sessionId,
    ).toBe('ec0b460a0000b5794f66e14d5ab7d4ab9c166');
  });

  it('a wrong token, one of another length, or none is refused', () => {
    for (const url of [
      `/cb?token=${TOKEN.slice(0, -1)}X`,
      `/cb?token=${TOKEN}0`,
      `/cb?token=${TOKEN.slice(0, 8)}`,
      '/cb?token=',
      '/cb?tok=' + TOKEN,
      '/cb',
      `/cb#token=${TOKEN}`,
      `/cb?TOKEN=${TOKEN}`,
    ]) {
      verificationError(() => receiver.receive(body(), {}, url));
    }
  });

  it('no requestUrl is refused with a message saying to pass req.url', () => {
    for (const url of [undefined, '', 42]) {
      expect(verificationError(() => receiver.receive(body(), {}, url as never)).message).toMatch(/req\.url/);
    }
  });

  it('two token parameters are refused (ambiguous)', () => {
    verificationError(() => receiver.receive(body(), {}, `/cb?token=${TOKEN}&token=other-token-0123456`));
    verificationError(() => receiver.receive(body(), {}, `/cb?token=other-token-0123456&token=${TOKEN}`));
  });

  it('a header cannot stand in for the query token', () => {
    verificationError(() => receiver.receive(body(), { token: TOKEN, 'x-unirec-token': TOKEN }, '/cb'));
  });

  it('{ token: false } accepts callbacks without a token', () => {
    const open = createJoCloudWebhookReceiver({ token: false });
    expect(open.receive(body(), {}).type).toBe('recording.file_uploaded');
  });
});

describe('bodies', () => {
  it('a parsed object, null, a number or undefined is refused, saying to pass the raw body', () => {
    for (const raw of [RESULT_CALLBACK, null, 42, undefined, [body()]]) {
      const error = verificationError(() => receiver.receive(raw as never, {}, URL_OK));
      expect(error.message).toMatch(/raw request body/);
    }
  });

  it('a body over maxBodyBytes is refused before parsing (default 1 MiB)', () => {
    const big = `${' '.repeat(JOCLOUD_DEFAULT_MAX_BODY_BYTES)}${body()}`;
    expect(verificationError(() => receiver.receive(big, {}, URL_OK)).message).toMatch(
      /larger than maxBodyBytes \(1048576\)/,
    );
    expect(verificationError(() => receiver.receive(Buffer.from(big), {}, URL_OK)).message).toMatch(/larger/);
    const small = createJoCloudWebhookReceiver({ token: false, maxBodyBytes: 100 });
    expect(() => small.receive('x'.repeat(101), {})).toThrow(/larger than maxBodyBytes \(100\)/);
    // 40 characters of 3 bytes each: 120 bytes, over the limit though the string is short
    expect(() => small.receive('€'.repeat(40), {})).toThrow(/larger than maxBodyBytes \(100\)/);
    // the size check comes before the token check
    expect(() => receiver.receive(big, {}, '/cb')).toThrow(/larger/);
  });

  it('a body that is not a JOCloud callback is refused', () => {
    for (const raw of [
      'not json',
      '[]',
      '"text"',
      '{}',
      body({ ...RESULT_CALLBACK, msgid: undefined }),
      body({ ...RESULT_CALLBACK, msgtype: 'two' }),
      body({ ...RESULT_CALLBACK, notifytime: 'yesterday' }),
      body({ ...RESULT_CALLBACK, context: 'x' }),
      body({ ...RESULT_CALLBACK, notifytime: 9e15 }),
      body({ ...RESULT_CALLBACK, notifytime: 0 }),
    ]) {
      verificationError(() => receiver.receive(raw, {}, URL_OK));
    }
  });

  it('a callback for another AppID is refused when appId is given', () => {
    const strictApp = createJoCloudWebhookReceiver({ token: false, appId: 10034 });
    verificationError(() => strictApp.receive(body(), {}));
    expect(
      strictApp.receive(
        body({ ...RESULT_CALLBACK, context: { ...RESULT_CALLBACK.context, appid: 10034 } }),
        {},
      ).type,
    ).toBe('recording.file_uploaded');
  });

  it('a UTF-8 byte order mark is tolerated', () => {
    expect(receiver.receive(`\uFEFF${body()}`, {}, URL_OK).type).toBe('recording.file_uploaded');
  });
});

describe('events', () => {
  it('msgtype 2 (the documented example) → recording.file_uploaded with the file', () => {
    const event = receiver.receive(body(), {}, URL_OK);
    expect(event).toMatchObject({
      vendor: 'jocloud',
      type: 'recording.file_uploaded',
      eventId: RESULT_CALLBACK.msgid,
      sessionId: 'ec0b460a0000b5794f66e14d5ab7d4ab9c166',
      room: 'abcabc',
      vendorEvent: 2,
      occurredAt: new Date(1595929517000),
      files: [{ kind: 'index', url: 'http://xxxxx.m3u8', durationMs: 9000, upload: 'uploaded' }],
    });
    expect(event.raw).toEqual(RESULT_CALLBACK);
  });

  it('msgtype 1 → recording.status; a msgname naming the change gives the precise event and state', () => {
    const open = createJoCloudWebhookReceiver({ token: false });
    expect(open.receive(status({ msgname: 'recordtask_status' }), {})).toMatchObject({
      type: 'recording.status',
      reason: 'recordtask_status',
      sessionId: 'rec1',
    });
    expect(open.receive(status({ msgname: 'recordtask_started' }), {})).toMatchObject({
      type: 'recording.started',
      state: 'recording',
    });
    expect(open.receive(status({ msgname: 'recordtask_stopped' }), {})).toMatchObject({
      type: 'recording.stopped',
      state: 'stopped',
    });
    expect(open.receive(status({ msgname: 'recordtask_start_failed' }), {})).toMatchObject({
      type: 'recording.failed',
      state: 'failed',
      reason: 'recordtask_start_failed',
    });
    // words, not substrings: "pending" holds "end" but is no end
    expect(open.receive(status({ msgname: 'recordtask_pending' }), {}).type).toBe('recording.status');
    // a status code (the queryrecord table) gives the state
    expect(open.receive(status({ status: 1 }), {}).state).toBe('recording');
    expect(open.receive(status({ status: 0 }), {}).state).toBe('starting');
    expect(open.receive(status({ status: 9 }), {}).state).toBeUndefined();
  });

  it('unknown msgtypes and other products → vendor.other, never an error', () => {
    const open = createJoCloudWebhookReceiver({ token: false });
    expect(open.receive(status({}, { msgtype: 7 }), {})).toMatchObject({
      type: 'vendor.other',
      vendorEvent: 7,
      sessionId: 'rec1',
    });
    expect(open.receive(status({}, { product: 2 }), {}).type).toBe('vendor.other');
  });

  it('unreadable context fields are dropped, the callback still accepted (raw keeps them)', () => {
    const open = createJoCloudWebhookReceiver({ token: false });
    const event = open.receive(
      body({
        ...RESULT_CALLBACK,
        context: { ...RESULT_CALLBACK.context, uid: 'not-a-list', duration: 'long', roomid: { x: 1 } },
      }),
      {},
    );
    expect(event.room).toBeUndefined();
    expect(event.files![0]!.durationMs).toBeUndefined();
  });
});

describe('hostile callbacks never throw anything but a unirec error', () => {
  const open = createJoCloudWebhookReceiver({ token: false });
  const hostile = [
    '{"__proto__":{"polluted":1},"msgid":"m","product":1,"msgtype":2,"notifytime":1595929517000,"context":{"__proto__":{"x":1}}}',
    '{"msgid":"m\\ud800","product":1,"msgtype":1,"notifytime":1595929517000,"context":{"msgname":"\\udc00stop","roomid":"\\ud800"}}',
    '{"msgid":"m","product":1e400,"msgtype":2,"notifytime":1595929517000,"context":{}}',
    '{"msgid":"m","product":1,"msgtype":2,"notifytime":1595929517000,"context":{"fileaddress":"http://%zz","starttime":1e300,"duration":-5}}',
    '{"msgid":"m","product":1,"msgtype":2,"notifytime":1595929517000,"context":{"fileaddress":["x",1,null]}}',
    `{"msgid":"${'m'.repeat(600)}","product":1,"msgtype":2,"notifytime":1,"context":{}}`,
    '{"msgid":"m","product":1,"msgtype":99999999999999999999,"notifytime":1595929517000,"context":{}}',
    JSON.stringify({
      msgid: 'm',
      product: 1,
      msgtype: 2,
      notifytime: 1595929517000,
      context: { uid: ['a'.repeat(1e5)] },
    }),
    '\u0000\u0001',
    '{"a":'.repeat(5000),
  ];
  it.each(hostile.map((h, i) => [i, h]))('case %i', (_i, raw) => {
    try {
      const event = open.receive(raw as string, {});
      expect(event.vendor).toBe('jocloud');
      expect(Number.isNaN(event.occurredAt.getTime())).toBe(false);
    } catch (error) {
      expect(isRecordingError(error), String(error)).toBe(true);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
