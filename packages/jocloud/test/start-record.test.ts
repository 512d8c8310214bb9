import { type StartRecordingRequest, UnsupportedFeatureError, ValidationError } from '@unirec/core/adapter';
import { describe, expect, it } from 'vitest';
import { JOCLOUD_RECORD_TYPE, toJoCloudStartRecord, withResid } from './internals.js';
import {
  APP_ID,
  ACCESS_KEY,
  SECRET_KEY,
  compositeRequest,
  issuePaths,
  ossStorage,
  plan,
  thrown,
} from './fixtures.js';

function individual(extra: Partial<StartRecordingRequest> = {}): StartRecordingRequest {
  return {
    room: 'class7',
    mode: 'individual',
    participants: { include: ['1001'] },
    storage: ossStorage(),
    ...extra,
  };
}

describe('the startrecord body', () => {
  it('composite: appid, roomid, recordtype, streamtype 1, mixconfig, storagecfg, callbackurl; resid added later', () => {
    const result = plan(compositeRequest({ callbackUrl: 'https://app.test/jocloud?token=abcdefghijklmnop' }));
    expect(result.body).toMatchObject({
      appid: APP_ID,
      roomid: 'class7',
      recordtype: 0,
      streamtype: 1,
      callbackurl: 'https://app.test/jocloud?token=abcdefghijklmnop',
      storagecfg: { vender: 0, endpoint: 'oss-cn-hangzhou.aliyuncs.com', bucket: 'unirec-recordings' },
    });
    expect(result.body).not.toHaveProperty('resid');
    expect(result.body.mixconfig!.input).toHaveLength(2);
    expect(withResid(result.body, 'R1').resid).toBe('R1');
    expect(result.mixOutput).toEqual(result.body.mixconfig!.output);
    expect(result.canvas).toEqual({ width: 1280, height: 720 });
  });

  it.each([
    ['audio+video', 0],
    ['video', 1],
    ['audio', 2],
  ] as const)('media %s → recordtype %i (and output streamtype)', (media, recordtype) => {
    const request = compositeRequest({ media });
    if (media === 'audio') delete request.layout;
    const result = plan(request);
    expect(result.body.recordtype).toBe(recordtype);
    expect(JOCLOUD_RECORD_TYPE[media]).toBe(recordtype);
    expect(result.body.mixconfig!.output.streamtype).toBe(recordtype);
  });

  it('individual: streamtype 2 and the one uid, no mixconfig', () => {
    const result = plan(individual({ media: 'audio' }));
    expect(result.body).toEqual({
      appid: APP_ID,
      roomid: 'class7',
      recordtype: 2,
      streamtype: 2,
      uid: '1001',
      storagecfg: {
        vender: 0,
        endpoint: 'oss-cn-hangzhou.aliyuncs.com',
        bucket: 'unirec-recordings',
        accesskey: ACCESS_KEY,
        secretkey: SECRET_KEY,
      },
    });
    expect(result.canvas).toBeUndefined();
    expect(result.mixOutput).toBeUndefined();
  });

  it('individual: roomid:uid of the session room is the uid; of another room a ValidationError', () => {
    expect(plan(individual({ participants: { include: ['class7:1001'] } })).body.uid).toBe('1001');
    const error = thrown(() => plan(individual({ participants: { include: ['other:1001'] } })));
    expect(issuePaths(error)).toEqual(['participants.include[0]']);
  });

  it('individual: video and audio settings are not sent (warnings video, audio)', () => {
    const result = plan(individual({ video: { width: 640, height: 360 }, audio: { channels: 1 } }));
    expect(result.warnings.map((w) => w.feature)).toEqual(['video', 'audio']);
  });
});

describe('what JOCloud cannot do: UnsupportedFeatureError, strict or not', () => {
  it.each([
    [
      'web mode',
      { mode: 'web', web: { url: 'https://page.test' }, participants: undefined, layout: undefined },
      'mode.web',
    ],
    ['participants.exclude', { participants: { exclude: ['1'] }, layout: undefined }, 'participants.exclude'],
    ['mp4', { output: { formats: ['mp4'] } }, 'output.formats'],
    ['hls + flv', { output: { formats: ['hls', 'flv'] } }, 'output.formats'],
    ['jpg snapshots', { output: { formats: ['jpg'], snapshotIntervalSec: 5 } }, 'output.formats'],
    ['maxDurationSec', { output: { maxDurationSec: 3600 } }, 'output.maxDurationSec'],
  ] as const)('%s', (_name, change, feature) => {
    const error = thrown(() => plan({ ...compositeRequest(), ...change }));
    expect(error).toBeInstanceOf(UnsupportedFeatureError);
    expect((error as UnsupportedFeatureError).feature).toBe(feature);
  });

  it('individual with no participant, or with more than one (one user per task)', () => {
    for (const include of [undefined, ['1', '2']]) {
      const error = thrown(() => plan(individual({ participants: include ? { include } : undefined })));
      expect(error).toBeInstanceOf(UnsupportedFeatureError);
      expect((error as UnsupportedFeatureError).feature).toBe('participants.include');
    }
  });

  it("output.formats ['hls'] is what JOCloud records: accepted without a warning", () => {
    expect(plan(compositeRequest({ output: { formats: ['hls'] } })).warnings).toEqual([]);
  });
});

describe('warnings for what is lost', () => {
  it('token and recorderUid are not sent; maxIdleSec has one value, JOCloud’s fixed 30 s (capability table)', () => {
    const result = plan(compositeRequest({ layout: undefined, token: 'rtc-token', recorderUid: '9' }));
    expect(result.warnings.map((w) => w.feature)).toEqual(['token', 'recorderUid']);
    expect(plan(compositeRequest({ layout: undefined, output: { maxIdleSec: 30 } })).warnings).toEqual([]);
    const error = thrown(() => plan(compositeRequest({ output: { maxIdleSec: 120 } })));
    expect(error).toBeInstanceOf(ValidationError);
    expect(issuePaths(error)).toEqual(['output.maxIdleSec']);
  });

  it('strict turns each into UnsupportedFeatureError', () => {
    expect(() => plan(compositeRequest({ layout: undefined, token: 't' }), true)).toThrow(
      UnsupportedFeatureError,
    );
  });
});

describe('vendorOptions.jocloud', () => {
  const watermark = {
    timestamp: { x: 10, y: 10, format: '%Y-%m-%d %H:%M:%S', size: 24, color: 'FFFFFF' },
    textList: [{ x: 20, y: 40, content: '机密 confidential', size: 18, font: 'NotoSansCJK', alpha: 0.5 }],
    imageList: [{ x: 1180, y: 620, width: 100, height: 100, url: 'https://img.test/logo.png', scale: 0 }],
  };
  const withOptions = (jocloud: Record<string, unknown>, extra: Partial<StartRecordingRequest> = {}) =>
    plan(compositeRequest({ vendorOptions: { jocloud }, ...extra }));

  it('watermark and base64seidata are deep-merged into mixconfig.output (and kept for updates)', () => {
    const sei = Buffer.from('{"lesson":7}').toString('base64');
    const result = withOptions({ mixconfig: { output: { watermark, base64seidata: sei, patch: 2 } } });
    expect(result.body.mixconfig!.output).toMatchObject({
      watermark,
      base64seidata: sei,
      patch: 2,
      videowidth: 1280,
    });
    expect(result.mixOutput).toMatchObject({ watermark, base64seidata: sei });
  });

  it('a watermark outside the canvas is a ValidationError naming the field', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ timestamp: { ...watermark.timestamp, x: 1280 } }, 'timestamp.x'],
      [{ textList: [{ ...watermark.textList[0], y: 720 }] }, 'textList[0].y'],
      [{ imageList: [{ ...watermark.imageList[0], x: 1181 }] }, 'imageList[0].width'],
      [{ imageList: [{ ...watermark.imageList[0], height: 101 }] }, 'imageList[0].height'],
      [{ imageList: [{ ...watermark.imageList[0], width: 1920 }] }, 'imageList[0].width'],
    ];
    for (const [wm, field] of cases) {
      const error = thrown(() => withOptions({ mixconfig: { output: { watermark: wm } } }));
      expect(error).toBeInstanceOf(ValidationError);
      expect(issuePaths(error)).toContain(`vendorOptions.jocloud.mixconfig.output.watermark.${field}`);
    }
  });

  it('malformed documented fields are ValidationErrors naming them', () => {
    const at = 'vendorOptions.jocloud.mixconfig.output';
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ base64seidata: 'not base64!' }, `${at}.base64seidata`],
      [{ base64seidata: Buffer.alloc(2049).toString('base64') }, `${at}.base64seidata`],
      [{ patch: 3 }, `${at}.patchUrl`],
      [{ patch: 4 }, `${at}.patch`],
      [
        { watermark: { timestamp: { ...watermark.timestamp, format: '%s' } } },
        `${at}.watermark.timestamp.format`,
      ],
      [
        { watermark: { textList: [{ x: 0, y: 0, content: 'x', size: 101 }] } },
        `${at}.watermark.textList[0].size`,
      ],
      [
        { watermark: { textList: [{ x: 0, y: 0, content: 'x', size: 10, color: 'ffFFff' }] } },
        `${at}.watermark.textList[0].color`,
      ],
      [
        { watermark: { textList: [{ x: 0, y: 0, content: 'x', size: 10, colour: 'FFFFFF' }] } },
        `${at}.watermark.textList[0].colour`,
      ],
      [
        {
          watermark: { imageList: [{ ...watermark.imageList[0], url: `https://i.test/${'a'.repeat(250)}` }] },
        },
        `${at}.watermark.imageList[0].url`,
      ],
      [{ videowidth: 1920 }, `${at}.videowidth`],
    ];
    for (const [output, path] of cases) {
      expect(
        issuePaths(thrown(() => withOptions({ mixconfig: { output } }))),
        JSON.stringify(output),
      ).toContain(path);
    }
    expect(() =>
      withOptions({ mixconfig: { output: { base64seidata: Buffer.alloc(2048).toString('base64') } } }),
    ).not.toThrow();
  });

  it('fields unirec sets are refused; mixconfig outside composite is refused', () => {
    for (const field of ['resid', 'appid', 'roomid', 'streamtype', 'recordtype', 'uid']) {
      expect(issuePaths(thrown(() => withOptions({ [field]: 1 })))).toEqual([
        `vendorOptions.jocloud.${field}`,
      ]);
    }
    const error = thrown(() =>
      plan(individual({ vendorOptions: { jocloud: { mixconfig: { output: {} } } } })),
    );
    expect(issuePaths(error)).toEqual(['vendorOptions.jocloud.mixconfig']);
  });

  it('a picture option on an audio-only recording is refused (no canvas)', () => {
    const error = thrown(() =>
      withOptions(
        { mixconfig: { output: { watermark: { textList: [] } } } },
        { media: 'audio', layout: undefined },
      ),
    );
    expect(issuePaths(error)).toEqual(['vendorOptions.jocloud.mixconfig.output.watermark']);
  });

  it('a raw templateid replaces the mapped input (JOCloud takes one or the other); a bad one is refused', () => {
    const result = withOptions({ mixconfig: { templateid: 4 } });
    expect(result.body.mixconfig).toEqual({ templateid: 4, output: result.mixOutput });
    expect(issuePaths(thrown(() => withOptions({ mixconfig: { templateid: 9 } })))).toEqual([
      'vendorOptions.jocloud.mixconfig.templateid',
    ]);
    const raw = [{ uid: '5', roomid: 'class7', streamtype: 2 }];
    const noLayout = plan(
      compositeRequest({
        layout: undefined,
        participants: undefined,
        vendorOptions: { jocloud: { mixconfig: { input: raw } } },
      }),
    );
    expect(noLayout.body.mixconfig).toEqual({ input: raw, output: noLayout.mixOutput });
  });

  it('raw fields must be JSON of well-formed text (they go into the body as they are)', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ extra: 10n }, 'vendorOptions.jocloud.extra'],
      [{ extra: Number.NaN }, 'vendorOptions.jocloud.extra'],
      [{ extra: () => 1 }, 'vendorOptions.jocloud.extra'],
      [{ storagecfg: { bucket: 'b\uD800' } }, 'vendorOptions.jocloud.storagecfg.bucket'],
      [{ list: [1, new Date(0)] }, 'vendorOptions.jocloud.list[1]'],
      [{ cyclic }, 'vendorOptions.jocloud.cyclic.self'],
    ];
    for (const [options, path] of cases) {
      const error = thrown(() =>
        toJoCloudStartRecord(compositeRequest({ vendorOptions: { jocloud: options } }), {
          appId: APP_ID,
          strict: false,
        }),
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect(issuePaths(error)).toEqual([path]);
    }
  });

  it('other raw fields are merged as given; prototype keys are ignored', () => {
    const options = JSON.parse(
      '{"storagecfg":{"fileprefix":["raw"]},"__proto__":{"polluted":true},"extra":1}',
    );
    const result = withOptions(options);
    expect(result.body.storagecfg.fileprefix).toEqual(['raw']);
    expect(result.body.extra).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((result.body as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('secrets of the request (for redaction)', () => {
  it('storage keys and credential-like callback URL values, raw and URL-encoded', () => {
    const result = plan(
      compositeRequest({ callbackUrl: 'https://u:p%40ss@app.test/cb?token=tok%2Fen-1234567890&room=class7' }),
    );
    expect(result.secrets).toEqual(
      expect.arrayContaining([
        ACCESS_KEY,
        SECRET_KEY,
        'tok/en-1234567890',
        'tok%2Fen-1234567890',
        'p%40ss',
        'p@ss',
      ]),
    );
    expect(result.secrets).not.toContain('class7');
  });

  it('a raw callbackurl from vendorOptions is scrubbed too', () => {
    const raw = 'https://app.test/cb?auth=raw-auth-value-123456';
    const result = plan(compositeRequest({ vendorOptions: { jocloud: { callbackurl: raw } } }));
    expect(result.body.callbackurl).toBe(raw);
    expect(result.secrets).toContain('raw-auth-value-123456');
  });
});

describe('room', () => {
  it('a lone surrogate in room is a ValidationError naming room (it could not be sent)', () => {
    const error = thrown(() =>
      toJoCloudStartRecord({ ...compositeRequest(), room: 'a\uD800' }, { appId: APP_ID, strict: false }),
    );
    expect(issuePaths(error)).toEqual(['room']);
  });
});
