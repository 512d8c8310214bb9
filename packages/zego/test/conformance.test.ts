import { runProviderConformance } from '@unirec/conformance';
import { UnsupportedFeatureError, ValidationError } from '@unirec/core';
import { describe, expect, it } from 'vitest';
import { zegoAdapter } from '../src/index.js';
import { compositeRegionsRequest, individualRequest } from './helpers.js';

const storage = compositeRegionsRequest().storage;
const SECRET = '0123456789abcdef0123456789abcdef';

runProviderConformance({
  adapter: zegoAdapter,
  compositeRequest: compositeRegionsRequest,
  individualRequest,
  invalidConfigs: [
    { name: 'missing serverSecret', field: 'serverSecret', config: { serverSecret: undefined } },
    { name: 'serverSecret of 31 chars', field: 'serverSecret', config: { serverSecret: SECRET.slice(1) } },
    { name: 'serverSecret not hex', field: 'serverSecret', config: { serverSecret: 'z'.repeat(32) } },
    { name: 'appId as a string', field: 'appId', config: { appId: '123' } },
    { name: 'appId over uint32', field: 'appId', config: { appId: 2 ** 32 } },
    { name: 'unknown region', field: 'region', config: { region: 'mars' } },
  ],
  additionalTests: (ctx) => {
    describe('ZEGO rules beyond the capability table', () => {
      it('storage rules and VOD formats are checked before any request', async () => {
        const p = ctx.provider();
        const invalid = [
          {
            field: 'storage.region',
            request: { ...compositeRegionsRequest(), storage: { ...storage, region: undefined } },
          },
          {
            field: 'storage.bucket',
            request: {
              ...compositeRegionsRequest(),
              storage: { ...storage, vendor: 'tencent-cos', bucket: 'no-appid' },
            },
          },
        ];
        for (const c of invalid) {
          const error = await p.start(c.request as never).catch((e: unknown) => e);
          expect(error, c.field).toBeInstanceOf(ValidationError);
          expect(String(error), c.field).toContain(c.field);
        }
        const vod = {
          ...compositeRegionsRequest(),
          output: { formats: ['hls'] },
          storage: { ...storage, vendor: 'aliyun-vod', region: 'cn-shanghai' },
          vendorOptions: { zego: { StorageParams: { AlibabaCloudVodParams: { Title: 't' } } } },
        };
        expect(await p.start(vod as never).catch((e: unknown) => e)).toBeInstanceOf(UnsupportedFeatureError);
        expect(ctx.backend().requests()).toEqual([]);
      });
    });
  },
});
