import type { CommonProviderConfig, RecordingProvider, StartRecordingRequest } from '@unirec/core';
import {
  NotFoundError,
  UnsupportedFeatureError,
  ValidationError,
  describeHandle,
  waitForState,
} from '@unirec/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { limitCases, unsupportedCases } from './capability-cases.js';
import { HANDLE_CHARS, rejectionOf } from './helpers.js';
import { invalidRequests } from './invalid-requests.js';
import {
  SUITE_REQUESTS_PER_SECOND,
  type SimulatorBackend,
  startSimulatorBackend,
} from './simulator-backend.js';
import { describeAbort } from './suite-abort.js';
import { describeVendorErrors } from './suite-errors.js';
import { describeFaultMatrix } from './suite-faults.js';
import { describeHandles } from './suite-handles.js';
import { describeSecrets } from './suite-secrets.js';
import type { ConformanceOptions, SuiteContext } from './types.js';

/**
 * The conformance suite every provider passes, against @unirec/simulator (no hand-written fake):
 * `runProviderConformance({ adapter, compositeRequest, individualRequest, invalidConfigs })`.
 */
export function runProviderConformance(options: ConformanceOptions): void {
  const vendor = options.adapter.vendor;
  describe(`${options.name ?? `@unirec/${vendor}`}: RecordingProvider conformance (simulator)`, () => {
    let backend: SimulatorBackend;
    const provider = (extra: Partial<CommonProviderConfig> = {}): RecordingProvider =>
      options.adapter.createProvider({
        ...backend.credentials,
        baseUrl: backend.baseUrl,
        maxRetries: 2,
        rateLimit: { requestsPerSecond: SUITE_REQUESTS_PER_SECOND },
        ...extra,
      });
    const ctx: SuiteContext = { vendor, options, backend: () => backend, provider };
    const sent = () => backend.requests().length;

    beforeAll(async () => {
      backend = await startSimulatorBackend(vendor);
    });
    afterAll(async () => {
      await backend.close();
    });
    beforeEach(() => {
      backend.reset();
    });

    describe('lifecycle', () => {
      it('starts a composite recording: a session with sessionId and a URL-safe handle', async () => {
        const request = options.compositeRequest();
        const session = await provider().start(request);
        expect(session.vendor).toBe(vendor);
        expect(session.room).toBe(request.room);
        expect(session.mode).toBe('composite');
        expect(session.startedAt).toBeInstanceOf(Date);
        expect(session.sessionId).toEqual(expect.any(String));
        expect(session.handle).toMatch(HANDLE_CHARS);
        expect(Array.isArray(session.warnings)).toBe(true);
        expect(describeHandle(session.handle)).toEqual({
          vendor,
          room: request.room,
          mode: 'composite',
          sessionId: session.sessionId,
        });
        expect(backend.running().map((s) => s.id)).toEqual([session.sessionId]);
      });

      it('runs start → recording → updateLayout → query → stop, returns files and leaves nothing running', async () => {
        const p = provider();
        const session = await p.start(options.compositeRequest());
        const status = await waitForState(p, session, 'recording', { intervalMs: 50, timeoutMs: 5_000 });
        expect(status.state).toBe('recording');
        const update = await p.updateLayout(session, { preset: 'grid' });
        expect(update.warnings).toEqual([]);
        expect((await p.query(session.handle)).state).toBe('recording');
        const result = await p.stop(session);
        expect(result.alreadyStopped).toBe(false);
        expect(['uploaded', 'backed-up', 'pending', 'failed', 'unknown']).toContain(result.upload);
        for (const file of result.files) {
          expect(file.name.length).toBeGreaterThan(0);
          expect(['audio', 'video', 'audio+video', 'snapshot', 'index']).toContain(file.kind);
        }
        expect(backend.running()).toEqual([]);
      });

      it('starts and stops an individual recording', async () => {
        const p = provider();
        const session = await p.start(options.individualRequest());
        expect(session.mode).toBe('individual');
        await p.stop(session);
        expect(backend.running()).toEqual([]);
      });

      it('stop is idempotent: stopping an ended session resolves with alreadyStopped', async () => {
        const p = provider();
        const session = await p.start(options.compositeRequest());
        await p.stop(session);
        expect((await p.stop(session)).alreadyStopped).toBe(true);
      });

      it("maps the vendor's 'already ended' answer on stop to alreadyStopped", async () => {
        const p = provider();
        const session = await p.start(options.compositeRequest());
        backend.fail('stop', 'already-stopped');
        expect((await p.stop(session)).alreadyStopped).toBe(true);
      });

      it('reports starting, then recording, then an ended state (or NotFoundError) after stop', async () => {
        const p = provider();
        const session = await p.start(options.compositeRequest());
        expect(['starting', 'recording']).toContain((await p.query(session)).state);
        await waitForState(p, session, 'recording', { intervalMs: 50, timeoutMs: 5_000 });
        await p.stop(session);
        try {
          expect(['stopping', 'stopped']).toContain((await p.query(session)).state);
        } catch (error) {
          expect(error).toBeInstanceOf(NotFoundError);
        }
      });

      it('accepts every preset in strict mode: the core engine draws them exactly (no warning)', async () => {
        const p = provider({ strict: true });
        for (const preset of p.capabilities.presets) {
          const request = options.compositeRequest();
          const focus = request.participants?.include?.[0];
          const session = await p.start({ ...request, layout: focus ? { preset, focus } : { preset } });
          expect(session.warnings, preset).toEqual([]);
          expect((await p.updateLayout(session, { preset: 'grid' })).warnings).toEqual([]);
          await p.stop(session);
        }
      });

      it('a second start with the same idempotencyKey returns the same session and records once', async () => {
        const p = provider();
        const request: StartRecordingRequest = {
          ...options.compositeRequest(),
          idempotencyKey: 'conformance-key-1',
        };
        const [a, b] = await Promise.all([p.start(request), p.start(request)]);
        const c = await provider().start(request);
        expect(b.sessionId).toBe(a.sessionId);
        expect(c.handle).toBe(a.handle);
        expect(backend.running().length).toBe(1);
        await p.stop(a);
      });
    });

    describeHandles(ctx);

    describe('bad input never reaches the vendor', () => {
      it('rejects invalid neutral requests with a ValidationError naming the field', async () => {
        const p = provider();
        const all = invalidRequests(options.compositeRequest(), options.individualRequest());
        expect(all.length).toBeGreaterThanOrEqual(20);
        for (const c of all) {
          const error = await rejectionOf(p.start(c.request));
          expect(error, c.name).toBeInstanceOf(ValidationError);
          expect((error as ValidationError).message, c.name).toContain(c.field);
          expect((error as ValidationError).issues.length, c.name).toBeGreaterThan(0);
        }
        expect(sent()).toBe(0);
      });

      it('rejects what the capability table says the vendor cannot do with an UnsupportedFeatureError', async () => {
        const p = provider();
        const cases = unsupportedCases(
          p.capabilities,
          options.compositeRequest(),
          options.individualRequest(),
        );
        expect(cases.length).toBeGreaterThan(0);
        for (const c of cases) {
          const error = await rejectionOf(p.start(c.request));
          expect(error, c.name).toBeInstanceOf(UnsupportedFeatureError);
          expect((error as UnsupportedFeatureError).vendor, c.name).toBe(vendor);
        }
        expect(sent()).toBe(0);
      });

      it('rejects values past the limits of the capability table with a ValidationError naming the field', async () => {
        const p = provider();
        for (const c of limitCases(p.capabilities, options.compositeRequest())) {
          const error = await rejectionOf(p.start(c.request));
          expect(error, c.name).toBeInstanceOf(ValidationError);
          expect((error as Error).message, c.name).toContain(c.field);
        }
        expect(sent()).toBe(0);
      });

      it('rejects an invalid layout update before any request', async () => {
        const p = provider();
        const session = await p.start(options.compositeRequest());
        const before = sent();
        const error = await rejectionOf(
          p.updateLayout(session, { regions: [{ x: 0.5, y: 0, width: 0.7, height: 1 }] }),
        );
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as Error).message).toContain('layout.regions[0].x');
        expect(sent()).toBe(before);
      });

      it('validates the provider config at construction, naming the field', () => {
        for (const c of options.invalidConfigs) {
          let error: unknown;
          try {
            options.adapter.createProvider({ ...backend.credentials, ...c.config });
          } catch (e) {
            error = e;
          }
          expect(error, c.name).toBeInstanceOf(ValidationError);
          expect((error as Error).message, c.name).toContain(c.field);
        }
        expect(() => provider({ baseUrl: 'http://recording.example.com' })).toThrow(ValidationError);
        expect(() => provider({ timeoutMs: -1 })).toThrow(ValidationError);
        expect(() => provider({ maxRetries: 1.5 })).toThrow(ValidationError);
        expect(() => provider({ timeoutMS: 10 } as never)).toThrow(/timeoutMS/);
      });

      it('rejects malformed call options before any request', async () => {
        const p = provider();
        for (const bad of [{ timeoutMs: 0 }, { maxRetries: -1 }, { signal: 'abort' }]) {
          expect(await rejectionOf(p.start(options.compositeRequest(), bad as never))).toBeInstanceOf(
            ValidationError,
          );
        }
        expect(sent()).toBe(0);
      });
    });

    describe('strict mode and warnings', () => {
      it('reports a lossy layout translation as a warning, and as UnsupportedFeatureError under strict', async () => {
        const caps = provider().capabilities;
        const request = options.compositeRequest();
        const ids = request.participants?.include ?? [];
        const a = ids[0];
        const b = ids[1] ?? ids[0];
        let regions: Array<Record<string, unknown>>;
        if (!caps.layout.alpha)
          regions = [{ participant: a, x: 0, y: 0, width: 0.5, height: 0.5, alpha: 0.5 }];
        else if (!caps.layout.zIndex) {
          regions = [
            { participant: a, x: 0, y: 0, width: 1, height: 1, zIndex: 2 },
            { participant: b, x: 0, y: 0, width: 0.5, height: 0.5, zIndex: 1 },
          ];
        } else regions = [{ participant: a, x: 0, y: 0, width: 1 / 3, height: 1 / 3 }]; // pixel vendors round 1/3
        const lossy = { ...request, layout: { regions: regions as never } };
        const session = await provider().start(lossy);
        expect(session.warnings.length).toBeGreaterThan(0);
        const before = sent();
        expect(await rejectionOf(provider({ strict: true }).start(lossy))).toBeInstanceOf(
          UnsupportedFeatureError,
        );
        expect(sent()).toBe(before);
      });
    });

    describeVendorErrors(ctx);
    describeAbort(ctx);
    describeFaultMatrix(ctx);
    describeSecrets(ctx);

    describe('rate limiting', () => {
      it('spaces requests to the configured rate', async () => {
        const p = provider({ rateLimit: { requestsPerSecond: 5 } });
        const session = await p.start(options.compositeRequest());
        const started = performance.now();
        await Promise.all(Array.from({ length: 4 }, () => p.query(session)));
        // 4 queries at 5/s after the start's requests: at least 3 gaps of 200 ms.
        expect(performance.now() - started).toBeGreaterThanOrEqual(590);
      });

      it('sends at once with rate limiting off', async () => {
        const p = provider({ rateLimit: false });
        const session = await p.start(options.compositeRequest());
        const started = performance.now();
        await Promise.all(Array.from({ length: 4 }, () => p.query(session)));
        expect(performance.now() - started).toBeLessThan(1_000);
      });
    });

    options.additionalTests?.(ctx);
  });
}
