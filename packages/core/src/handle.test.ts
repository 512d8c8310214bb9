import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { decodeHandle, decodeSessionRef, encodeHandle } from './handle.js';

const schema = z.object({ taskId: z.string(), canvas: z.object({ w: z.number(), h: z.number() }) });

describe('session handles', () => {
  const payload = { taskId: 'ab-12/+=?&é', canvas: { w: 1280, h: 720 } };

  it('round-trips and uses only URL-safe characters', () => {
    const handle = encodeHandle('zego', payload);
    expect(handle).toMatch(/^[A-Za-z0-9._~=-]+$/);
    expect(handle.startsWith('ur1.zego.')).toBe(true);
    expect(decodeHandle('zego', handle, schema)).toEqual(payload);
    expect(decodeSessionRef('zego', { handle } as never, schema)).toEqual(payload);
  });

  it('rejects a handle of another vendor, a corrupt one and garbage', () => {
    const handle = encodeHandle('zego', payload);
    const bad = [
      encodeHandle('agora', payload),
      handle.slice(0, -4),
      `${handle}%`,
      'ur2.zego.abc',
      '',
      42,
      encodeHandle('zego', { taskId: 1 }),
    ];
    for (const value of bad) {
      expect(() => decodeHandle('zego', value, schema), String(value)).toThrow(ValidationError);
    }
    expect(() => decodeHandle('zego', encodeHandle('agora', payload), schema)).toThrow(
      /belongs to vendor 'agora'/,
    );
  });
});
