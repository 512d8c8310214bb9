import type { RecordingEvent, RecordingEventType, WebhookReceiver } from '@unirec/core';
import { isRecordingError } from '@unirec/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FUZZ_RUNS,
  FUZZ_SEED,
  FUZZ_TIMEOUT_MS,
  FUZZ_VENDORS,
  type SecretForm,
  Tally,
  adapterOf,
  describeValue,
  fuzzParameters,
  leakedSecret,
  measured,
  printedError,
  prototypePollution,
  secretForms,
} from './fuzz-env.js';
import { type WebhookCase, buildDelivery, webhookCaseArb } from './webhook-cases.js';
import { WEBHOOK_PROFILES } from './webhook-profiles.js';

/**
 * Property: `adapter.createWebhookReceiver(options).receive(body, headers, requestUrl)`, given any
 * body (random bytes, strings, JSON text, parsed objects, null, numbers, oversized bodies), any
 * header map (non-string values, arrays, `__proto__` keys) and any request URL, and given correctly
 * signed bodies with random content, either returns a RecordingEvent of this vendor with a known
 * `type` and a valid `occurredAt`, or throws WebhookVerificationError — nothing else, and the error
 * never prints the webhook secret. A well-formed, correctly signed, fresh callback always returns an
 * event; one of an event type the vendor does not document (or of another product) is
 * 'vendor.other'. Signing is done here with node:crypto, from the vendors' documents.
 *
 * Seed: UNIREC_FUZZ_SEED (default 20261201); cases per vendor: UNIREC_FUZZ_RUNS (default 10 000).
 */

const EVENT_TYPES: ReadonlySet<RecordingEventType> = new Set([
  'recording.started',
  'recording.file_uploaded',
  'recording.stopped',
  'recording.failed',
  'recording.warning',
  'recording.status',
  'vendor.other',
]);

for (const vendor of FUZZ_VENDORS) {
  describe(`webhooks of ${vendor}`, () => {
    const profile = WEBHOOK_PROFILES[vendor];
    const tally = new Tally();
    let receiver: WebhookReceiver;
    let secrets: SecretForm[] = [];

    it('has a webhook profile in webhook-profiles.ts (every registered adapter needs one)', () => {
      expect(profile, `add a WEBHOOK_PROFILES entry for ${vendor}`).toBeDefined();
    });
    if (!profile) return;

    beforeAll(() => {
      receiver = adapterOf(vendor).createWebhookReceiver(profile.options(profile.secret));
      secrets = secretForms([profile.secret]);
    });

    afterAll(() => {
      console.log(tally.line(vendor, 'webhook bodies'));
    });

    it('accepts a well-formed signed callback of each documented type', () => {
      for (const type of profile.documentedTypes) {
        const delivery = buildDelivery(profile, {
          kind: 'signed',
          eventType: type,
          skewSec: 0,
          mutations: [],
          headerName: 0,
          urlVariant: 'as-sent',
          asBytes: false,
        });
        const event = receiver.receive(
          delivery.body as string,
          delivery.headers as never,
          delivery.requestUrl as string,
        );
        expect(EVENT_TYPES.has(event.type), `type ${type} → ${event.type}`).toBe(true);
      }
    });

    it(
      `${FUZZ_RUNS} generated deliveries: a RecordingEvent or WebhookVerificationError (seed ${FUZZ_SEED})`,
      async () => {
        await measured(tally, () =>
          fc.assert(
            fc.property(webhookCaseArb(profile), (c: WebhookCase) => {
              const problem = judge(c);
              if (problem) tally.violation(problem);
            }),
            fuzzParameters(),
          ),
        );
      },
      FUZZ_TIMEOUT_MS,
    );

    function judge(c: WebhookCase): string | undefined {
      tally.add('generated');
      const delivery = buildDelivery(profile!, c);
      const fail = (why: string) => `${why}\n  case: ${delivery.text}`;
      let event: RecordingEvent | undefined;
      let error: unknown;
      try {
        event = receiver.receive(
          delivery.body as never,
          delivery.headers as never,
          delivery.requestUrl as never,
        );
      } catch (e) {
        error = e;
      }
      const pollution = prototypePollution();
      if (pollution) return fail(pollution);
      if (error !== undefined) {
        if (!isRecordingError(error) || error.kind !== 'webhook_verification') {
          return fail(
            `threw ${isRecordingError(error) ? error.name : describeValue(error)} instead of WebhookVerificationError`,
          );
        }
        const leak = leakedSecret(printedError(error), secrets);
        if (leak) return fail(`the error prints the webhook secret: ${leak}`);
        tally.add(`${c.kind}.rejected`);
        if (delivery.authentic)
          return fail(`an authentic callback was refused: ${error.message.slice(0, 200)}`);
        return undefined;
      }
      const e = event!;
      tally.add(`${c.kind}.event.${e.type}`);
      if (e.vendor !== vendor) return fail(`event of vendor '${String(e.vendor)}'`);
      if (!EVENT_TYPES.has(e.type)) return fail(`unknown event type '${String(e.type)}'`);
      if (!(e.occurredAt instanceof Date) || Number.isNaN(e.occurredAt.getTime()))
        return fail(`occurredAt is not a valid Date: ${describeValue(e.occurredAt)}`);
      if (c.kind === 'signed-with-wrong-secret')
        return fail('a callback signed with another secret was accepted');
      if (delivery.other && e.type !== 'vendor.other')
        return fail(`an undocumented event type came out as '${e.type}' (expected 'vendor.other')`);
      return undefined;
    }
  });
}
