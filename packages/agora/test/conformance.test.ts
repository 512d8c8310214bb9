import { runProviderConformance } from '@unirec/conformance';
import { UnsupportedFeatureError, ValidationError } from '@unirec/core';
import { describe, expect, it } from 'vitest';
import { agoraAdapter } from '../src/index.js';
import { compositeRequest, individualRequest, offline, storage, webRequest } from './fixtures.js';

// The suite runs against @unirec/simulator on loopback: nothing else may be reached.
offline();

runProviderConformance({
  adapter: agoraAdapter,
  compositeRequest,
  individualRequest,
  invalidConfigs: [
    { name: 'missing customerSecret', field: 'customerSecret', config: { customerSecret: undefined } },
    { name: 'empty appId', field: 'appId', config: { appId: '' } },
    { name: 'appId with a slash', field: 'appId', config: { appId: 'a/b' } },
    { name: 'customerId with a colon', field: 'customerId', config: { customerId: 'a:b' } },
    { name: 'unknown area', field: 'area', config: { area: 'mars' } },
    {
      name: 'a lone surrogate in the secret',
      field: 'customerSecret',
      config: { customerSecret: 'abc\ud800def' },
    },
  ],
  additionalTests: (ctx) => {
    describe('Agora rules beyond the capability table', () => {
      it('storage prefix, region and web page limits are checked before any request', async () => {
        const p = ctx.provider();
        const cases = [
          {
            field: 'storage.prefix[0]',
            request: { ...compositeRequest(), storage: storage({ prefix: ['my_dir'] }) },
          },
          {
            field: 'storage.region',
            request: { ...compositeRequest(), storage: storage({ region: undefined }) },
          },
          { field: 'video.width', request: { ...webRequest(), video: { width: 200, height: 480 } } },
          { field: 'recorderUid', request: { ...compositeRequest(), recorderUid: '0' } },
          { field: 'room', request: { ...compositeRequest(), room: 'room/with/slashes' } },
        ];
        for (const c of cases) {
          const error = await p.start(c.request as never).catch((e: unknown) => e);
          expect(error, c.field).toBeInstanceOf(ValidationError);
          expect(String(error), c.field).toContain(c.field);
        }
        const unsupported = [
          { ...webRequest(), media: 'audio' as const },
          { ...compositeRequest(), vendorOptions: { agora: { rtmpUrl: 'rtmp://cdn.example.com/live/x' } } },
          { ...compositeRequest(), storage: storage({ region: 'mars-north-1' }) },
        ];
        for (const request of unsupported) {
          expect(await p.start(request as never).catch((e: unknown) => e)).toBeInstanceOf(
            UnsupportedFeatureError,
          );
        }
        expect(ctx.backend().requests()).toEqual([]);
      });
    });
  },
});
