import { inspect } from 'node:util';
import {
  type Logger,
  type RecordingSession,
  type RecordingState,
  UnsupportedFeatureError,
  ValidationError,
  encodeHandle,
} from '@unirec/core';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { invalidRequests } from './invalid-requests.js';
import { describeVendorErrors, rejectionOf } from './suite-errors.js';
import type { ConformanceOptions, VendorFake } from './types.js';

const HANDLE_CHARS = /^[A-Za-z0-9._~=-]+$/;
const STATES: RecordingState[] = [
  'starting',
  'recording',
  'paused',
  'stopping',
  'stopped',
  'failed',
  'unknown',
];

/**
 * The conformance suite every provider passes. Call it from a provider package's tests with a
 * nock-based fake of the vendor: `runProviderConformance({ name, createFake, createProvider, … })`.
 */
export function runProviderConformance(options: ConformanceOptions): void {
  describe(`${options.name}: RecordingProvider conformance`, () => {
    let fake: VendorFake;
    const provider = (
      extra: Parameters<ConformanceOptions['createProvider']>[0] extends infer C ? Partial<C> : never = {},
    ) => options.createProvider({ baseUrl: fake.baseUrl, maxRetries: 2, ...extra });

    beforeAll(() => {
      nock.disableNetConnect();
      nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
    });
    afterAll(() => {
      nock.enableNetConnect();
    });
    beforeEach(() => {
      fake = options.createFake();
      fake.install();
    });
    afterEach(() => {
      fake.uninstall();
    });

    describe('lifecycle', () => {
      it('starts a composite recording and returns a session with a URL-safe handle', async () => {
        const p = provider();
        const request = options.compositeRequest();
        const session = await p.start(request);
        expect(session.vendor).toBe(options.vendor);
        expect(session.room).toBe(request.room);
        expect(session.mode).toBe('composite');
        expect(session.startedAt).toBeInstanceOf(Date);
        expect(session.handle).toMatch(HANDLE_CHARS);
        expect(Array.isArray(session.warnings)).toBe(true);
        expect(fake.requests.some((r) => r.neutral === 'start')).toBe(true);
      });

      it('runs start → updateLayout → query → stop and returns the files', async () => {
        const p = provider();
        fake.setFileCount(2);
        const session = await p.start(options.compositeRequest());
        const update = await p.updateLayout(session, { preset: 'grid' });
        expect(Array.isArray(update.warnings)).toBe(true);
        expect(fake.requests.some((r) => r.neutral === 'updateLayout')).toBe(true);
        fake.setState('recording');
        const status = await p.query(session);
        expect(status.state).toBe('recording');
        expect(status.vendorState).not.toBeUndefined();
        const result = await p.stop(session);
        expect(result.alreadyStopped).toBe(false);
        expect(['uploaded', 'backed-up', 'pending', 'unknown']).toContain(result.upload);
        expect(result.files.length).toBe(2);
        for (const file of result.files) {
          expect(typeof file.name).toBe('string');
          expect(file.name.length).toBeGreaterThan(0);
          expect(['audio', 'video', 'audio+video', 'snapshot', 'index']).toContain(file.kind);
        }
      });

      it('starts an individual recording', async () => {
        const session = await provider().start(options.individualRequest());
        expect(session.mode).toBe('individual');
        expect(session.handle).toMatch(HANDLE_CHARS);
      });

      it('stop is idempotent: stopping an ended session resolves with alreadyStopped', async () => {
        const p = provider();
        const session = await p.start(options.compositeRequest());
        await p.stop(session);
        const again = await p.stop(session);
        expect(again.alreadyStopped).toBe(true);
      });

      it("maps the vendor's 'already ended' answer on stop to alreadyStopped", async () => {
        const p = provider();
        const session = await p.start(options.compositeRequest());
        fake.fail('stop', 'already-stopped');
        const result = await p.stop(session);
        expect(result.alreadyStopped).toBe(true);
      });
    });

    describe('query states', () => {
      it('reports every neutral state the vendor can express', async () => {
        expect(fake.reportableStates).toEqual(expect.arrayContaining(['starting', 'recording', 'stopped']));
        const p = provider();
        const session = await p.start(options.compositeRequest());
        for (const state of fake.reportableStates) {
          expect(STATES).toContain(state);
          fake.setState(state);
          const status = await p.query(session);
          expect(status.state, `fake state '${state}'`).toBe(state);
          expect(status.raw).toBeDefined();
        }
      });
    });

    describe('handles', () => {
      it('a handle works in a fresh provider instance (stored in a database, used by another process)', async () => {
        const session = await provider().start(options.compositeRequest());
        const stored = JSON.parse(JSON.stringify({ handle: session.handle })) as { handle: string };
        fake.setState('recording');
        const status = await provider().query(stored.handle);
        expect(status.state).toBe('recording');
        const result = await provider().stop(stored.handle);
        expect(result.alreadyStopped).toBe(false);
      });

      it('rejects a corrupt handle, a handle of another vendor and a non-handle before any request', async () => {
        const p = provider();
        const other = options.vendor === 'agora' ? 'zego' : 'agora';
        const foreign = encodeHandle(other, { id: 'x' });
        const session = await p.start(options.compositeRequest());
        const before = fake.requests.length;
        for (const bad of [
          foreign,
          `${session.handle.slice(0, -6)}!!`,
          'garbage',
          '',
          session.handle.slice(0, 12),
        ]) {
          const error = await rejectionOf(p.query(bad));
          expect(error, `handle '${bad}'`).toBeInstanceOf(ValidationError);
        }
        await expect(p.stop({ ...session, handle: foreign } as RecordingSession)).rejects.toBeInstanceOf(
          ValidationError,
        );
        await expect(p.updateLayout(foreign, { preset: 'grid' })).rejects.toBeInstanceOf(ValidationError);
        expect(fake.requests.length).toBe(before);
      });
    });

    describe('bad input never reaches the vendor', () => {
      const cases = () => invalidRequests(options.compositeRequest(), options.individualRequest());

      it('rejects at least 10 invalid neutral requests with a ValidationError naming the field', async () => {
        const p = provider();
        const all = cases();
        expect(all.length).toBeGreaterThanOrEqual(10);
        for (const c of all) {
          const error = await rejectionOf(p.start(c.request));
          expect(error, c.name).toBeInstanceOf(ValidationError);
          expect((error as ValidationError).message, c.name).toContain(c.field);
          expect((error as ValidationError).issues.length, c.name).toBeGreaterThan(0);
        }
        expect(fake.requests).toEqual([]);
      });

      it('rejects values over the vendor limits with a ValidationError naming the field', async () => {
        const p = provider();
        for (const c of options.vendorLimitRequests) {
          const error = await rejectionOf(p.start(c.request));
          expect(error, c.name).toBeInstanceOf(ValidationError);
          expect((error as Error).message, c.name).toContain(c.field);
        }
        expect(fake.requests).toEqual([]);
      });

      it('rejects what the vendor cannot do with an UnsupportedFeatureError', async () => {
        const p = provider();
        for (const c of options.unsupportedRequests) {
          const error = await rejectionOf(p.start(c.request));
          expect(error, c.name).toBeInstanceOf(UnsupportedFeatureError);
          expect((error as UnsupportedFeatureError).vendor).toBe(options.vendor);
        }
        expect(fake.requests).toEqual([]);
      });

      it('rejects an invalid layout update before any request', async () => {
        const p = provider();
        const session = await p.start(options.compositeRequest());
        const before = fake.requests.length;
        const error = await rejectionOf(
          p.updateLayout(session, { regions: [{ x: 0.5, y: 0, width: 0.7, height: 1 }] }),
        );
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as Error).message).toContain('layout.regions[0].x');
        expect(fake.requests.length).toBe(before);
      });

      it('validates the provider config at construction', () => {
        for (const c of options.invalidConfigs) {
          let error: unknown;
          try {
            options.createProvider(c.config as never);
          } catch (e) {
            error = e;
          }
          expect(error, c.name).toBeInstanceOf(ValidationError);
          expect((error as Error).message, c.name).toContain(c.field);
        }
        expect(() => provider({ baseUrl: 'http://recording.example.com' })).toThrow(ValidationError);
        expect(() => provider({ timeoutMs: -1 })).toThrow(ValidationError);
        expect(() => provider({ maxRetries: 1.5 })).toThrow(ValidationError);
      });
    });

    describe('strict mode and warnings', () => {
      it('reports a lossy layout translation as a warning, and as UnsupportedFeatureError under strict', async () => {
        const caps = provider().capabilities;
        const region = { participant: '1001', x: 0, y: 0, width: 1 / 3, height: 1 / 3 };
        let regions: Array<Record<string, unknown>>;
        if (!caps.layout.alpha) regions = [{ ...region, alpha: 0.5 }];
        else if (!caps.layout.zIndex) {
          // list order contradicts zIndex: a vendor that stacks by list order must reorder (and say so)
          regions = [
            { participant: '1001', x: 0, y: 0, width: 1, height: 1, zIndex: 2 },
            { participant: '1002', x: 0, y: 0, width: 0.5, height: 0.5, zIndex: 1 },
          ];
        } else regions = [region]; // pixel vendors round 1/3
        const request = { ...options.compositeRequest(), layout: { regions: regions as never } };
        const session = await provider().start(request);
        expect(session.warnings.length).toBeGreaterThan(0);
        for (const w of session.warnings) {
          expect(typeof w.feature).toBe('string');
          expect(typeof w.message).toBe('string');
        }
        const sent = fake.requests.length;
        await expect(provider({ strict: true }).start(request)).rejects.toBeInstanceOf(
          UnsupportedFeatureError,
        );
        expect(fake.requests.length).toBe(sent);
      });
    });

    describeVendorErrors(options, {
      fake: () => fake,
      provider,
    });

    describe('rate limiting', () => {
      it('spaces requests to the configured rate', async () => {
        const p = provider({ rateLimit: { requestsPerSecond: 20 } });
        const session = await p.start(options.compositeRequest());
        const started = performance.now();
        await Promise.all(Array.from({ length: 8 }, () => p.query(session)));
        // 8 queries at 20/s after the start's requests: at least 7 gaps of 50 ms.
        expect(performance.now() - started).toBeGreaterThanOrEqual(300);
      });

      it('sends at once with rate limiting off', async () => {
        const p = provider({ rateLimit: false });
        const session = await p.start(options.compositeRequest());
        const results = await Promise.all(Array.from({ length: 8 }, () => p.query(session)));
        expect(results.length).toBe(8);
      });

      it('publishes a default limit no higher than the vendor allows', () => {
        expect(options.publishedRateLimit).toBeGreaterThan(0);
      });
    });

    describe('secrets', () => {
      it('never appear in errors, logs, hooks, sessions or util.inspect', async () => {
        const seen: string[] = [];
        const record = (...args: unknown[]) =>
          void seen.push(inspect(args, { depth: 12 }), JSON.stringify(args));
        const logger: Logger = { debug: record, info: record, warn: record, error: record };
        const hooks = { onRequest: record, onResponse: record, onRetry: record };
        const p = provider({ logger, hooks, maxRetries: 1 });
        seen.push(inspect(p, { depth: 12, showHidden: true }), JSON.stringify(p) ?? '');
        const session = await p.start(options.compositeRequest());
        seen.push(inspect(session, { depth: 12 }), JSON.stringify(session));
        for (const failure of ['auth', 'server-error', 'invalid-parameter', 'not-found'] as const) {
          fake.fail('query', failure, 3);
          try {
            await p.query(session);
          } catch (error) {
            seen.push(
              String(error),
              (error as Error).stack ?? '',
              JSON.stringify(error),
              inspect(error, { depth: 12, showHidden: true }),
            );
          }
        }
        for (const c of invalidRequests(options.compositeRequest(), options.individualRequest()).slice(
          0,
          6,
        )) {
          try {
            await p.start(c.request);
          } catch (error) {
            seen.push(String(error), JSON.stringify(error), inspect(error, { depth: 12, showHidden: true }));
          }
        }
        for (const c of options.invalidConfigs) {
          try {
            options.createProvider(c.config as never);
          } catch (error) {
            seen.push(String(error), JSON.stringify(error), inspect(error, { depth: 12 }));
          }
        }
        await p.stop(session);
        expect(seen.length).toBeGreaterThan(10);
        const text = seen.join('\n');
        for (const secret of options.secrets) {
          expect(text.includes(secret), `secret '${secret.slice(0, 3)}…' leaked`).toBe(false);
        }
      });
    });

    options.additionalTests?.();
  });
}
