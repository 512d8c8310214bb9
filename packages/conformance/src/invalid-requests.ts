import type { StartRecordingRequest } from '@unirec/core';

/**
 * Neutral requests every provider must reject with a ValidationError before sending anything.
 * Each is a small mutation of the vendor's own valid composite request, with the field path the
 * error must name.
 */
export interface InvalidCase {
  name: string;
  request: StartRecordingRequest;
  /** a field path the ValidationError must mention */
  field: string;
}

type Mutable = Record<string, any>;

/** A deep copy of `base` with `change` applied (the cases never share objects). */
export function mutate(base: StartRecordingRequest, change: (r: Mutable) => void): StartRecordingRequest {
  const copy = structuredClone(base) as Mutable;
  change(copy);
  return copy as StartRecordingRequest;
}

export function invalidRequests(
  composite: StartRecordingRequest,
  individual: StartRecordingRequest,
): InvalidCase[] {
  const region = { participant: '1001', x: 0, y: 0, width: 0.5, height: 0.5 };
  return [
    { name: 'empty room', field: 'room', request: mutate(composite, (r) => (r.room = '')) },
    { name: 'unknown mode', field: 'mode', request: mutate(composite, (r) => (r.mode = 'mixed')) },
    { name: 'missing storage', field: 'storage', request: mutate(composite, (r) => delete r.storage) },
    {
      name: 'storage without bucket',
      field: 'storage.bucket',
      request: mutate(composite, (r) => delete r.storage.bucket),
    },
    {
      name: 'storage with an empty secretKey',
      field: 'storage.secretKey',
      request: mutate(composite, (r) => (r.storage.secretKey = '')),
    },
    {
      name: 'region x beyond the canvas',
      field: 'layout.regions[0].x',
      request: mutate(composite, (r) => (r.layout = { regions: [{ ...region, x: 1.2 }] })),
    },
    {
      name: 'region x + width over 1',
      field: 'layout.regions[1].x',
      request: mutate(
        composite,
        (r) => (r.layout = { regions: [region, { ...region, participant: '1002', x: 0.75 }] }),
      ),
    },
    {
      name: 'negative region height',
      field: 'layout.regions[0].height',
      request: mutate(composite, (r) => (r.layout = { regions: [{ ...region, height: -0.1 }] })),
    },
    {
      name: 'alpha over 1',
      field: 'layout.regions[0].alpha',
      request: mutate(composite, (r) => (r.layout = { regions: [{ ...region, alpha: 1.5 }] })),
    },
    {
      name: 'background colour not #RRGGBB',
      field: 'layout.background.color',
      request: mutate(composite, (r) => (r.layout = { preset: 'grid', background: { color: 'red' } })),
    },
    {
      name: 'the same participant in two regions',
      field: 'layout.regions[1].participant',
      request: mutate(composite, (r) => (r.layout = { regions: [region, { ...region, x: 0.5 }] })),
    },
    {
      name: 'unknown preset',
      field: 'layout',
      request: mutate(composite, (r) => (r.layout = { preset: 'mosaic' })),
    },
    {
      name: 'fps not an integer',
      field: 'video.fps',
      request: mutate(composite, (r) => (r.video = { width: 640, height: 360, fps: 12.5 })),
    },
    {
      name: 'zero video width',
      field: 'video.width',
      request: mutate(composite, (r) => (r.video = { width: 0, height: 360 })),
    },
    {
      name: 'layout in individual mode',
      field: 'layout',
      request: mutate(individual, (r) => (r.layout = { preset: 'grid' })),
    },
    {
      name: "mode 'web' without web.url",
      field: 'web',
      request: mutate(composite, (r) => {
        r.mode = 'web';
        delete r.layout;
        delete r.participants;
      }),
    },
    {
      name: 'a misspelt field',
      field: 'partcipants',
      request: mutate(composite, (r) => (r.partcipants = { include: ['1'] })),
    },
    {
      name: 'empty output formats',
      field: 'output.formats',
      request: mutate(composite, (r) => (r.output = { formats: [] })),
    },
    {
      name: 'unknown output format',
      field: 'output.formats[0]',
      request: mutate(composite, (r) => (r.output = { formats: ['avi'] })),
    },
    {
      name: 'callbackUrl not a URL',
      field: 'callbackUrl',
      request: mutate(composite, (r) => (r.callbackUrl = 'not a url')),
    },
    {
      name: 'idempotencyKey with spaces',
      field: 'idempotencyKey',
      request: mutate(composite, (r) => (r.idempotencyKey = 'two words')),
    },
    {
      name: 'both include and exclude',
      field: 'participants',
      request: mutate(individual, (r) => (r.participants = { include: ['1'], exclude: ['2'] })),
    },
    // hostile input
    {
      name: 'a lone surrogate in the room',
      field: 'room',
      request: mutate(composite, (r) => (r.room = 'room\ud800')),
    },
    {
      name: 'a lone surrogate in the idempotencyKey',
      field: 'idempotencyKey',
      request: mutate(composite, (r) => (r.idempotencyKey = 'key\udfff')),
    },
    {
      name: 'a lone surrogate in a vendorOptions key',
      field: 'vendorOptions',
      request: mutate(
        composite,
        (r) =>
          (r.vendorOptions = { agora: { '\ud83d': 1 }, zego: { '\ud83d': 1 }, jocloud: { '\ud83d': 1 } }),
      ),
    },
    {
      name: 'a bucket with a space',
      field: 'storage.bucket',
      request: mutate(composite, (r) => (r.storage.bucket = 'my bucket')),
    },
    {
      name: 'a bucket with a newline',
      field: 'storage.bucket',
      request: mutate(composite, (r) => (r.storage.bucket = 'b\n')),
    },
    {
      name: 'NaN video width',
      field: 'video.width',
      request: mutate(composite, (r) => (r.video = { width: Number.NaN, height: 360 })),
    },
    {
      name: 'Infinity fps',
      field: 'video.fps',
      request: mutate(
        composite,
        (r) => (r.video = { width: 640, height: 360, fps: Number.POSITIVE_INFINITY }),
      ),
    },
    {
      name: 'a __proto__ key',
      field: '__proto__',
      request: Object.assign(JSON.parse('{"__proto__": {"polluted": true}}'), structuredClone(composite)),
    },
    { name: 'a number as the room', field: 'room', request: mutate(composite, (r) => (r.room = 42)) },
  ];
}
