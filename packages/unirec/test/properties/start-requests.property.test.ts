import { inspect } from 'node:util';
import { type RecordingError, type RecordingProvider, type Vendor, isRecordingError } from '@unirec/core';
import type { SimRequestLog } from '@unirec/simulator';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzProvider, fuzzSimulator, fuzzCredentials } from './fuzz-simulator.js';
import {
  FUZZ_RUNS,
  FUZZ_SEED,
  FUZZ_TIMEOUT_MS,
  FUZZ_VENDORS,
  Tally,
  adapterOf,
  fuzzParameters,
  describeError,
  describeSent,
  leakedSecret,
  measured,
  printedError,
  prototypePollution,
  type SecretForm,
  secretForms,
} from './fuzz-env.js';
import {
  BASE_NAMES,
  type BaseName,
  REQUEST_SECRETS,
  type StartCase,
  baseRequests,
  buildRequest,
  hasOwnVendorOptions,
  startCaseArb,
  withoutVendorOptions,
} from './request-cases.js';

/**
 * Property: every start request, valid or hostile, either
 *   - is rejected with ValidationError / UnsupportedFeatureError having sent ZERO requests, or
 *   - is accepted by the strict simulator (every request of the call answered 2xx; the session
 *     then stops cleanly by its handle string, through a second provider that never saw it),
 * and nothing but a RecordingError ever escapes, no error prints a secret (String, message, stack,
 * JSON, util.inspect; raw, JSON-escaped, URL-encoded, base64), and nothing pollutes a prototype.
 *
 * Rule for vendorOptions: raw vendor fields are the caller's responsibility (they are merged into the
 * vendor body as given, unchecked). A case whose own vendorOptions reach the vendor and are refused
 * there (a vendor 4xx / error code) is NOT counted as bad input reaching the vendor when the same
 * request without vendorOptions is accepted, or refused before any request: that refusal is put down
 * to the raw fields (tallied as `vendorOptionsRefusedByVendor`). It must still be a RecordingError,
 * leak no secret and crash nothing. Without vendorOptions the case is judged by the rule above.
 *
 * Seed: UNIREC_FUZZ_SEED (default 20261201); cases per vendor: UNIREC_FUZZ_RUNS (default 10 000).
 */

const simulator = fuzzSimulator();

interface Attempt {
  session?: { handle: string } | undefined;
  error?: unknown;
  sent: SimRequestLog[];
}

function providerFor(vendor: Vendor): RecordingProvider {
  return fuzzProvider(simulator(), vendor);
}

const providers = new Map<Vendor, RecordingProvider>();
/** Stops by handle string, as another process would: the handle must decode, not come from a cache. */
const stoppers = new Map<Vendor, RecordingProvider>();

function stopperOf(vendor: Vendor): RecordingProvider {
  const cached = stoppers.get(vendor);
  if (cached) return cached;
  const provider = providerFor(vendor);
  stoppers.set(vendor, provider);
  return provider;
}

/**
 * The vendor's provider; a fresh one (own coordinator) for a request with an idempotencyKey, whose
 * cached answer from an earlier case would otherwise be returned without any request.
 */
function providerOf(vendor: Vendor, request: unknown): RecordingProvider {
  const keyed = typeof request === 'object' && request !== null && Object.hasOwn(request, 'idempotencyKey');
  if (keyed) return providerFor(vendor);
  const cached = providers.get(vendor);
  if (cached) return cached;
  const provider = providerFor(vendor);
  providers.set(vendor, provider);
  return provider;
}

async function attemptStart(vendor: Vendor, request: unknown): Promise<Attempt> {
  simulator().reset();
  const provider = providerOf(vendor, request);
  try {
    const session = await provider.start(request as never);
    const sent = simulator().requests.filter((r) => r.vendor === vendor);
    let stopError: unknown;
    try {
      await stopperOf(vendor).stop(session.handle);
    } catch (error) {
      stopError = error;
    }
    if (stopError !== undefined) return { session, error: stopError, sent };
    return { session, sent };
  } catch (error) {
    return { error, sent: simulator().requests.filter((r) => r.vendor === vendor) };
  }
}

const HANDLE_CHARS = /^[A-Za-z0-9._~=-]+$/;

for (const vendor of FUZZ_VENDORS) {
  describe(`start requests on ${vendor}`, () => {
    const adapter = adapterOf(vendor);
    const tally = new Tally();
    const provider0 = () => providerFor(vendor);
    let secrets: SecretForm[] = [];
    let bases: ReturnType<typeof baseRequests> = {};
    let baseNames: BaseName[] = [];

    beforeAll(() => {
      const caps = provider0().capabilities;
      bases = baseRequests(caps);
      baseNames = BASE_NAMES.filter((name) => bases[name] !== undefined);
      const credentials = fuzzCredentials(simulator(), vendor);
      const secretFields = Object.entries(adapter.fields).filter(([, field]) => field.secret);
      secrets = secretForms([
        ...secretFields.map(([name]) => String(credentials[name])),
        ...Object.values(REQUEST_SECRETS),
      ]);
    });

    afterAll(() => {
      tally.add('requestsFromRejectedCases', 0);
      console.log(tally.line(vendor, 'start requests'));
    });

    it('accepts each of its base requests (built from the capability table)', async () => {
      for (const name of baseNames) {
        const attempt = await attemptStart(vendor, bases[name]);
        expect(attempt.error === undefined ? 'accepted' : describeError(attempt.error), name).toBe(
          'accepted',
        );
        expect(
          attempt.sent.every((r) => r.status < 400),
          describeSent(attempt.sent),
        ).toBe(true);
      }
    });

    it(
      `${FUZZ_RUNS} generated requests: typed rejection before any request, or accepted by the simulator (seed ${FUZZ_SEED})`,
      async () => {
        const arb = startCaseArb(vendor, provider0().capabilities, baseNames);
        await measured(tally, () =>
          fc.assert(
            fc.asyncProperty(arb, async (c: StartCase) => {
              const { request, applied } = buildRequest(bases, c);
              const problem = await judge(request);
              if (problem) tally.violation(`${problem}\n  case: ${applied.join('; ')}`);
            }),
            fuzzParameters(),
          ),
        );
      },
      FUZZ_TIMEOUT_MS,
    );

    /** The property for one request; a string describes the violation. */
    async function judge(request: unknown): Promise<string | undefined> {
      tally.add('generated');
      const attempt = await attemptStart(vendor, request);
      const pollution = prototypePollution();
      if (pollution) return pollution;
      const { error, sent } = attempt;
      if (error !== undefined) {
        if (!isRecordingError(error)) return `threw a non-unirec error: ${describeError(error)}`;
        const leak = leakedSecret(printedError(error), secrets);
        if (leak) return `the error prints a secret: ${leak}`;
      }
      if (attempt.session) {
        tally.add('accepted');
        if (!HANDLE_CHARS.test(attempt.session.handle))
          return `the handle is not URL-safe: ${attempt.session.handle.slice(0, 80)}`;
        const sessionLeak = leakedSecret(
          `${JSON.stringify(attempt.session)}\n${inspect(attempt.session, { depth: 8 })}\n${Buffer.from(attempt.session.handle.split('.')[2] ?? '', 'base64url').toString('utf8')}`,
          secrets,
        );
        if (sessionLeak) return `the session (or its handle) holds a secret: ${sessionLeak}`;
        if (sent.some((r) => r.status >= 400))
          return `accepted although the vendor answered ${describeSent(sent)}`;
        if (error !== undefined) return `stop of an accepted session failed: ${describeError(error)}`;
        return undefined;
      }
      const kind = (error as RecordingError).kind;
      if (sent.length === 0) {
        tally.add(`rejected.${kind}`);
        if (kind === 'validation' || kind === 'unsupported_feature') return undefined;
        return `rejected before any request with ${describeError(error)} (expected ValidationError or UnsupportedFeatureError)`;
      }
      const answered =
        (error as RecordingError).httpStatus !== undefined ||
        (error as RecordingError).vendorCode !== undefined;
      if (!answered) {
        tally.add(`failedLocallyAfterRequests.${kind}`);
        tally.add('requestsFromRejectedCases', sent.length);
        return `failed without a vendor refusal after ${sent.length} request(s) (${describeSent(sent)}) → ${describeError(error)}`;
      }
      if (hasOwnVendorOptions(request, vendor)) {
        const plain = await attemptStart(vendor, withoutVendorOptions(request));
        const plainReached = plain.error !== undefined && plain.sent.length > 0;
        if (!plainReached) {
          tally.add('vendorOptionsRefusedByVendor');
          tally.add('requestsFromVendorOptionsRefusals', sent.length);
          return undefined;
        }
      }
      tally.add(`reachedVendorThenRejected.${kind}`);
      tally.add('requestsFromRejectedCases', sent.length);
      return `bad input reached the vendor: ${describeSent(sent)} → ${describeError(error)}`;
    }
  });
}
