import fc from 'fast-check';
import { describeValue } from './fuzz-env.js';
import { Hostile, hostileKey, hostileValue } from './hostile-values.js';
import { type Mutation, applyMutation, mutationArb } from './mutations.js';
import { type WebhookProfile, safeJson } from './webhook-profiles.js';

/**
 * Webhook deliveries for the property tests, per vendor profile (webhook-profiles.ts): anything at
 * all (random bytes, strings, JSON, parsed objects, oversized bodies, odd header maps and request
 * URLs), correctly signed callbacks with random content and event types, and callbacks signed with
 * another secret.
 */

export interface Delivery {
  body: unknown;
  headers: unknown;
  requestUrl: unknown;
}

export type WebhookCase =
  | { kind: 'anything'; body: Hostile; headers: Hostile; requestUrl: Hostile }
  | {
      kind: 'signed';
      eventType: number;
      skewSec: number;
      mutations: Mutation[];
      headerName: number;
      urlVariant: UrlVariant;
      asBytes: boolean;
    }
  | { kind: 'signed-with-wrong-secret'; eventType: number; wrongSecret: string; headerName: number };

export type UrlVariant =
  | 'as-sent'
  | 'none'
  | 'no-token'
  | 'wrong-token'
  | 'two-tokens'
  | 'token-in-fragment'
  | 'absolute';

const wrap = (value: unknown) => new Hostile(describeValue(value), () => value);

/** Event types: the documented ones, their neighbours, and anything else. */
export function eventTypeArb(profile: WebhookProfile): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...profile.documentedTypes) },
    { weight: 1, arbitrary: fc.constantFrom(...profile.documentedTypes.map((t) => t + 1)) },
    { weight: 1, arbitrary: fc.integer({ min: -5, max: 2000 }) },
    { weight: 1, arbitrary: fc.constantFrom(0, -1, 2 ** 31, 2 ** 53 + 1, 1e13) },
  );
}

function headersArb(profile: WebhookProfile): fc.Arbitrary<Hostile> {
  const names = fc.oneof(
    fc.constantFrom(
      ...profile.signatureHeaders,
      'content-type',
      'Content-Type',
      'x-request-id',
      '__proto__',
      'constructor',
    ),
    hostileKey,
  );
  const values = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.stringMatching(/^[0-9a-f]{40}$|^[0-9a-f]{64}$/),
    fc.array(fc.string({ maxLength: 70 }), { maxLength: 3 }),
    fc.constantFrom(null, undefined, 42, true, {}, [], ['a', 'b']),
  );
  return fc.oneof(
    { weight: 4, arbitrary: fc.dictionary(names, values, { maxKeys: 5 }).map(wrap) },
    {
      weight: 1,
      arbitrary: fc
        .dictionary(names, fc.string({ maxLength: 70 }), { maxKeys: 4 })
        .map((map) => new Hostile(`new Headers(${describeValue(map, 60)})`, () => toFetchHeaders(map))),
    },
    { weight: 1, arbitrary: hostileValue },
    {
      weight: 1,
      arbitrary: fc.constant(
        new Hostile('JSON.parse({"__proto__":{"agora-signature-v2":"00"}})', () =>
          JSON.parse('{"__proto__":{"agora-signature-v2":"00"}}'),
        ),
      ),
    },
  );
}

/** Fetch Headers of `map`, skipping names Headers refuses (the map is random). */
function toFetchHeaders(map: Record<string, string>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(map)) {
    try {
      headers.append(name, value);
    } catch {
      // not a valid header name or value: a Fetch Headers object cannot hold it
    }
  }
  return headers;
}

function bodyArb(profile: WebhookProfile): fc.Arbitrary<Hostile> {
  return fc.oneof(
    fc.uint8Array({ maxLength: 256 }).map((bytes) => new Hostile(`bytes(${bytes.length})`, () => bytes)),
    fc.string({ unit: 'binary', maxLength: 200 }).map(wrap),
    fc.json({ maxDepth: 3 }).map(wrap),
    fc
      .json({ maxDepth: 3 })
      .map((text) => new Hostile(`Buffer(${describeValue(text, 60)})`, () => Buffer.from(text))),
    fc.object({ maxDepth: 2 }).map(wrap),
    fc
      .json({ maxDepth: 2 })
      .map(
        (text) =>
          new Hostile(`ArrayBuffer(${describeValue(text, 60)})`, () => new TextEncoder().encode(text).buffer),
      ),
    eventTypeArb(profile).map(
      (t) => new Hostile(`unsigned body of type ${t}`, () => JSON.stringify(profile.body(t, 0))),
    ),
    eventTypeArb(profile).map((t) => new Hostile(`parsed body of type ${t}`, () => profile.body(t, 0))),
    fc.constant(new Hostile('"x" × 1.1 MiB', () => 'x'.repeat(1_100_000))),
    fc.constant(new Hostile('Uint8Array(1.1 MiB)', () => new Uint8Array(1_100_000))),
    hostileValue,
  );
}

function urlArb(profile: WebhookProfile): fc.Arbitrary<Hostile> {
  return fc.oneof(
    fc
      .constantFrom(
        undefined,
        null,
        '',
        '/hooks',
        `/hooks?token=${profile.secret}`,
        `/hooks?token=${profile.secret}x`,
        'x'.repeat(20_000),
      )
      .map(wrap),
    fc.string({ unit: 'binary', maxLength: 60 }).map(wrap),
    hostileValue,
  );
}

export function webhookCaseArb(profile: WebhookProfile): fc.Arbitrary<WebhookCase> {
  const eventType = eventTypeArb(profile);
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('anything' as const),
        body: bodyArb(profile),
        headers: headersArb(profile),
        requestUrl: urlArb(profile),
      }),
    },
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant('signed' as const),
        eventType,
        skewSec: fc.oneof(
          { weight: 5, arbitrary: fc.constant(0) },
          { weight: 1, arbitrary: fc.integer({ min: -900, max: 900 }) },
        ),
        mutations: fc.oneof(
          { weight: 2, arbitrary: fc.constant<Mutation[]>([]) },
          { weight: 3, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 3 }) },
        ),
        headerName: fc.nat(),
        urlVariant: fc.oneof(
          { weight: 6, arbitrary: fc.constant<UrlVariant>('as-sent') },
          {
            weight: 1,
            arbitrary: fc.constantFrom<UrlVariant>(
              'none',
              'no-token',
              'wrong-token',
              'two-tokens',
              'token-in-fragment',
              'absolute',
            ),
          },
        ),
        asBytes: fc.boolean(),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('signed-with-wrong-secret' as const),
        eventType,
        wrongSecret: fc.string({ minLength: 16, maxLength: 40 }),
        headerName: fc.nat(),
      }),
    },
  );
}

export interface BuiltDelivery extends Delivery {
  text: string;
  /** a well-formed, correctly signed, fresh callback: the receiver must return an event */
  authentic: boolean;
  /** the event type the body carries when authentic, and whether it must come out as 'vendor.other' */
  other: boolean;
}

function withUrl(requestUrl: string | undefined, variant: UrlVariant, secret: string): string | undefined {
  if (requestUrl === undefined) return undefined;
  switch (variant) {
    case 'as-sent':
      return requestUrl;
    case 'none':
      return undefined;
    case 'no-token':
      return '/hooks/jocloud';
    case 'wrong-token':
      return `/hooks/jocloud?token=${encodeURIComponent(`${secret}-not`)}`;
    case 'two-tokens':
      return `${requestUrl}&token=${encodeURIComponent(secret)}`;
    case 'token-in-fragment':
      return `/hooks/jocloud#token=${encodeURIComponent(secret)}`;
    case 'absolute':
      return `https://app.example.com${requestUrl}`;
  }
}

export function buildDelivery(profile: WebhookProfile, c: WebhookCase): BuiltDelivery {
  if (c.kind === 'anything') {
    return {
      body: c.body.value(),
      headers: c.headers.value(),
      requestUrl: c.requestUrl.value(),
      text: `body ${c.body.label}, headers ${c.headers.label}, url ${c.requestUrl.label}`,
      authentic: false,
      other: false,
    };
  }
  const headerName =
    profile.signatureHeaders.length > 0
      ? profile.signatureHeaders[c.headerName % profile.signatureHeaders.length]!
      : '';
  if (c.kind === 'signed-with-wrong-secret') {
    const body = profile.body(c.eventType, 0);
    const sent = profile.deliver(JSON.stringify(body), body, c.wrongSecret, headerName);
    return {
      ...sent,
      requestUrl: sent.requestUrl,
      text: `type ${c.eventType} signed with another secret`,
      authentic: false,
      other: false,
    };
  }
  let body: unknown = profile.body(c.eventType, c.skewSec);
  const texts: string[] = [];
  for (const m of c.mutations) {
    const r = applyMutation(body, m);
    body = r.root;
    texts.push(r.text);
  }
  const json = safeJson(body) ?? 'null';
  const sent = profile.deliver(json, body, profile.secret, headerName);
  const requestUrl = withUrl(sent.requestUrl, c.urlVariant, profile.secret);
  // an event type past 2**53 is not an integer any JSON reader keeps exactly: either outcome is fine
  const authentic =
    Number.isSafeInteger(c.eventType) &&
    c.mutations.length === 0 &&
    Math.abs(c.skewSec) < 240 &&
    (c.urlVariant === 'as-sent' || c.urlVariant === 'absolute');
  const shaped = body as Record<string, unknown>;
  const other =
    authentic && (!profile.documentedTypes.includes(c.eventType) || profile.otherProduct?.(shaped) === true);
  return {
    body: c.asBytes ? new TextEncoder().encode(sent.body) : sent.body,
    headers: sent.headers,
    requestUrl,
    text: `signed type ${c.eventType}, skew ${c.skewSec}s, ${texts.length ? texts.join('; ') : 'unchanged'}, url ${c.urlVariant}${c.asBytes ? ', as bytes' : ''}${headerName ? `, header ${headerName}` : ''}`,
    authentic,
    other,
  };
}
