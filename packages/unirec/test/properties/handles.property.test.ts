import { type RecordingProvider, type Vendor, isRecordingError } from '@unirec/core';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fuzzCredentials, fuzzProvider, fuzzSimulator } from './fuzz-simulator.js';
import {
  FUZZ_RUNS,
  FUZZ_SEED,
  FUZZ_TIMEOUT_MS,
  FUZZ_VENDORS,
  type SecretForm,
  Tally,
  adapterOf,
  fuzzParameters,
  describeError,
  describeSent,
  leakedSecret,
  measured,
  printedError,
  prototypePollution,
  secretForms,
} from './fuzz-env.js';
import { type HandleCase, type LiveSession, buildHandle, handleCaseArb } from './handle-cases.js';
import { layoutArb } from './plausible-edits.js';
import { BASE_NAMES, type BaseName, baseRequests } from './request-cases.js';

/**
 * Property: `query`, `stop` and `updateLayout` given any handle (random strings, truncations,
 * base64 of random JSON, JSON edits of a real handle with hostile values, small tweaks of one
 * field, re-encodings, non-strings) either
 *   - reject with ValidationError (UnsupportedFeatureError for a layout the session cannot take)
 *     having sent ZERO requests, or
 *   - reach the vendor with a handle the SDK found well-formed: the call then works, or the vendor
 *     answers that these ids name no recording of this account (NOT_THIS_RECORDING below: a
 *     well-formed but forged or stale id, which no local check can tell from a real one). Any other
 *     vendor answer (an "invalid parameter", an auth failure, …) means an edited handle carried
 *     bad data to the vendor.
 * The real handle of a running session (string or session object) always works. Nothing but a
 * RecordingError escapes, no error prints a secret, nothing pollutes a prototype.
 *
 * Seed: UNIREC_FUZZ_SEED (default 20261201); cases per vendor: UNIREC_FUZZ_RUNS (default 10 000).
 */

/**
 * Vendor answers that mean "these ids name no recording of yours", not "this value is malformed"
 * (the vendor notes (docs/vendors/sources.md) code tables). Every vendor's NotFoundError counts as well.
 */
const NOT_THIS_RECORDING: Partial<Record<Vendor, ReadonlyArray<number>>> = {
  // 404 worker not found · 432 params don't match the resource · 433 resource expired
  agora: [404, 432, 433],
  // 300001000 task not found
  zego: [300001000],
  // 4012 resid invalid/expired · 4013 recordid unknown · 4019 not a mixed task
  jocloud: [4012, 4013, 4019],
};

/** a base session older than this is replaced before its real handle is used (idle stops: ≥ 30 s) */
const LIVE_SESSION_MAX_AGE_MS = 15_000;

const simulator = fuzzSimulator();

for (const vendor of FUZZ_VENDORS) {
  describe(`handles on ${vendor}`, () => {
    const adapter = adapterOf(vendor);
    const tally = new Tally();
    let provider: RecordingProvider;
    let secrets: SecretForm[] = [];
    let bases: ReturnType<typeof baseRequests> = {};
    type Live = LiveSession & { base: BaseName; sessionId: string; startedAt: number };
    const live: Live[] = [];

    async function startLive(base: BaseName): Promise<Live> {
      const session = await provider.start(bases[base]!);
      return {
        vendor,
        base,
        handle: session.handle,
        session,
        sessionId: session.sessionId,
        startedAt: Date.now(),
      };
    }

    /**
     * Restarts live[index] when the vendor no longer runs it (stopped by a case), or when it is old
     * enough that the vendor's own idle stop could end it during the call (JOCloud: 30 s without a
     * stream), so the real handle is always of a running session.
     */
    async function ensureLive(index: number): Promise<boolean> {
      const s = live[index]!;
      const running = simulator()
        .activeRecordings(vendor)
        .some((r) => r.id === s.sessionId);
      if (running && Date.now() - s.startedAt < LIVE_SESSION_MAX_AGE_MS) return false;
      // an old session is stopped first: the emulator's state stays small
      if (running) await provider.stop(s.handle);
      live[index] = await startLive(s.base);
      tally.add('baseRestarts');
      return true;
    }

    beforeAll(async () => {
      const credentials = fuzzCredentials(simulator(), vendor);
      provider = fuzzProvider(simulator(), vendor);
      const secretFields = Object.entries(adapter.fields).filter(([, field]) => field.secret);
      secrets = secretForms(secretFields.map(([name]) => String(credentials[name])));
      bases = baseRequests(provider.capabilities);
      for (const base of BASE_NAMES) if (bases[base]) live.push(await startLive(base));
    });

    beforeEach(() => simulator().clearRequests());

    afterAll(() => {
      console.log(tally.line(vendor, 'handles'));
    });

    it('the real handles work: query, updateLayout of a composite session, stop', async () => {
      for (const s of live) {
        expect(['starting', 'recording']).toContain((await provider.query(s.handle)).state);
        if (s.session && (s.session as { mode?: string }).mode === 'composite') {
          await expect(provider.updateLayout(s.handle, { preset: 'grid' })).resolves.toBeDefined();
        }
      }
      const first = live[0]!;
      expect((await provider.stop(first.handle)).alreadyStopped).toBe(false);
      expect(await ensureLive(0)).toBe(true);
      expect(live[0]!.handle).not.toBe(first.handle);
    });

    it(
      `${FUZZ_RUNS} generated handles: ValidationError before any request, or a well-formed call (seed ${FUZZ_SEED})`,
      async () => {
        const arb = handleCaseArb(FUZZ_VENDORS, layoutArb(provider.capabilities));
        await measured(tally, () =>
          fc.assert(
            fc.asyncProperty(arb, async (c: HandleCase) => {
              const problem = await judge(c);
              if (problem) tally.violation(problem);
            }),
            fuzzParameters(),
          ),
        );
      },
      FUZZ_TIMEOUT_MS,
    );

    async function judge(c: HandleCase): Promise<string | undefined> {
      tally.add('generated');
      let built = buildHandle(c.recipe, live);
      // the real handle must work: its session must be running (rebuilt on the restarted session)
      if (built.unmodified && (await ensureLive(built.base))) built = buildHandle(c.recipe, live);
      const { ref, unmodified, text } = built;
      const layout = c.layout === undefined ? { preset: 'grid' } : c.layout.value();
      const describeCase = () => `${c.operation}(${text}${c.layout ? `, layout ${c.layout.label}` : ''})`;
      simulator().clearRequests();
      let error: unknown;
      let resolved = false;
      try {
        if (c.operation === 'query') await provider.query(ref as never);
        else if (c.operation === 'stop') await provider.stop(ref as never);
        else await provider.updateLayout(ref as never, layout as never);
        resolved = true;
      } catch (e) {
        error = e;
      }
      const sent = simulator().requests.filter((r) => r.vendor === vendor);
      const fail = (why: string) => `${why}\n  case: ${describeCase()}`;
      const pollution = prototypePollution();
      if (pollution) return fail(pollution);
      if (!resolved) {
        if (!isRecordingError(error)) return fail(`threw a non-unirec error: ${describeError(error)}`);
        const leak = leakedSecret(printedError(error), secrets);
        if (leak) return fail(`the error prints a secret: ${leak}`);
      }
      const kind = resolved ? 'ok' : (error as { kind: string }).kind;
      if (sent.length === 0) {
        tally.add(`noRequest.${kind}`);
        if (kind === 'validation' || kind === 'unsupported_feature') return undefined;
        return fail(
          `${resolved ? 'resolved' : `rejected with ${describeError(error)}`} without any request (expected ValidationError)`,
        );
      }
      tally.add(`${unmodified ? 'real' : 'edited'}.reachedVendor.${kind}`);
      tally.add('requestsToVendor', sent.length);
      if (unmodified) {
        if (resolved && c.layout === undefined) return undefined;
        if (c.layout !== undefined && kind !== 'validation' && kind !== 'unsupported_feature' && !resolved) {
          return fail(
            `a layout that passed validation was refused by the vendor: ${describeSent(sent)} → ${describeError(error)}`,
          );
        }
        return resolved
          ? undefined
          : fail(`the real handle failed: ${describeSent(sent)} → ${describeError(error)}`);
      }
      if (resolved || kind === 'not_found') return undefined;
      const code = Number(
        (error as { vendorCode?: unknown }).vendorCode ?? (error as { httpStatus?: unknown }).httpStatus,
      );
      // A small tweak that keeps a field valid (a canvas of 1281 instead of 1280, an output stream type of 1
      // instead of 0) passes every local check: a handle carries no proof of the values the vendor holds, so
      // only the vendor can say they are not this recording's (docs/vendors/*.md "Handles"). Hostile edits
      // never get this allowance.
      if (c.recipe.kind === 'tweak' && kind === 'validation') {
        tally.add(`edited.plausibleTweakRefusedByVendor.${code}`);
        return undefined;
      }
      if (NOT_THIS_RECORDING[vendor]?.includes(code)) {
        tally.add(`edited.notThisRecording.${code}`);
        return undefined;
      }
      return fail(
        `an edited handle carried bad data to the vendor: ${describeSent(sent)} → ${describeError(error)}`,
      );
    }
  });
}
