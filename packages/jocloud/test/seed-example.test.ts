import { describe, expect, it } from 'vitest';
import { toJoCloudMixConfig, toJoCloudStartRecord, withResid } from './internals.js';
import { APP_ID, plan } from './fixtures.js';
import { SEED_BODY, seedRequest } from './seed-003.js';
import { WarningCollector } from '@unirec/core/adapter';

describe('seed 003 startrecord example', () => {
  it('the neutral request (endpoint as an https URL, through core’s schema) becomes the seed body', () => {
    const result = plan(seedRequest('https://xxxx-test-endpoint'));
    expect(withResid(result.body, SEED_BODY.resid)).toEqual(SEED_BODY);
    expect(result.warnings).toEqual([]);
    expect(result.canvas).toEqual({ width: 800, height: 600 });
    expect(result.secrets).toEqual(expect.arrayContaining(['xxxx-test-accesskey', 'xxxx-test-secretkey']));
  });

  it('the endpoint written as the seed writes it (a bare host) gives the same body', () => {
    const result = toJoCloudStartRecord(seedRequest('xxxx-test-endpoint'), { appId: APP_ID, strict: true });
    expect(withResid(result.body, SEED_BODY.resid)).toEqual(SEED_BODY);
  });

  it('without zIndex the list order gives the same zOrder 0, 1 (paint order)', () => {
    const request = seedRequest('https://xxxx-test-endpoint');
    if (!request.layout || !('regions' in request.layout)) throw new Error('fixture');
    for (const region of request.layout.regions) delete region.zIndex;
    expect(withResid(plan(request).body, SEED_BODY.resid)).toEqual(SEED_BODY);
  });

  it('the updatemixrecord example (1080×720, 1000 kbps) is the same input with a new output', () => {
    const request = seedRequest('https://xxxx-test-endpoint');
    const warnings = new WarningCollector(true, 'jocloud', 'updateLayout');
    const output = { ...SEED_BODY.mixconfig.output, videoheight: 720, videowidth: 1080, videobitrate: 1000 };
    const mix = toJoCloudMixConfig(
      {
        regions: [
          { participant: '10266666', x: 0, y: 0, width: 400 / 1080, height: 600 / 720, fit: 'contain' },
          {
            participant: 'efdefd:10277777',
            x: 400 / 1080,
            y: 0,
            width: 400 / 1080,
            height: 600 / 720,
            fit: 'contain',
          },
        ],
      },
      {
        room: 'abcabc',
        media: 'audio+video',
        output: output as never,
        participants: request.participants?.include,
        warnings,
        operation: 'updateLayout',
      },
    );
    expect(mix).toEqual({ input: SEED_BODY.mixconfig.input, output });
  });
});
