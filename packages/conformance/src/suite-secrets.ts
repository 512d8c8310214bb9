import { inspect } from 'node:util';
import type { Logger } from '@unirec/core';
import { describe, expect, it } from 'vitest';
import { expectNoSecrets, printed } from './helpers.js';
import { invalidRequests } from './invalid-requests.js';
import type { SuiteContext } from './types.js';

/** No secret in any error, log line, hook payload, session or util.inspect, in any encoding. */
export function describeSecrets(ctx: SuiteContext): void {
  const { options } = ctx;
  describe('secrets', () => {
    it('never appear in errors, logs, hooks, sessions or util.inspect', async () => {
      const seen: string[] = [];
      const record = (...args: unknown[]) =>
        void seen.push(inspect(args, { depth: 12 }), JSON.stringify(args));
      const logger: Logger = { debug: record, info: record, warn: record, error: record };
      const hooks = { onRequest: record, onResponse: record, onRetry: record };
      const p = ctx.provider({ logger, hooks, maxRetries: 1 });
      seen.push(inspect(p, { depth: 12, showHidden: true }), JSON.stringify(p) ?? '');
      const session = await p.start(options.compositeRequest());
      seen.push(inspect(session, { depth: 12 }), JSON.stringify(session));
      for (const failure of [
        'auth',
        'server-error',
        'invalid-parameter',
        'not-found',
        'malformed',
      ] as const) {
        ctx.backend().fail('query', failure, 3);
        try {
          await p.query(session);
        } catch (error) {
          seen.push(printed(error));
        }
      }
      for (const c of invalidRequests(options.compositeRequest(), options.individualRequest()).slice(0, 8)) {
        try {
          await p.start(c.request);
        } catch (error) {
          seen.push(printed(error));
        }
      }
      for (const c of options.invalidConfigs) {
        try {
          options.adapter.createProvider({ ...ctx.backend().credentials, ...c.config });
        } catch (error) {
          seen.push(printed(error));
        }
      }
      await p.stop(session);
      expect(seen.length).toBeGreaterThan(10);
      const fields = options.adapter.fields;
      const request = options.compositeRequest();
      const secrets = [
        ...Object.keys(fields)
          .filter((k) => fields[k]!.secret)
          .map((k) => String(ctx.backend().credentials[k])),
        request.storage.accessKey,
        request.storage.secretKey,
      ];
      expectNoSecrets(seen.join('\n'), secrets);
    });
  });
}
