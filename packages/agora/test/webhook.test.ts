import { createHmac } from 'node:crypto';
import { ValidationError, WebhookVerificationError } from '@unirec/core/adapter';
import { describe, expect, it } from 'vitest';
import { createAgoraWebhookReceiver } from './internals.js';

/** Test vectors derived here with node:crypto (the docs' published examples do not reproduce). */
const SECRET = 'ncs-secret-7Hq2';
const NOW = 1_700_000_000_000;
const sha256 = (body: string | Buffer, secret = SECRET) =>
  createHmac('sha256', secret).update(body).digest('hex');
const sha1 = (body: string | Buffer, secret = SECRET) =>
  createHmac('sha1', secret).update(body).digest('hex');

function notice(
  eventType: number,
  details: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) {
  return JSON.stringify({
    noticeId: `n-${eventType}`,
    productId: 3,
    eventType,
    notifyMs: NOW - 1000,
    payload: {
      cname: 'room-1',
      uid: '527841',
      sid: 'SID-1',
      sequence: 1,
      sendts: NOW - 1200,
      serviceType: 0,
      details,
    },
    ...extra,
  });
}
const receiver = (options: { toleranceSec?: number } = {}) =>
  createAgoraWebhookReceiver({ secret: SECRET, now: () => NOW, ...options });
const fails = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
};

describe('signature verification', () => {
  const body = notice(40);

  it('accepts Agora-Signature-V2 (HMAC-SHA256) and Agora-Signature (HMAC-SHA1), header names in any case', () => {
    expect(receiver().receive(body, { 'agora-signature-v2': sha256(body) }).type).toBe('recording.started');
    expect(receiver().receive(body, { 'Agora-Signature-V2': sha256(body).toUpperCase() }).type).toBe(
      'recording.started',
    );
    expect(receiver().receive(body, { 'AGORA-SIGNATURE': sha1(body) }).type).toBe('recording.started');
    expect(receiver().receive(Buffer.from(body), { 'agora-signature': [sha1(body)] }).eventId).toBe('n-40');
  });

  it('verifies the raw bytes: the same JSON re-serialised does not verify', () => {
    const spaced = JSON.stringify(JSON.parse(body), null, 2);
    expect(fails(() => receiver().receive(spaced, { 'agora-signature-v2': sha256(body) }))).toBeInstanceOf(
      WebhookVerificationError,
    );
  });

  it('non-ASCII bodies are signed over their UTF-8 bytes', () => {
    const utf8 = notice(40, {}, { payload: { cname: '会议室', sid: 'S' } });
    expect(
      receiver().receive(new TextEncoder().encode(utf8), {
        'agora-signature-v2': sha256(Buffer.from(utf8, 'utf8')),
      }).room,
    ).toBe('会议室');
  });

  it.each([
    ['no signature header', {}],
    ['a wrong V2 signature', { 'agora-signature-v2': sha256(body, 'other-secret') }],
    ['a wrong V1 signature', { 'agora-signature': sha1(body, 'other-secret') }],
    ['a V1 value in the V2 header', { 'agora-signature-v2': sha1(body) }],
    ['an empty signature', { 'agora-signature-v2': '' }],
  ])('rejects %s', (_name, headers) => {
    expect(fails(() => receiver().receive(body, headers))).toBeInstanceOf(WebhookVerificationError);
  });

  it('a V2 header is checked even when a valid V1 header is present', () => {
    expect(
      fails(() => receiver().receive(body, { 'agora-signature-v2': 'bad', 'agora-signature': sha1(body) })),
    ).toBeInstanceOf(WebhookVerificationError);
  });

  it('rejects a stale notifyMs (replay) and a body that is not an NCS notification', () => {
    const old = notice(40, {}, { notifyMs: NOW - 301_000 });
    expect(fails(() => receiver().receive(old, { 'agora-signature-v2': sha256(old) })).message).toContain(
      '300 s',
    );
    expect(receiver({ toleranceSec: 3600 }).receive(old, { 'agora-signature-v2': sha256(old) }).type).toBe(
      'recording.started',
    );
    for (const bad of ['not json', '[1,2]', JSON.stringify({ hello: 'world' })]) {
      expect(fails(() => receiver().receive(bad, { 'agora-signature-v2': sha256(bad) }))).toBeInstanceOf(
        WebhookVerificationError,
      );
    }
  });

  it('needs a secret: a ValidationError naming it at construction', () => {
    for (const options of [{ secret: '' }, { secret: 42 }, {}, undefined, null]) {
      const error = fails(() => createAgoraWebhookReceiver(options as never));
      expect(error, JSON.stringify(options)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['secret']);
    }
  });
});

describe('hostile deliveries: WebhookVerificationError, never anything else', () => {
  const body = notice(40);

  it.each([
    ['a number', { 'agora-signature-v2': 42 }],
    ['an object', { 'agora-signature-v2': { toString: () => sha256(body) } }],
    ['an array of non-strings', { 'agora-signature-v2': [42], 'agora-signature': [null] }],
    ['null', { 'agora-signature-v2': null }],
  ])('a signature header that is %s', (_name, headers) => {
    expect(fails(() => receiver().receive(body, headers as never))).toBeInstanceOf(WebhookVerificationError);
  });

  it.each([
    ['headers that are not an object', 'agora-signature-v2'],
    ['undefined headers', undefined],
  ])('%s', (_name, headers) => {
    expect(fails(() => receiver().receive(body, headers as never))).toBeInstanceOf(WebhookVerificationError);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an array', [body]],
  ])('a body that is %s', (_name, raw) => {
    const error = fails(() => receiver().receive(raw as never, { 'agora-signature-v2': sha256(body) }));
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(error.message).toContain('raw');
  });

  it('a parsed object body (express.json()) is refused, saying to pass the raw body', () => {
    const error = fails(() => receiver().receive(JSON.parse(body), { 'agora-signature-v2': sha256(body) }));
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(error.message).toContain('parsed object');
    expect(error.message).toContain('raw body');
  });

  it('a 2 MiB body is refused before hashing (well under 50 ms), even with a valid signature', () => {
    const huge = JSON.stringify({ ...JSON.parse(body), padding: 'x'.repeat(2 * 1024 * 1024) });
    const headers = { 'agora-signature-v2': sha256(huge) };
    for (const raw of [huge, Buffer.from(huge)]) {
      const started = performance.now();
      const error = fails(() => receiver().receive(raw, headers));
      const elapsed = performance.now() - started;
      expect(error).toBeInstanceOf(WebhookVerificationError);
      expect(error.message).toContain('maxBodyBytes');
      expect(elapsed).toBeLessThan(50);
    }
  });

  it('maxBodyBytes is the limit: one byte over is refused, at the limit verified', () => {
    const limit = Buffer.byteLength(body);
    const at = createAgoraWebhookReceiver({ secret: SECRET, now: () => NOW, maxBodyBytes: limit });
    expect(at.receive(body, { 'agora-signature-v2': sha256(body) }).type).toBe('recording.started');
    const under = createAgoraWebhookReceiver({ secret: SECRET, now: () => NOW, maxBodyBytes: limit - 1 });
    expect(fails(() => under.receive(body, { 'agora-signature-v2': sha256(body) })).message).toContain(
      'maxBodyBytes',
    );
  });

  it('a signed body that is valid JSON but not a notice, or a notice with odd fields, is a verification error', () => {
    for (const bad of [
      JSON.stringify({ noticeId: 'n', productId: 3, eventType: '40', notifyMs: NOW }),
      JSON.stringify({ noticeId: 'n'.repeat(300), productId: 3, eventType: 40, notifyMs: NOW }),
      JSON.stringify({ noticeId: 'n', productId: 3, eventType: 40, notifyMs: NOW, payload: { cname: 7 } }),
      JSON.stringify({ noticeId: 'n', productId: 3, eventType: 40, notifyMs: Number.MAX_VALUE }),
    ]) {
      expect(
        fails(() => receiver().receive(bad, { 'agora-signature-v2': sha256(bad) })),
        bad.slice(0, 60),
      ).toBeInstanceOf(WebhookVerificationError);
    }
  });
});

describe('event normalisation', () => {
  const receive = (body: string) => receiver().receive(body, { 'agora-signature-v2': sha256(body) });

  it.each([
    [40, {}, 'recording.started'],
    [70, {}, 'recording.started'],
    [11, { exitStatus: 0 }, 'recording.stopped'],
    [11, { exitStatus: 1 }, 'recording.failed'],
    [1, { errorLevel: 5, errorCode: 52 }, 'recording.failed'],
    [2, { warnCode: 32 }, 'recording.warning'],
    [3, { status: 5 }, 'recording.status'],
    [33, { progress: 5000 }, 'recording.status'],
    [32, {}, 'recording.warning'],
    [41, {}, 'recording.status'],
    [1001, {}, 'vendor.other'],
    [555, {}, 'vendor.other'],
  ] as const)('eventType %i %j → %s', (eventType, details, type) => {
    const event = receive(notice(eventType, details));
    expect(event).toMatchObject({
      vendor: 'agora',
      type,
      room: 'room-1',
      sessionId: 'SID-1',
      eventId: `n-${eventType}`,
      vendorEvent: eventType,
    });
    expect(event.occurredAt).toEqual(new Date(NOW - 1000));
    expect(event.raw).toEqual(JSON.parse(notice(eventType, details)));
  });

  it('31 uploaded: the files from details.fileList', () => {
    const event = receive(
      notice(31, {
        msgName: 'uploaded',
        status: 0,
        fileList: [
          {
            fileName: 'a/b/sid_room.m3u8',
            trackType: 'audio_and_video',
            uid: '0',
            mixedAllUser: true,
            isPlayable: true,
            sliceStartTime: NOW - 60_000,
          },
          {
            fileName: 'a/b/sid_room_0.mp4',
            trackType: 'audio_and_video',
            uid: '0',
            mixedAllUser: true,
            isPlayable: true,
            sliceStartTime: NOW - 60_000,
          },
        ],
      }),
    );
    expect(event.type).toBe('recording.file_uploaded');
    expect(event.files).toEqual([
      { name: 'a/b/sid_room.m3u8', kind: 'audio+video', startedAt: new Date(NOW - 60_000) },
      { name: 'a/b/sid_room_0.mp4', kind: 'audio+video', startedAt: new Date(NOW - 60_000) },
    ]);
  });

  it('45 snapshot file → file_uploaded with a snapshot', () => {
    expect(receive(notice(45, { fileName: 'shot_1.jpg' })).files).toEqual([
      { name: 'shot_1.jpg', kind: 'snapshot' },
    ]);
  });

  it('another NCS product is vendor.other, never an error', () => {
    expect(receive(notice(40, {}, { productId: 1 })).type).toBe('vendor.other');
  });

  it('eventId is the noticeId: duplicates (NCS resends) share it', () => {
    const body = notice(31, { fileList: [] });
    expect(receive(body).eventId).toBe(receive(body).eventId);
  });
});
