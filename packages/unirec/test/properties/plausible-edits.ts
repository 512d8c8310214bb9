import type { Capabilities } from '@unirec/core';
import { STORAGE_VENDORS } from '@unirec/core/adapter';
import fc from 'fast-check';
import { describeValue } from './fuzz-env.js';
import { Hostile } from './hostile-values.js';
import type { Key } from './mutations.js';

/**
 * Plausible edits of a start request: a field set to a value of the right type, biased to the edges
 * of the vendor's capability table (inside, on and just past each limit). What core accepts of these
 * must then be accepted by the strict simulator.
 */

/** A field set to a value at an exact path (parents created when missing). */
export interface PathEdit {
  path: Key[];
  value: Hostile;
}

export const PARTICIPANTS = ['1001', '1002', '1003'] as const;

/** A plain value as a Hostile (printed short, cloned for every use). */
export const plainValue = (value: unknown) =>
  new Hostile(describeValue(value), () => structuredCloneSafe(value));

function structuredCloneSafe<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

/** Integers around a range: inside, on and just past both ends, and far past. */
function around([min, max]: readonly [number, number]): fc.Arbitrary<number> {
  return fc.oneof(
    fc.integer({ min, max }),
    fc.constantFrom(min - 1, min, max, max + 1, 0, -1, max * 2),
    fc.integer({ min: Math.max(-10, min - 10), max: max + 10 }),
  );
}

export const idArb = fc.oneof(
  fc.constantFrom(...PARTICIPANTS, '4294967295', '4294967296', '0', '01', 'user_a', 'a:b', 'room-2:1001'),
  fc.integer({ min: 1, max: 2 ** 32 }).map(String),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/),
  fc.stringMatching(/^[A-Za-z0-9_-]{60,70}$/),
);
const ROOM_CHARS = [...'abcXYZ0129 !#$%&()+-:;<=.>?@[]^_{}|~,/\\*\'`"é'];

function roomArb(caps: Capabilities): fc.Arbitrary<string> {
  const max = caps.room.maxBytes;
  return fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9_-]{1,80}$/),
    fc.string({ unit: fc.constantFrom(...ROOM_CHARS), minLength: 1, maxLength: 40 }),
    fc.constantFrom(
      'r'.repeat(max),
      'r'.repeat(max + 1),
      'é'.repeat(Math.floor(max / 2) + 1),
      'room 1',
      'room/1',
    ),
  );
}

function fraction(): fc.Arbitrary<number> {
  return fc.oneof(fc.constantFrom(0, 0.25, 0.5, 0.75, 1, 1 / 3), fc.double({ min: 0, max: 1, noNaN: true }));
}

function regionArb(): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record(
      {
        participant: idArb,
        width: fc.double({ min: 0.05, max: 1, noNaN: true }),
        height: fc.double({ min: 0.05, max: 1, noNaN: true }),
        tx: fraction(),
        ty: fraction(),
        zIndex: fc.integer({ min: -1, max: 101 }),
        fit: fc.constantFrom('cover', 'contain', 'stretch'),
        alpha: fc.oneof(fraction(), fc.constantFrom(-0.1, 1.1)),
        placeholderImage: fc.constantFrom('https://example.com/p.png', 'ftp://example.com/p.png'),
      },
      { requiredKeys: ['width', 'height', 'tx', 'ty'] },
    )
    .map(({ tx, ty, ...r }) => ({ ...r, x: (1 - r.width) * tx, y: (1 - r.height) * ty }));
}

export function layoutArb(caps: Capabilities): fc.Arbitrary<unknown> {
  const background = fc.record(
    {
      color: fc.constantFrom('#000000', '#FFFFFF', '#abcdef', '#12345', 'red'),
      image: fc.constantFrom('https://example.com/bg.jpg', 'http://x'),
    },
    { requiredKeys: [] },
  );
  const preset = fc.record(
    {
      preset: fc.constantFrom('grid', 'speaker', 'pip', 'mosaic'),
      focus: idArb,
      background,
      slots: fc.integer({ min: 0, max: 65 }),
    },
    { requiredKeys: ['preset'] },
  );
  const regions = fc.record(
    { regions: fc.array(regionArb(), { minLength: 0, maxLength: caps.layout.maxRegions + 1 }), background },
    { requiredKeys: ['regions'] },
  );
  return fc.oneof(preset, regions);
}

/** Values of the right type for each field, biased to the edges of the capability table. */
export function plausibleEdit(caps: Capabilities): fc.Arbitrary<PathEdit> {
  const v = caps.video;
  const formats = fc.subarray(['hls', 'mp4', 'flv', 'mp3', 'jpg'], { minLength: 0, maxLength: 3 });
  const fields: Array<[Key[], fc.Arbitrary<unknown>]> = [
    [['room'], roomArb(caps)],
    [['mode'], fc.constantFrom('composite', 'individual', 'web', 'mixed')],
    [['media'], fc.constantFrom('audio', 'video', 'audio+video', 'none')],
    [
      ['participants'],
      fc.oneof(
        fc.record({ include: fc.array(idArb, { maxLength: caps.participants.maxInclude + 1 }) }),
        fc.record({ exclude: fc.array(idArb, { maxLength: 3 }) }),
        fc.constant({}),
      ),
    ],
    [['participants', 'include'], fc.uniqueArray(idArb, { maxLength: caps.participants.maxInclude + 1 })],
    [['layout'], layoutArb(caps)],
    [['layout', 'focus'], idArb],
    [
      ['video'],
      fc.record(
        {
          width: around(v.width),
          height: around(v.height),
          fps: around(v.fps),
          bitrateKbps: around(v.bitrateKbps),
        },
        { requiredKeys: ['width', 'height'] },
      ),
    ],
    [['video', 'width'], around(v.width)],
    [['video', 'height'], around(v.height)],
    [['video', 'fps'], around(v.fps)],
    [['video', 'bitrateKbps'], around(v.bitrateKbps)],
    [
      ['audio'],
      fc.record(
        {
          sampleRateHz: fc.constantFrom(8000, 16000, 32000, 44100, 48000, 96000),
          bitrateKbps: around(caps.audio.bitrateKbps ?? [1, 512]),
          channels: fc.constantFrom(1, 2, 3),
        },
        { requiredKeys: [] },
      ),
    ],
    [
      ['output'],
      fc.record(
        {
          formats,
          snapshotIntervalSec: around(caps.snapshot.intervalSec),
          maxIdleSec: around(caps.maxIdleSec ?? [5, 86_400]),
          maxDurationSec: around(caps.maxDurationSec ?? [300, 86_400]),
        },
        { requiredKeys: [] },
      ),
    ],
    [['output', 'formats'], formats],
    [['storage', 'vendor'], fc.constantFrom(...STORAGE_VENDORS)],
    [
      ['storage', 'region'],
      fc.constantFrom(
        'cn-hangzhou',
        'oss-cn-hangzhou',
        'us-east-1',
        'ap-southeast-1',
        'cn-shanghai',
        'CN_Hangzhou',
        'mars-1',
        'a'.repeat(65),
      ),
    ],
    [
      ['storage', 'bucket'],
      fc.oneof(
        fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,70}$/),
        fc.constantFrom('bucket-1250000000', 'a', '.bucket', 'b'.repeat(256)),
      ),
    ],
    [
      ['storage', 'prefix'],
      fc.array(
        fc.oneof(fc.stringMatching(/^[A-Za-z0-9]{1,20}$/), fc.constantFrom('a_b', 'a/b', 'x'.repeat(129))),
        { maxLength: 33 },
      ),
    ],
    [
      ['storage', 'endpoint'],
      fc.constantFrom(
        'oss-cn-hangzhou.aliyuncs.com',
        'https://storage.example.com',
        'https://storage.example.com/path',
        'storage.example.com:9000',
        'not a host',
      ),
    ],
    [['storage', 'accessKey'], fc.constantFrom('AKIDEXAMPLEFUZZ0001', 'a b', 'k'.repeat(1025))],
    [['token'], fc.constantFrom('007eJxTfuzz-token', 't'.repeat(2049), 'a b')],
    [['recorderUid'], fc.oneof(idArb, fc.constantFrom('0', '4294967295', '4294967296', '999999'))],
    [
      ['callbackUrl'],
      fc.constantFrom(
        'https://hooks.example.com/unirec',
        'http://hooks.example.com/x?token=abc',
        'https://exa mple.com',
        'ftp://x',
      ),
    ],
    [['idempotencyKey'], fc.oneof(fc.stringMatching(/^[A-Za-z0-9_.~-]{1,70}$/), fc.constantFrom('', 'a b'))],
    [
      ['web'],
      fc.record(
        {
          url: fc.constantFrom('https://example.com/board', 'http://localhost:3000', 'ftp://x'),
          maxDurationSec: around(caps.maxDurationSec ?? [1, 86_400]),
          audio: fc.boolean(),
        },
        { requiredKeys: ['url'] },
      ),
    ],
  ];
  return fc.oneof(...fields.map(([path, arb]) => arb.map((value) => ({ path, value: plainValue(value) }))));
}
