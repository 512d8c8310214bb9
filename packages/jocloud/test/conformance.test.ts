import { runProviderConformance } from '@unirec/conformance';
import { UnsupportedFeatureError, ValidationError } from '@unirec/core';
import { describe, expect, it } from 'vitest';
import { joCloudAdapter } from '../src/index.js';
import { conformanceComposite, conformanceIndividual } from './fixtures.js';

const storage = conformanceComposite().storage;

runProviderConformance({
  adapter: joCloudAdapter,
  compositeRequest: conformanceComposite,
  individualRequest: conformanceIndividual,
  invalidConfigs: [
    { name: 'missing restfulSecret', field: 'restfulSecret', config: { restfulSecret: undefined } },
    { name: 'appId as a string', field: 'appId', config: { appId: '1234567' } },
    { name: 'appId 0', field: 'appId', config: { appId: 0 } },
    { name: 'appId over int32', field: 'appId', config: { appId: 2 ** 31 } },
    { name: 'restfulId with a colon', field: 'restfulId', config: { restfulId: 'a:b' } },
    { name: 'unknown site', field: 'site', config: { site: 'moon' } },
    {
      name: 'a lone surrogate in the secret',
      field: 'restfulSecret',
      config: { restfulSecret: 'abc\ud800def' },
    },
  ],
  additionalTests: (ctx) => {
    describe('JOCloud rules beyond the capability table', () => {
      it('storage, roomid:uid and vendorOptions rules are checked before any request', async () => {
        const p = ctx.provider();
        const invalid = [
          {
            field: 'storage.prefix[0]',
            request: { ...conformanceComposite(), storage: { ...storage, prefix: ['my_dir'] } },
          },
          {
            field: 'storage.endpoint',
            request: {
              ...conformanceComposite(),
              storage: { ...storage, vendor: 'tencent-cos', region: undefined },
            },
          },
          {
            field: 'participants.include[0]',
            request: { ...conformanceIndividual(), participants: { include: ['other-room:1001'] } },
          },
          {
            field: 'participants.include[1]',
            request: {
              ...conformanceComposite(),
              layout: undefined,
              participants: { include: ['1001', 'conformance-room:1001'] },
            },
          },
          {
            field: 'vendorOptions.jocloud.resid',
            request: { ...conformanceComposite(), vendorOptions: { jocloud: { resid: 'x' } } },
          },
          {
            field: 'vendorOptions.jocloud.mixconfig.output.videowidth',
            request: {
              ...conformanceComposite(),
              vendorOptions: { jocloud: { mixconfig: { output: { videowidth: 640 } } } },
            },
          },
          { field: 'room', request: { ...conformanceComposite(), room: 'room/with/slashes' } },
        ];
        for (const c of invalid) {
          const error = await p.start(c.request as never).catch((e: unknown) => e);
          expect(error, c.field).toBeInstanceOf(ValidationError);
          expect(String(error), c.field).toContain(c.field);
        }
        const unsupported = [
          { ...conformanceComposite(), storage: { ...storage, vendor: 's3', region: 'us-east-1' } },
          { ...conformanceIndividual(), participants: { include: ['1001', '1002'] } },
          { ...conformanceComposite(), output: { maxDurationSec: 3600 } },
        ];
        for (const request of unsupported) {
          expect(await p.start(request as never).catch((e: unknown) => e)).toBeInstanceOf(
            UnsupportedFeatureError,
          );
        }
        expect(ctx.backend().requests()).toEqual([]);
      });

      it('a canvas side that is not a multiple of 4 is recorded rounded, with a warning (strict: refused)', async () => {
        const request = { ...conformanceComposite(), video: { width: 1366, height: 766 } };
        const session = await ctx.provider().start(request);
        expect(session.warnings.map((w) => w.feature)).toEqual(['video.width', 'video.height']);
        const [running] = ctx.backend().running();
        const body = running!.request as { mixconfig: { output: Record<string, number> } };
        const output = body.mixconfig.output;
        expect([output.videowidth, output.videoheight]).toEqual([1368, 768]);
        const before = ctx.backend().requests().length;
        expect(
          await ctx
            .provider({ strict: true })
            .start(request)
            .catch((e: unknown) => e),
        ).toBeInstanceOf(UnsupportedFeatureError);
        expect(ctx.backend().requests().length).toBe(before);
      });
    });
  },
});
