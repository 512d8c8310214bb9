import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor, encodingsOf, isSensitiveKey } from './redact.js';

/**
 * A secret must not survive in any encoding it takes on its way out: echoed raw, inside a JSON
 * string (once, or a JSON body echoed inside another JSON string), in a URL or a form, in base64.
 */

// a quote, a backslash, a space, '+', '/', '&' and '=': every encoding differs from the raw form
const SECRET = 'p"a\\ss w+rd/&=9';

function forms(secret: string): Record<string, string> {
  const b64 = Buffer.from(secret, 'utf8').toString('base64');
  return {
    raw: `reason: ${secret} rejected`,
    jsonOnce: JSON.stringify({ reason: `key ${secret} rejected` }),
    jsonTwice: JSON.stringify({ body: JSON.stringify({ secretValue: secret }) }),
    urlUpper: `https://v.test/cb?x=${encodeURIComponent(secret)}&y=1`,
    urlLower: `https://v.test/cb?x=${encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())}`,
    form: `a=1&x=${new URLSearchParams({ s: secret }).toString().slice(2)}&b=2`,
    base64: `Basic ${b64}`,
    base64Unpadded: `token=${b64.replace(/=+$/, '')};`,
    base64url: `t.${b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}.u`,
  };
}

describe('Redactor', () => {
  it('the test secret really takes different shapes in each encoding', () => {
    const f = forms(SECRET);
    expect(f.jsonOnce).not.toContain(SECRET);
    expect(f.jsonTwice).not.toContain(JSON.stringify(SECRET).slice(1, -1));
    expect(f.urlUpper).toMatch(/%2B/);
    expect(f.urlLower).toMatch(/%2b/);
    expect(f.form).toContain('+w%2Brd');
  });

  it.each(Object.entries(forms(SECRET)))('scrubs the %s form', (_name, text) => {
    const out = new Redactor([SECRET]).string(text);
    expect(out).toContain(REDACTED);
    for (const encoded of encodingsOf(SECRET)) expect(out).not.toContain(encoded);
    // no recognisable fragment of the secret survives either
    expect(out).not.toContain('a\\ss');
    expect(out).not.toContain('w+rd');
    expect(out).not.toContain('w%2Brd');
  });

  it('keeps the text around the secret', () => {
    expect(new Redactor([SECRET]).string(`before ${SECRET} after`)).toBe(`before ${REDACTED} after`);
  });

  it('scrubs every occurrence, and the longer of two overlapping secrets whole', () => {
    const r = new Redactor(['abcd', 'abcdefgh']);
    expect(r.string('abcdefgh abcd abcdefgh')).toBe(`${REDACTED} ${REDACTED} ${REDACTED}`);
  });

  it('with() adds the secrets of one request, and leaves the original redactor as it was', () => {
    const base = new Redactor([SECRET]);
    const more = base.with(['req-secret-1', undefined, 'req"secret\\2']);
    const text = `${SECRET} req-secret-1 ${JSON.stringify('req"secret\\2')} ${encodeURIComponent(SECRET)}`;
    const out = more.string(text);
    expect(out).not.toContain('req-secret-1');
    expect(out).not.toContain('secret\\2');
    expect(out).not.toContain(encodeURIComponent(SECRET));
    expect(out).not.toContain('w+rd');
    expect(base.string('req-secret-1')).toBe('req-secret-1');
  });

  it('does not scrub strings shorter than 4 characters (they would blank ordinary text)', () => {
    const r = new Redactor(['abc', '', 'x']);
    expect(r.string('abc xyz abcabc')).toBe('abc xyz abcabc');
    expect(new Redactor([]).with(['ab', 'abc']).string('abc')).toBe('abc');
    expect(new Redactor(['abcd']).string('xabcdx')).toBe(`x${REDACTED}x`);
  });

  it('value() replaces values under sensitive keys and scrubs secrets elsewhere', () => {
    const r = new Redactor([SECRET]);
    const out = r.value({
      Authorization: 'Bearer x',
      storage: { secretKey: 'sk', accessKey: 'ak', bucket: 'b' },
      list: [`x${SECRET}`, 1, null],
      nested: { clientSecret: 42, empty: '' },
    });
    expect(out).toEqual({
      Authorization: REDACTED,
      storage: { secretKey: REDACTED, accessKey: REDACTED, bucket: 'b' },
      list: [`x${REDACTED}`, 1, null],
      nested: { clientSecret: REDACTED, empty: '' },
    });
  });

  it('url() hides sensitive query parameters and secrets in the rest of the URL', () => {
    const r = new Redactor([SECRET]);
    const out = r.url(
      `https://v.test/a/${encodeURIComponent(SECRET)}?Signature=abc123&AppId=7&access_token=tok9`,
    );
    expect(out).not.toContain('abc123');
    expect(out).not.toContain('tok9');
    expect(out).not.toContain(encodeURIComponent(SECRET));
    expect(out).toContain('AppId=7');
  });

  it('knows the usual secret field names', () => {
    for (const key of [
      'secretKey',
      'password',
      'Authorization',
      'access_token',
      'AccessKey',
      'cookie',
      'Signature',
      'sign',
    ]) {
      expect(isSensitiveKey(key), key).toBe(true);
    }
    for (const key of ['bucket', 'region', 'signatureNonce', 'design', 'AppId'])
      expect(isSensitiveKey(key), key).toBe(false);
  });
});
