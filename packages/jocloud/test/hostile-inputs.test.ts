import { type StartRecordingRequest, isRecordingError } from '@unirec/core/adapter';
import { describe, expect, it } from 'vitest';
import { toJoCloudStartRecord } from './internals.js';
import {
  ACCESS_KEY,
  APP_ID,
  SECRET_KEY,
  compositeRequest,
  onlyUnirecErrors,
  ossStorage,
  plan,
} from './fixtures.js';

/**
 * Hostile values at every field a caller controls, through the pipeline a provider runs (core's schema,
 * then the JOCloud mapping): the outcome is a plan or a unirec error, never a TypeError / RangeError /
 * URIError, and never a secret in the error.
 */

const HOSTILE: unknown[] = [
  '\uD800',
  'a\uDC00b',
  '',
  ' ',
  ':',
  'a'.repeat(5000),
  '__proto__',
  'constructor',
  '%E0%A4%A',
  '../../etc',
  0,
  -1,
  1.5,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER + 2,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -0,
  true,
  null,
  undefined,
  [],
  ['\uD800'],
  {},
  JSON.parse('{"__proto__":{"polluted":true}}'),
  { toString: 'x' },
  () => 1,
  Symbol('s'),
  10n,
];

type Path = Array<string | number>;

const PATHS: Path[] = [
  ['room'],
  ['mode'],
  ['media'],
  ['participants'],
  ['participants', 'include'],
  ['participants', 'include', 0],
  ['participants', 'include', 1],
  ['layout'],
  ['layout', 'preset'],
  ['layout', 'focus'],
  ['layout', 'background'],
  ['layout', 'background', 'color'],
  ['layout', 'background', 'image'],
  ['video'],
  ['video', 'width'],
  ['video', 'height'],
  ['video', 'fps'],
  ['video', 'bitrateKbps'],
  ['audio', 'sampleRateHz'],
  ['audio', 'channels'],
  ['output', 'formats'],
  ['output', 'maxIdleSec'],
  ['output', 'maxDurationSec'],
  ['storage'],
  ['storage', 'vendor'],
  ['storage', 'region'],
  ['storage', 'endpoint'],
  ['storage', 'bucket'],
  ['storage', 'accessKey'],
  ['storage', 'prefix'],
  ['storage', 'prefix', 0],
  ['callbackUrl'],
  ['token'],
  ['vendorOptions'],
  ['vendorOptions', 'jocloud'],
  ['vendorOptions', 'jocloud', 'mixconfig'],
  ['vendorOptions', 'jocloud', 'mixconfig', 'templateid'],
  ['vendorOptions', 'jocloud', 'mixconfig', 'output'],
  ['vendorOptions', 'jocloud', 'mixconfig', 'output', 'watermark'],
  ['vendorOptions', 'jocloud', 'mixconfig', 'output', 'watermark', 'imageList'],
  ['vendorOptions', 'jocloud', 'mixconfig', 'output', 'watermark', 'textList', 0, 'x'],
  ['vendorOptions', 'jocloud', 'mixconfig', 'output', 'base64seidata'],
  ['vendorOptions', 'jocloud', 'mixconfig', 'output', 'patch'],
  ['vendorOptions', 'jocloud', 'storagecfg'],
];

const REGIONS_REQUEST = (): StartRecordingRequest => ({
  ...compositeRequest(),
  layout: {
    regions: [
      { participant: '1001', x: 0, y: 0, width: 0.5, height: 1, zIndex: 3, alpha: 0.4 },
      { participant: 'other:1002', x: 0.5, y: 0, width: 0.5, height: 1 },
    ],
  },
  participants: { include: ['1001', 'other:1002'] },
  vendorOptions: {
    jocloud: {
      mixconfig: { output: { watermark: { textList: [{ x: 1, y: 1, content: 'c', size: 10 }] } } },
    },
  },
});

function setPath(target: Record<string, unknown>, path: Path, value: unknown): void {
  let node: any = target;
  for (const key of path.slice(0, -1)) {
    if (node[key] === null || typeof node[key] !== 'object') node[key] = typeof key === 'number' ? [] : {};
    node = node[key];
  }
  node[path[path.length - 1]!] = value;
}

/** structuredClone where possible; functions, symbols and bigints are set as they are. */
function clone<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'symbol' || typeof value === 'bigint' || typeof value === 'function')
    return typeof value;
  return JSON.stringify(value) ?? String(value);
}

function check(request: unknown, label: string): void {
  const outcome = onlyUnirecErrors(() => plan(request), label);
  if (isRecordingError(outcome)) {
    const text = `${outcome.message} ${JSON.stringify(outcome)}`;
    expect(text, label).not.toContain(SECRET_KEY);
    expect(text, label).not.toContain(ACCESS_KEY);
  } else {
    // a plan is valid JSON for JOCloud: serialisable, no lone surrogate in what is sent
    const json = JSON.stringify((outcome as { body: unknown }).body);
    expect(json, label).not.toMatch(/\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i);
  }
}

describe('hostile values at every request field', () => {
  for (const base of [compositeRequest, REGIONS_REQUEST]) {
    it(`${base === compositeRequest ? 'preset' : 'regions'} request: ${PATHS.length} fields × ${HOSTILE.length} values`, () => {
      for (const path of PATHS) {
        for (const value of HOSTILE) {
          const request = clone(base()) as unknown as Record<string, unknown>;
          setPath(request, path, clone(value));
          check(request, `${path.join('.')} = ${describeValue(value)}`);
        }
      }
    });
  }

  it('random combinations (seeded) of several hostile fields at once', () => {
    let seed = 12345;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 1500; round++) {
      const request = clone(REGIONS_REQUEST()) as unknown as Record<string, unknown>;
      const changes = 1 + random(4);
      for (let c = 0; c < changes; c++) {
        const value = HOSTILE[random(HOSTILE.length)];
        setPath(request, PATHS[random(PATHS.length)]!, clone(value));
      }
      check(request, `round ${round}`);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('individual requests too', () => {
    for (const value of HOSTILE) {
      for (const path of [['participants', 'include', 0], ['room'], ['storage', 'endpoint']] as Path[]) {
        const request = {
          room: 'class7',
          mode: 'individual',
          participants: { include: ['1001'] },
          storage: ossStorage(),
        } as unknown as Record<string, unknown>;
        setPath(request, path, clone(value));
        check(request, `individual ${path.join('.')}`);
      }
    }
  });
});

describe('the start pipeline (core’s schema and capability checks, then the mapping)', () => {
  it('refuses a lone surrogate in room, uid or endpoint with a unirec error', () => {
    for (const change of [
      { room: '\uD800' },
      { participants: { include: ['\uDC00'] } },
      { storage: ossStorage({ endpoint: 'oss\uD800.test' }) },
    ]) {
      onlyUnirecErrors(
        () =>
          toJoCloudStartRecord({ ...compositeRequest(), ...change } as StartRecordingRequest, {
            appId: APP_ID,
            strict: false,
          }),
        JSON.stringify(change),
      );
    }
  });
});
