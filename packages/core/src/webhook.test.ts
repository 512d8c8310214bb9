import { describe, expect, it } from 'vitest';
import { ValidationError, WebhookVerificationError } from './errors.js';
import type { RecordingEvent } from './types.js';
import {
  DEFAULT_MAX_WEBHOOK_BODY_BYTES,
  defineWebhookReceiver,
  headerValue,
  parseJsonBody,
  queryParam,
  readWebhookBody,
} from './webhook.js';

function verificationErrorOf(fn: () => unknown): WebhookVerificationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return error as WebhookVerificationError;
  }
  throw new Error('expected WebhookVerificationError');
}

describe('readWebhookBody', () => {
  it('takes a string as is, with its UTF-8 bytes', () => {
    const body = readWebhookBody('agora', '{"a":"é"}');
    expect(body.text).toBe('{"a":"é"}');
    expect(Buffer.from(body.bytes).toString('hex')).toBe(Buffer.from('{"a":"é"}', 'utf8').toString('hex'));
  });

  it('takes bytes (a Uint8Array or a Buffer) as is, with their text', () => {
    const bytes = new TextEncoder().encode('{"n":1,"s":"ü"}');
    const body = readWebhookBody('zego', bytes);
    expect(body.text).toBe('{"n":1,"s":"ü"}');
    expect(body.bytes).toBe(bytes);
    const buffer = Buffer.from('{"x":true}');
    expect(readWebhookBody('zego', buffer).text).toBe('{"x":true}');
  });

  it('refuses a parsed object, saying to pass the raw body', () => {
    const error = verificationErrorOf(() => readWebhookBody('agora', { noticeId: 'n1' }));
    expect(error.message).toContain('raw body');
    expect(error.message).toContain('parsed object');
    expect(error.vendor).toBe('agora');
    expect(verificationErrorOf(() => readWebhookBody('agora', [1, 2])).message).toContain('an array');
  });

  it.each([
    [null, 'null'],
    [42, 'number'],
    [undefined, 'undefined'],
    [true, 'boolean'],
  ])('refuses %s', (value, what) => {
    const error = verificationErrorOf(() => readWebhookBody('jocloud', value));
    expect(error.message).toContain(what);
    expect(error.message).toContain('raw body');
  });

  it('refuses a body over maxBodyBytes, counted in UTF-8 bytes', () => {
    expect(readWebhookBody('agora', 'a'.repeat(100), 100).text).toHaveLength(100);
    expect(verificationErrorOf(() => readWebhookBody('agora', 'a'.repeat(101), 100)).message).toContain(
      'maxBodyBytes',
    );
    // 60 characters, 120 bytes
    verificationErrorOf(() => readWebhookBody('agora', 'é'.repeat(60), 100));
    expect(readWebhookBody('agora', new Uint8Array(100), 100).bytes).toHaveLength(100);
    verificationErrorOf(() => readWebhookBody('agora', new Uint8Array(101), 100));
  });

  it('has a default cap of 1 MiB', () => {
    expect(DEFAULT_MAX_WEBHOOK_BODY_BYTES).toBe(1024 * 1024);
    expect(() => readWebhookBody('agora', 'a'.repeat(DEFAULT_MAX_WEBHOOK_BODY_BYTES))).not.toThrow();
    verificationErrorOf(() => readWebhookBody('agora', 'a'.repeat(DEFAULT_MAX_WEBHOOK_BODY_BYTES + 1)));
  });

  it('rejects a 50 MiB body before any parsing (< 50 ms)', () => {
    const huge = 'a'.repeat(50 * 1024 * 1024);
    const hugeBytes = new Uint8Array(50 * 1024 * 1024);
    const started = performance.now();
    verificationErrorOf(() => readWebhookBody('agora', huge));
    verificationErrorOf(() => readWebhookBody('agora', hugeBytes));
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('headerValue', () => {
  it('finds a header whatever its case', () => {
    expect(headerValue({ 'x-zego-signature': 'abc' }, 'X-Zego-Signature')).toBe('abc');
    expect(headerValue({ 'Agora-Signature-V2': 'def' }, 'agora-signature-v2')).toBe('def');
  });

  it('takes the first value of an array', () => {
    expect(headerValue({ 'x-sig': ['one', 'two'] }, 'x-sig')).toBe('one');
  });

  it('treats non-string values as absent', () => {
    expect(headerValue({ 'x-sig': 5 }, 'x-sig')).toBeUndefined();
    expect(headerValue({ 'x-sig': [5, 'two'] }, 'x-sig')).toBeUndefined();
    expect(headerValue({ 'x-sig': [] }, 'x-sig')).toBeUndefined();
    expect(headerValue({ 'x-sig': undefined }, 'x-sig')).toBeUndefined();
    expect(headerValue({ 'x-sig': { value: 'a' } }, 'x-sig')).toBeUndefined();
    expect(headerValue({ other: 'a' }, 'x-sig')).toBeUndefined();
  });

  it('treats headers that are not an object as no headers', () => {
    for (const headers of [null, undefined, 'x-sig: a', 42, true])
      expect(headerValue(headers, 'x-sig')).toBeUndefined();
  });
});

describe('queryParam', () => {
  it('reads a parameter of a path with a query, or of an absolute URL', () => {
    expect(queryParam('/hook?token=abc&x=1', 'token')).toBe('abc');
    expect(queryParam('https://example.com/hook?x=1&token=t%2Bu+v', 'token')).toBe('t+u v');
  });

  it('is undefined when the parameter, the query or the URL is missing or not a string', () => {
    expect(queryParam('/hook?x=1', 'token')).toBeUndefined();
    expect(queryParam('/hook', 'token')).toBeUndefined();
    expect(queryParam(undefined, 'token')).toBeUndefined();
    expect(queryParam(42, 'token')).toBeUndefined();
    expect(queryParam({ token: 'a' }, 'token')).toBeUndefined();
  });

  it('ignores an absurdly long URL', () => {
    expect(queryParam(`/hook?token=abc&pad=${'a'.repeat(20_000)}`, 'token')).toBeUndefined();
  });
});

describe('parseJsonBody', () => {
  it('accepts a JSON object only', () => {
    expect(parseJsonBody('zego', '{"a":1}')).toEqual({ a: 1 });
    for (const text of ['not json', '[1]', 'null', '"str"', '42', ''])
      verificationErrorOf(() => parseJsonBody('zego', text));
  });
});

describe('defineWebhookReceiver', () => {
  const event: RecordingEvent = {
    vendor: 'zego',
    type: 'recording.started',
    occurredAt: new Date(0),
    raw: {},
  };

  it('returns what the vendor receive returns and hands it the arguments as given', () => {
    let seen: unknown[] = [];
    const receiver = defineWebhookReceiver('zego', (...args) => {
      seen = args;
      return event;
    });
    expect(receiver.receive('{}', { a: 'b' }, '/hook?x=1')).toBe(event);
    expect(seen).toEqual(['{}', { a: 'b' }, '/hook?x=1']);
  });

  it.each([
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'event_type')")],
    ['a ValidationError', new ValidationError('bad', [])],
    ['a string', 'oops'],
    ['undefined', undefined],
    ['a RangeError from JSON', new RangeError('Maximum call stack size exceeded')],
  ])('turns %s into WebhookVerificationError', (_name, thrown) => {
    const receiver = defineWebhookReceiver('jocloud', () => {
      throw thrown;
    });
    const error = verificationErrorOf(() => receiver.receive('{}', {}));
    expect(error.vendor).toBe('jocloud');
    expect(error.kind).toBe('webhook_verification');
  });

  it("does not pass the thrown error's message on (it may quote the body)", () => {
    const receiver = defineWebhookReceiver('agora', () => {
      throw new Error('unexpected field "secretValue": sk-body-0123456789');
    });
    const error = verificationErrorOf(() => receiver.receive('{}', {}));
    expect(error.message).not.toContain('sk-body-0123456789');
    expect(JSON.stringify(error)).not.toContain('sk-body-0123456789');
  });

  it('lets a WebhookVerificationError through unchanged', () => {
    const own = new WebhookVerificationError('agora webhook: signature mismatch', { vendor: 'agora' });
    const receiver = defineWebhookReceiver('agora', () => {
      throw own;
    });
    expect(verificationErrorOf(() => receiver.receive('{}', {}))).toBe(own);
  });
});
