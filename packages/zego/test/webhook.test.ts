import { createHash } from 'node:crypto';
import { ValidationError, WebhookVerificationError } from '@unirec/core';
import { describe, expect, it } from 'vitest';
import { createZegoWebhookReceiver, zegoCallbackSignature } from './internals.js';

const SECRET = 'callback-secret-for-tests';
const NOW = 1_637_753_949_000;

/** Signs like ZEGO's PHP sample: sort([secret, timestamp, nonce], SORT_STRING), implode, sha1. */
function sign(body: Record<string, unknown>, secret = SECRET): string {
  const parts = [secret, String(body.timestamp), String(body.nonce)].sort();
  return JSON.stringify({ ...body, signature: createHash('sha1').update(parts.join('')).digest('hex') });
}

const base = {
  app_id: 1234567890,
  task_id: 'YZ4joOE4IwmFAAAT',
  room_id: '6677',
  nonce: '100480',
  timestamp: '1637753949',
  sequence: 1,
  message: '',
};
const receiver = createZegoWebhookReceiver({ callbackSecret: SECRET, now: () => NOW });

describe('callback signature', () => {
  it('reproduces the official vector (nonce 123412, timestamp 1470820198, secret "secret")', () => {
    expect(zegoCallbackSignature('secret', '1470820198', '123412')).toBe(
      '5bd59fd62953a8059fb7eaba95720f66d19e4517',
    );
    const r = createZegoWebhookReceiver({ callbackSecret: 'secret', now: () => 1_470_820_198_000 });
    const event = r.receive(
      JSON.stringify({
        ...base,
        nonce: '123412',
        timestamp: '1470820198',
        event_type: 5,
        signature: '5bd59fd62953a8059fb7eaba95720f66d19e4517',
      }),
      {},
    );
    expect(event.type).toBe('recording.stopped');
  });

  it('rejects a wrong or missing signature, a stale timestamp, and bodies that are not ZEGO callbacks', () => {
    const good = JSON.parse(sign({ ...base, event_type: 5 })) as Record<string, unknown>;
    const bad = [
      JSON.stringify({ ...good, signature: '0'.repeat(40) }),
      JSON.stringify({ ...good, signature: undefined }),
      JSON.stringify({ ...good, nonce: '100481' }),
      sign({ ...base, event_type: 5 }, 'another-secret'),
      sign({ ...base, event_type: undefined }),
      'not json',
      '[1,2]',
    ];
    for (const body of bad) expect(() => receiver.receive(body, {}), body).toThrow(WebhookVerificationError);
    const late = createZegoWebhookReceiver({
      callbackSecret: SECRET,
      toleranceSec: 60,
      now: () => NOW + 61_000,
    });
    expect(() => late.receive(sign({ ...base, event_type: 5 }), {})).toThrow(/window/);
    const anyTime = createZegoWebhookReceiver({
      callbackSecret: SECRET,
      toleranceSec: false,
      now: () => NOW + 86_400_000,
    });
    expect(anyTime.receive(sign({ ...base, event_type: 5 }), {}).type).toBe('recording.stopped');
  });

  it('needs a callbackSecret', () => {
    expect(() => createZegoWebhookReceiver({ callbackSecret: '' })).toThrow(ValidationError);
    expect(() => createZegoWebhookReceiver({ callbackSecret: 's', toleranceSec: -1 })).toThrow(
      ValidationError,
    );
  });
});

describe('what the receiver takes', () => {
  it('needs the raw body: a parsed object is refused, telling to pass the raw body', () => {
    const body = sign({ ...base, event_type: 5 });
    expect(receiver.receive(body, {}).type).toBe('recording.stopped');
    expect(receiver.receive(Buffer.from(body), {}).type).toBe('recording.stopped');
    for (const parsed of [JSON.parse(body), null, 42]) {
      expect(() => receiver.receive(parsed as never, {})).toThrow(WebhookVerificationError);
    }
    expect(() => receiver.receive(JSON.parse(body) as never, {})).toThrow(/raw body/);
  });

  it('refuses bodies over maxBodyBytes (1 MiB by default) before parsing them', () => {
    const huge = sign({ ...base, event_type: 5, message: 'x'.repeat(1024 * 1024) });
    expect(() => receiver.receive(huge, {})).toThrow(/maxBodyBytes \(1048576\)/);
    expect(() => receiver.receive(Buffer.from(huge), {})).toThrow(WebhookVerificationError);
    const small = createZegoWebhookReceiver({ callbackSecret: SECRET, maxBodyBytes: 100, now: () => NOW });
    expect(() => small.receive(sign({ ...base, event_type: 5 }), {})).toThrow(/maxBodyBytes \(100\)/);
  });

  it('without `sequence`, eventId is task:event_type:timestamp:nonce — the same for a resent callback', () => {
    const { sequence: _, ...unsequenced } = base;
    const body = sign({ ...unsequenced, event_type: 5 });
    const first = receiver.receive(body, {});
    expect(first.eventId).toBe('YZ4joOE4IwmFAAAT:5:1637753949:100480');
    expect(receiver.receive(body, {}).eventId).toBe(first.eventId);
    expect(receiver.receive(sign({ ...unsequenced, event_type: 5, nonce: '100481' }), {}).eventId).not.toBe(
      first.eventId,
    );
    expect(receiver.receive(sign({ ...base, event_type: 5 }), {}).eventId).toBe('YZ4joOE4IwmFAAAT:1');
  });

  it('toleranceSec: false accepts a callback of any age (documented UNSAFE: replays verify forever)', () => {
    const body = JSON.stringify({
      ...base,
      nonce: '123412',
      timestamp: '1470820198', // August 2016
      event_type: 5,
      signature: '5bd59fd62953a8059fb7eaba95720f66d19e4517',
    });
    const strictClock = createZegoWebhookReceiver({ callbackSecret: 'secret' });
    expect(() => strictClock.receive(body, {})).toThrow(/300 s window/);
    const unsafe = createZegoWebhookReceiver({ callbackSecret: 'secret', toleranceSec: false });
    expect(unsafe.receive(body, {}).occurredAt.toISOString()).toBe('2016-08-10T09:09:58.000Z');
  });

  it('the signature does not cover the body: an edited file_url still verifies (use provider.confirmEvent)', () => {
    const fileInfo = {
      file_id: 'a.mp4',
      file_url: 'https://bucket.example/a.mp4',
      status: 3,
      stream_id: 's',
    };
    const genuine = JSON.parse(sign({ ...base, event_type: 1, detail: { file_info: [fileInfo] } }));
    const edited = JSON.stringify({
      ...genuine,
      detail: { file_info: [{ ...fileInfo, file_url: 'https://attacker.example/a.mp4' }] },
    });
    const event = receiver.receive(edited, {});
    expect(event.files?.[0]?.url).toBe('https://attacker.example/a.mp4');
  });
});

describe('events', () => {
  it('event_type 1 → recording.file_uploaded with the files (official sample)', () => {
    const body = sign({
      ...base,
      event_type: 1,
      detail: {
        upload_status: 1,
        file_info: [
          {
            begin_timestamp: 1637753762084,
            duration: 170039,
            file_id: 'YZ4joOE4IwmFAAAT_6677_800221_800221_VA_20211124113602084.mp4',
            file_size: 25349026,
            file_url: 'https://bucket.example/YZ4joOE4IwmFAAAT_6677_800221_800221_VA_20211124113602084.mp4',
            media_track_type: 3,
            output_file_format: 'mp4',
            resolution_height: 720,
            resolution_width: 1280,
            status: 3,
            stream_id: '800221',
            user_id: '800221',
            user_name: 'play_800221',
            video_id: '',
          },
        ],
      },
    });
    const event = receiver.receive(new TextEncoder().encode(body), { 'content-type': 'application/json' });
    expect(event).toMatchObject({
      vendor: 'zego',
      type: 'recording.file_uploaded',
      room: '6677',
      sessionId: 'YZ4joOE4IwmFAAAT',
      eventId: 'YZ4joOE4IwmFAAAT:1',
      vendorEvent: 1,
    });
    expect(event.occurredAt.getTime()).toBe(1637753949000);
    expect(event.files).toEqual([
      {
        name: 'YZ4joOE4IwmFAAAT_6677_800221_800221_VA_20211124113602084.mp4',
        kind: 'audio+video',
        participant: '800221',
        startedAt: new Date(1637753762084),
        url: 'https://bucket.example/YZ4joOE4IwmFAAAT_6677_800221_800221_VA_20211124113602084.mp4',
        sizeBytes: 25349026,
        durationMs: 170039,
        upload: 'uploaded',
      },
    ]);
    expect(event.raw).toMatchObject({ event_type: 1 });
  });

  it.each([
    [2, 'recording.failed', 'failed'],
    [3, 'recording.warning', undefined],
    [4, 'recording.warning', undefined],
    [5, 'recording.stopped', 'stopped'],
    [6, 'recording.warning', undefined],
    [7, 'recording.status', 'stopping'],
    [201, 'recording.status', 'paused'],
    [202, 'recording.status', 'recording'],
    [999, 'vendor.other', undefined],
  ])('event_type %i → %s', (eventType, type, state) => {
    const event = receiver.receive(sign({ ...base, event_type: eventType, detail: { quit_reason: 3 } }), {});
    expect(event.type).toBe(type);
    expect(event.state).toBe(state);
    if (eventType === 2) {
      expect(event.quitReason).toBe(3);
      expect(event.reason).toMatch(/MaxIdleTime/);
    } else expect(event.reason).toBeUndefined();
  });

  it('recording.failed without quit_reason takes ZEGO’s message as the neutral reason', () => {
    const event = receiver.receive(
      sign({ ...base, event_type: 2, message: 'engine crashed', detail: {} }),
      {},
    );
    expect(event).toMatchObject({ type: 'recording.failed', state: 'failed', reason: 'engine crashed' });
    expect(event.quitReason).toBeUndefined();
  });

  it('event_type 102 carries the real-time HLS playlist as a file', () => {
    const event = receiver.receive(
      sign({
        ...base,
        event_type: 102,
        detail: {
          stream_id: 's1',
          file_id: 'a.m3u8',
          file_url: 'https://x.example/a.m3u8',
          media_track_type: 3,
        },
      }),
      {},
    );
    expect(event.files).toEqual([
      { name: 'a.m3u8', kind: 'audio+video', participant: 's1', url: 'https://x.example/a.m3u8' },
    ]);
  });
});
