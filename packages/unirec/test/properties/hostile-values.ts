import fc from 'fast-check';
import { describeValue } from './fuzz-env.js';

/**
 * Hostile values for the property tests. Each generated value is a `Hostile`: a short label (what a
 * failing counterexample prints: a 100 KB string is not printed whole) and a factory that builds a
 * fresh value for every use (so no case sees an object another case may have touched).
 */
export class Hostile {
  constructor(
    readonly label: string,
    private readonly make: () => unknown,
  ) {}
  value(): unknown {
    return this.make();
  }
  [fc.toStringMethod](): string {
    return this.label;
  }
}

const fixed = (label: string, value: unknown) => new Hostile(label, () => value);
const built = (label: string, make: () => unknown) => new Hostile(label, make);
const wrap = (value: unknown) => fixed(describeValue(value), value);

export const HUGE_STRING_CHARS = 100 * 1024;

/** Numbers no field accepts, and numbers on the edges of every numeric rule. */
export const HOSTILE_NUMBERS: readonly number[] = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  0,
  -1,
  0.5,
  1.5,
  1e13,
  2 ** 53 + 1,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  2 ** 31,
  2 ** 32 - 1,
  2 ** 32,
  -(2 ** 31),
  1e-300,
];

/** Strings that break parsers, logs and URLs: unicode edges, control characters, injection shapes. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\udc00\ud800',
  '\u202eevil\u202c',
  '\u200f\u05e9\u05dc\u05d5\u05dd',
  '😀',
  '👩‍👩‍👧‍👦',
  '\n',
  'a\r\nb',
  '\t',
  '\u007f',
  '\u0085',
  '\u2028\u2029',
  '\ufeff1001',
  'e\u0301',
  'null',
  'undefined',
  'NaN',
  '__proto__',
  'constructor',
  'toString',
  '1001',
  ' 1001',
  '1001 ',
  '01001',
  '-1',
  '1e3',
  '0x10',
  '4294967296',
  'composite',
  'hls',
  '#GGGGGG',
  'https://',
  'https://example.com/a b',
  'javascript:alert(1)',
  '../../../etc/passwd',
  '%00%2e%2e%2f',
  // a log-injection shape, written without a template-literal look-alike
  ['$', '{jndi:ldap://x}'].join(''),
  '<script>alert(1)</script>',
  "'; DROP TABLE x; --",
  '%s%n%x',
  'ur2.agora.e30',
];

/** Leaf values: numbers, strings, booleans, null/undefined, dates, big strings, and generated text. */
export const hostileLeaf: fc.Arbitrary<Hostile> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS).map(wrap) },
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map(wrap) },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, true, false).map(wrap) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('x', '1', 'é', '\ud800', '😀')
      .map((unit) =>
        built(`${JSON.stringify(unit)} × ${HUGE_STRING_CHARS / unit.length}`, () =>
          unit.repeat(HUGE_STRING_CHARS / unit.length),
        ),
      ),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }).map(wrap) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }).map(wrap) },
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: fc.constantFrom('\u0000', '\u001f', '\u202e', '\ud800', 'a', '1'), maxLength: 12 })
      .map(wrap),
  },
  { weight: 2, arbitrary: fc.double().map(wrap) },
  { weight: 2, arbitrary: fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).map(wrap) },
  { weight: 1, arbitrary: fc.constant(built('new Date(NaN)', () => new Date(Number.NaN))) },
);

/** JSON text whose `__proto__` / `constructor` keys become own properties (what a JSON body carries). */
export const POLLUTING_JSON: readonly string[] = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"__proto__":[1,2,3]}',
  '{"a":{"__proto__":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}',
];

function nested(depth: number, leaf: unknown, asArray: boolean): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { nested: value };
  return value;
}

/** Wrong shapes: arrays where objects go, objects where strings go, deep nesting, polluting keys. */
export const hostileShape: fc.Arbitrary<Hostile> = fc.oneof(
  fc.constant(built('[]', () => [])),
  fc.constant(built('{}', () => ({}))),
  fc.constant(built('[null]', () => [null])),
  fc.constant(built("['1001', '1001']", () => ['1001', '1001'])),
  fc.constant(built('Object.create(null)', () => Object.create(null))),
  fc.constantFrom(...POLLUTING_JSON).map((json) => built(`JSON.parse(${json})`, () => JSON.parse(json))),
  fc.constantFrom(8, 64, 400).map((depth) => built(`{nested:…} × ${depth}`, () => nested(depth, 1, false))),
  fc.constantFrom(8, 64, 400).map((depth) => built(`[[…]] × ${depth}`, () => nested(depth, 1, true))),
  fc.constant(built('Array(10000)', () => new Array(10_000))),
  fc.constant(built('10000 × "1001"', () => Array.from({ length: 10_000 }, () => '1001'))),
  fc.jsonValue({ maxDepth: 3 }).map(wrap),
  fc.object({ maxDepth: 2 }).map(wrap),
);

/** Values that JSON cannot carry: what a JavaScript caller may still pass. */
export const nonJsonValue: fc.Arbitrary<Hostile> = fc.constantFrom(
  fixed('10n', BigInt(10)),
  fixed('Symbol(x)', Symbol('x')),
  built('() => 1', () => () => 1),
  built('new Map([[1, 2]])', () => new Map([[1, 2]])),
  built('new Uint8Array(4)', () => new Uint8Array(4)),
  built('self-referencing object', () => {
    const o: Record<string, unknown> = { a: 1 };
    o.self = o;
    return o;
  }),
);

export const hostileValue: fc.Arbitrary<Hostile> = fc.oneof(
  { weight: 6, arbitrary: hostileLeaf },
  { weight: 3, arbitrary: hostileShape },
  { weight: 1, arbitrary: nonJsonValue },
);

/** Keys added to objects: prototype names, empty and odd keys, and plain extras. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '',
    ' ',
    '\u0000',
    '😀',
    'x'.repeat(1000),
    'extra',
    'secretKey',
    'handle',
  ),
  fc.string({ maxLength: 12 }),
);

/** Makes `key` an own property even when it is '__proto__' (as JSON.parse does). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
