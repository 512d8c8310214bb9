import { createHash } from 'node:crypto';
import { ValidationError, WebhookVerificationError } from '@unirec/core';
import { describe, expect, it } from 'vitest';
import { createZegoWebhookReceiver, zegoCallbackSignature } from '../src/index.js';

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
    [2, 'recording.failed', undefined],
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
    }
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
