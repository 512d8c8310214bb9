import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { MAX_HANDLE_LENGTH, decodeHandle, describeHandle, encodeHandle, handleOf } from './handle.js';

const schema = z.strictObject({ w: z.number(), tag: z.optional(z.string()) });
const parts = { room: 'room é/+?&', mode: 'composite' as const, sessionId: 'ab-12_cd', data: { w: 1280 } };

describe('session handles', () => {
  it('round-trip, use only URL-safe characters and are versioned and vendor-tagged', () => {
    const handle = encodeHandle('zego', parts);
    expect(handle).toMatch(/^ur2\.zego\.[A-Za-z0-9_-]+$/);
    expect(decodeHandle('zego', handle, schema)).toEqual(parts);
    expect(decodeHandle('zego', handleOf({ handle } as never), schema)).toEqual(parts);
  });

  it('describeHandle needs no provider: vendor, room, mode and sessionId', () => {
    expect(describeHandle(encodeHandle('agora', parts))).toEqual({
      vendor: 'agora',
      room: parts.room,
      mode: 'composite',
      sessionId: 'ab-12_cd',
    });
  });

  it('rejects another vendor, corrupt data, an older version, garbage and oversize strings', () => {
    const handle = encodeHandle('zego', parts);
    const reencode = (json: unknown) => `ur2.zego.${Buffer.from(JSON.stringify(json)).toString('base64url')}`;
    const bad: unknown[] = [
      encodeHandle('agora', parts),
      handle.slice(0, -4),
      `${handle}%`,
      handle.replace('ur2.', 'ur1.'),
      '',
      42,
      null,
      'x'.repeat(MAX_HANDLE_LENGTH + 1),
      reencode({ r: 'room', m: 'composite', s: 'id', d: { w: 'wide' } }),
      reencode({ r: 'room', m: 'composite', s: 'id', d: { w: 1, extra: true } }),
      reencode({ r: 'room', m: 'mixed', s: 'id', d: { w: 1 } }),
      reencode({ r: 'room', m: 'composite', s: 'has space', d: { w: 1 } }),
      reencode({ r: 'room', m: 'composite', d: { w: 1 } }),
      reencode([1, 2]),
    ];
    for (const value of bad) {
      expect(() => decodeHandle('zego', value, schema), String(value).slice(0, 40)).toThrow(ValidationError);
    }
    expect(() => decodeHandle('zego', encodeHandle('agora', parts), schema)).toThrow(
      /belongs to vendor 'agora'/,
    );
    expect(() => describeHandle('ur2.twilio.abc')).toThrow(ValidationError);
  });
});
