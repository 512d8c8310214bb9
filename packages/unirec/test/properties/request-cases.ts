import type { Capabilities, RecordingMode, StartRecordingRequest, Vendor } from '@unirec/core';
import fc from 'fast-check';
import { PARTICIPANTS, type PathEdit, plainValue, plausibleEdit } from './plausible-edits.js';
import {
  type Key,
  type Mutation,
  applyMutation,
  isPlainContainer,
  mutationArb,
  pathText,
  setPath,
} from './mutations.js';
import {
  HOSTILE_NUMBERS,
  HOSTILE_STRINGS,
  Hostile,
  POLLUTING_JSON,
  hostileKey,
  hostileValue,
} from './hostile-values.js';

/**
 * Start requests for the property tests: valid base requests built from a vendor's capability
 * table alone (storage 'aliyun-oss' in 'cn-hangzhou' and numeric participant ids work on every
 * vendor), then two kinds of change, both generated as recipes applied at run time:
 * - plausible edits: a field set to a value of the right type, often on or just past a limit of the
 *   capability table (what core accepts must then be accepted by the strict simulator);
 * - mutations: any node of the request replaced or deleted, or an extra key added, with a hostile
 *   value (NaN, ±Infinity, -0, 1e13, 2**53+1, 100 KB strings, lone surrogates, RTL, emoji, NUL,
 *   `__proto__` / `constructor` keys as JSON.parse makes them, wrong types, deep nesting).
 */

/** Secrets of every base request: none may appear in an error. */
export const REQUEST_SECRETS = {
  accessKey: 'FUZZACCESSKEY7HQ2LM9ZX',
  secretKey: 'fuzz-storage-secret-N4p8Wd2Rk',
  token: 'fuzz-rtc-token-Vb6Tj3Yc8Qs',
} as const;

export type BaseName = 'composite-preset' | 'composite-regions' | 'individual' | 'web';
export const BASE_NAMES: readonly BaseName[] = ['composite-preset', 'composite-regions', 'individual', 'web'];

function storage(): StartRecordingRequest['storage'] {
  return {
    vendor: 'aliyun-oss',
    region: 'cn-hangzhou',
    bucket: 'fuzz-bucket',
    accessKey: REQUEST_SECRETS.accessKey,
    secretKey: REQUEST_SECRETS.secretKey,
    prefix: ['fuzz', 'run'],
  };
}

function formatFor(caps: Capabilities, mode: RecordingMode): StartRecordingRequest['output'] {
  const allowed = caps.formatsByMode?.[mode] ?? caps.formats;
  const format = allowed.includes('hls') ? 'hls' : allowed.find((f) => f !== 'jpg');
  return format ? { formats: [format] } : undefined;
}

/** The vendor's own valid requests, from its capability table (undefined: the vendor lacks the mode). */
export function baseRequests(caps: Capabilities): Partial<Record<BaseName, StartRecordingRequest>> {
  const out: Partial<Record<BaseName, StartRecordingRequest>> = {};
  const room = 'fuzz-room-1';
  if (caps.modes.includes('composite')) {
    const common: StartRecordingRequest = {
      room,
      mode: 'composite',
      participants: { include: [PARTICIPANTS[0], PARTICIPANTS[1]] },
      video: { width: 1280, height: 720, fps: 15, bitrateKbps: 1500 },
      storage: storage(),
      token: REQUEST_SECRETS.token,
    };
    const output = formatFor(caps, 'composite');
    if (output) common.output = output;
    out['composite-preset'] = {
      ...common,
      layout: { preset: caps.presets[0] ?? 'grid', background: { color: '#102030' } },
    };
    out['composite-regions'] = {
      ...structuredClone(common),
      layout: {
        regions: [
          { participant: PARTICIPANTS[0], x: 0, y: 0, width: 0.5, height: 1 },
          { participant: PARTICIPANTS[1], x: 0.5, y: 0, width: 0.5, height: 1 },
        ],
      },
    };
  }
  if (caps.modes.includes('individual')) {
    const request: StartRecordingRequest = {
      room,
      mode: 'individual',
      participants: { include: [PARTICIPANTS[0]] },
      storage: storage(),
      token: REQUEST_SECRETS.token,
    };
    const output = formatFor(caps, 'individual');
    if (output) request.output = output;
    out.individual = request;
  }
  if (caps.modes.includes('web')) {
    out.web = { room, mode: 'web', web: { url: 'https://example.com/fuzz-board' }, storage: storage() };
  }
  return out;
}

export interface StartCase {
  base: BaseName;
  edits: PathEdit[];
  mutations: Mutation[];
}

/** vendorOptions: raw vendor fields, the caller's responsibility (see the header of the test). */
function vendorOptionsEdit(vendor: Vendor): fc.Arbitrary<PathEdit> {
  const leaf = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(...HOSTILE_NUMBERS),
    fc.constantFrom(...HOSTILE_STRINGS),
  );
  const key = fc.oneof(
    fc.constantFrom(
      'start',
      'acquire',
      'webServiceParam',
      'rtmpUrl',
      'StorageParams',
      'RecordInputParams',
      'RecordOutputParams',
      'mixconfig',
      'recordConfig',
      'clientRequest',
    ),
    hostileKey,
  );
  const raw = fc.oneof(
    fc.object({ key, values: [leaf], maxDepth: 5, maxKeys: 5 }).map(plainValue),
    fc
      .constantFrom(...POLLUTING_JSON)
      .map((json) => new Hostile(`JSON.parse(${json})`, () => JSON.parse(json))),
    fc.constant(new Hostile('{ start: { nested × 300 } }', () => ({ start: deep(300) }))),
    hostileValue,
  );
  const target = fc.oneof(
    { weight: 6, arbitrary: fc.constant<Key[]>(['vendorOptions', vendor]) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Key[]>(
        ['vendorOptions', 'agora'],
        ['vendorOptions', 'zego'],
        ['vendorOptions', 'jocloud'],
        ['vendorOptions'],
      ),
    },
    { weight: 1, arbitrary: hostileKey.map<Key[]>((k) => ['vendorOptions', k]) },
  );
  return fc.record({ path: target, value: raw });
}

function deep(depth: number): unknown {
  let value: unknown = { leaf: 1 };
  for (let i = 0; i < depth; i++) value = { nested: value };
  return value;
}

/** Start cases for a vendor: plausible edits, hostile mutations, vendorOptions, and mixes of them. */
export function startCaseArb(
  vendor: Vendor,
  caps: Capabilities,
  bases: readonly BaseName[],
): fc.Arbitrary<StartCase> {
  const base = fc.constantFrom(...bases);
  const plausible = plausibleEdit(caps);
  return fc.oneof(
    {
      weight: 1,
      arbitrary: fc.record({
        base,
        edits: fc.array(plausible, { minLength: 0, maxLength: 4 }),
        mutations: fc.constant<Mutation[]>([]),
      }),
    },
    {
      weight: 7,
      arbitrary: fc.record({
        base,
        edits: fc.array(plausible, { maxLength: 2 }),
        mutations: fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        base,
        edits: fc
          .tuple(vendorOptionsEdit(vendor), fc.array(plausible, { maxLength: 2 }))
          .map(([vo, rest]) => [vo, ...rest]),
        mutations: fc.array(mutationArb, { maxLength: 1 }),
      }),
    },
  );
}

/** Builds the request of a case; `applied` says in words what was changed (for failure messages). */
export function buildRequest(
  bases: Partial<Record<BaseName, StartRecordingRequest>>,
  c: StartCase,
): { request: unknown; applied: string[] } {
  let request: unknown = structuredClone(bases[c.base]);
  const applied: string[] = [`base ${c.base}`];
  for (const edit of c.edits) {
    setPath(request as Record<Key, unknown>, edit.path, edit.value.value());
    applied.push(`set ${pathText(edit.path)} = ${edit.value.label}`);
  }
  for (const m of c.mutations) {
    const result = applyMutation(request, m);
    request = result.root;
    applied.push(result.text);
  }
  return { request, applied };
}

/** The request with vendorOptions removed (to tell a refusal caused by the caller's raw fields). */
export function withoutVendorOptions(request: unknown): unknown {
  if (!isPlainContainer(request) || Array.isArray(request) || !('vendorOptions' in request)) return request;
  const { vendorOptions: _omit, ...rest } = request as Record<string, unknown>;
  return rest;
}

/** Whether the request carries vendorOptions for `vendor` (raw fields merged into its body). */
export function hasOwnVendorOptions(request: unknown, vendor: Vendor): boolean {
  const options = isPlainContainer(request) ? (request as Record<string, unknown>).vendorOptions : undefined;
  return isPlainContainer(options) && Object.hasOwn(options, vendor);
}
