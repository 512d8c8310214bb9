import { describe, expect, it } from 'vitest';
import { AUDIO_OUTPUT, setup, VIDEO_OUTPUT } from './helpers/jocloud-unit.js';

/** JOCloud startrecord bodies against seed 003's field tables and notes (codes 2101, 4004, 4016). */

describe('JOCloud startrecord: invalid parameters → 2101 naming the field', () => {
  const cases: Array<[string, (b: any) => void, RegExp]> = [
    ['roomid missing', (b) => delete b.roomid, /roomid is required/],
    ['appid as a string', (b) => (b.appid = '10034'), /appid must be an integer/],
    ['appid of another app', (b) => (b.appid = 10035), /appid 10035 does not match/],
    ['streamtype 3', (b) => (b.streamtype = 3), /streamtype must be one of 1, 2/],
    ['recordtype 3', (b) => (b.recordtype = 3), /recordtype must be one of 0, 1, 2/],
    [
      'mixconfig missing in mixed mode',
      (b) => delete b.mixconfig,
      /mixconfig is required for mixed stream recording/,
    ],
    ['source stream without uid', (b) => (b.streamtype = 2), /uid is required for source stream recording/],
    [
      'layoutW 0',
      (b) => (b.mixconfig.input[0].layoutW = 0),
      /mixconfig\.input\[0\]\.layoutW must be between 1 and 1920/,
    ],
    [
      'layoutX 1921',
      (b) => (b.mixconfig.input[1].layoutX = 1921),
      /mixconfig\.input\[1\]\.layoutX must be between 0 and 1920/,
    ],
    [
      'zOrder 16 (sixteen layers are 0…15)',
      (b) => (b.mixconfig.input[0].zOrder = 16),
      /zOrder must be between 0 and 15/,
    ],
    ['recordtype missing (the table says Required)', (b) => delete b.recordtype, /recordtype is required/],
    ['uid on a mixed task', (b) => (b.uid = '10266666'), /uid must not be set for mixed stream recording/],
    [
      'mixconfig on a source-stream task',
      (b) => Object.assign(b, { streamtype: 2, uid: '10266666' }),
      /mixconfig must not be set for source stream recording/,
    ],
    [
      'a layout field on an audio input',
      (b) => (b.mixconfig.input[0].streamtype = 2),
      /mixconfig\.input\[0\]\.zOrder must not be set for an audio stream/,
    ],
    [
      'output streamtype other than recordtype',
      (b) => (b.recordtype = 1),
      /mixconfig\.output\.streamtype 0 does not match recordtype 1/,
    ],
    [
      'a video field on an audio output',
      (b) =>
        Object.assign(b, {
          recordtype: 2,
          mixconfig: { output: { ...AUDIO_OUTPUT, videofps: 15 } },
        }),
      /mixconfig\.output\.videofps must not be set for an audio output/,
    ],
    [
      'videoencode missing',
      (b) => delete b.mixconfig.output.videoencode,
      /output\.videoencode is required when output streamtype is 0/,
    ],
    [
      'audiochannel missing on an audio/video output',
      (b) => delete b.mixconfig.output.audiochannel,
      /output\.audiochannel is required when output streamtype is 0/,
    ],
    [
      'base64seidata decoding to more than 2048 bytes',
      (b) => (b.mixconfig.output.base64seidata = Buffer.alloc(2049).toString('base64')),
      /base64seidata must decode to at most 2048 bytes/,
    ],
    ['crop 2', (b) => (b.mixconfig.input[0].crop = 2), /crop must be one of 0, 1/],
    [
      'video input without crop',
      (b) => delete b.mixconfig.input[0].crop,
      /input\[0\]\.crop is required for a stream with video/,
    ],
    ['alpha 1.5', (b) => (b.mixconfig.input[0].alpha = 1.5), /alpha must be between 0.0 and 1.0/],
    [
      'the seed table typo "intput"',
      (b) => (b.mixconfig.intput = b.mixconfig.input),
      /mixconfig\.intput is not a documented field/,
    ],
    ['ZorDer casing', (b) => (b.mixconfig.input[0].ZOrder = 1), /ZOrder is not a documented field/],
    [
      'neither templateid nor input',
      (b) => delete b.mixconfig.input,
      /templateid \(layout template\) or input/,
    ],
    [
      'templateid 6',
      (b) => Object.assign(b.mixconfig, { input: undefined, templateid: 6 }),
      /templateid must be between 1 and 5/,
    ],
    ['videowidth 15', (b) => (b.mixconfig.output.videowidth = 15), /videowidth must be between 16 and 1920/],
    [
      'videobitrate 10001',
      (b) => (b.mixconfig.output.videobitrate = 10001),
      /videobitrate must be between 1 and 10000/,
    ],
    [
      'videobitrate missing',
      (b) => delete b.mixconfig.output.videobitrate,
      /output\.videobitrate is required when output streamtype is 0/,
    ],
    ['videogop 1000', (b) => (b.mixconfig.output.videogop = 1000), /videogop must be between 1 and 999/],
    [
      'patch 3 without patchUrl',
      (b) => (b.mixconfig.output.patch = 3),
      /patchUrl is required when patch is 3/,
    ],
    [
      'background colour of mixed case',
      (b) => (b.mixconfig.output.background = { color: 'aBcDeF' }),
      /background\.color must be 'RRGGBB' hex/,
    ],
    [
      'background image without scale',
      (b) => (b.mixconfig.output.background = { image: { url: 'https://x/y.png' } }),
      /background\.image\.scale is required/,
    ],
    [
      'watermark timestamp format',
      (b) => (b.mixconfig.output.watermark = { timestamp: { x: 0, y: 0, format: '%d.%m.%Y', size: 10 } }),
      /watermark\.timestamp\.format must be one of/,
    ],
    [
      'watermark image url over 256 bytes',
      (b) =>
        (b.mixconfig.output.watermark = {
          imageList: [{ x: 0, y: 0, width: 10, height: 10, url: `https://x/${'a'.repeat(260)}`, scale: 0 }],
        }),
      /url must not exceed 256 bytes/,
    ],
    [
      'base64seidata not Base64',
      (b) => (b.mixconfig.output.base64seidata = 'not base64!'),
      /base64seidata must be Base64/,
    ],
    ['storagecfg.vender 3', (b) => (b.storagecfg.vender = 3), /storagecfg\.vender must be one of 0, 1, 2/],
    ['storagecfg.bucket missing', (b) => delete b.storagecfg.bucket, /storagecfg\.bucket is required/],
    [
      'fileprefix with a slash',
      (b) => (b.storagecfg.fileprefix = ['a/b']),
      /storagecfg\.fileprefix\[0\] must contain only/,
    ],
    [
      'fileprefix over 128 characters',
      (b) => (b.storagecfg.fileprefix = ['a'.repeat(64), 'b'.repeat(64)]),
      /fileprefix must not exceed 128 characters/,
    ],
    ['callbackurl not http', (b) => (b.callbackurl = 'ftp://x'), /callbackurl must be an http\(s\) URL/],
  ];
  it.each(cases)('%s', async (_name, mutate, message) => {
    const { startWith } = setup();
    const { res } = await startWith(mutate);
    expect(res).toMatchObject({ status: 404, code: 2101 });
    expect(res.message).toMatch(message);
    expect(res.recordid).toBeUndefined();
  });

  const otherCodes: Array<[string, (b: any) => void, number, RegExp]> = [
    [
      'videoencode 101 (H265)',
      (b) => (b.mixconfig.output.videoencode = 101),
      4004,
      /videoencode 101 is not supported \(only 100\)/,
    ],
    [
      'audiobitrate 64',
      (b) => (b.mixconfig.output.audiobitrate = 64),
      4004,
      /audiobitrate 64 is not supported/,
    ],
    [
      'audiosample 44100',
      (b) => (b.mixconfig.output.audiosample = 44100),
      4004,
      /audiosample 44100 is not supported/,
    ],
    [
      'templateid with input',
      (b) => (b.mixconfig.templateid = 1),
      4016,
      /input must not be set together with templateid/,
    ],
    [
      'watermark text beyond the output width',
      (b) => (b.mixconfig.output.watermark = { textList: [{ x: 800, y: 0, content: 'hi', size: 20 }] }),
      4016,
      /watermark\.textList\[0\]\.x must be less than the output width 800/,
    ],
    [
      'watermark against the rounded width (801 → 800)',
      (b) => {
        b.mixconfig.output.videowidth = 801;
        b.mixconfig.output.watermark = {
          imageList: [{ x: 0, y: 0, width: 801, height: 10, url: 'https://x/y.png', scale: 0 }],
        };
      },
      4016,
      /imageList\[0\]\.width must not exceed the output width 800/,
    ],
  ];
  it.each(otherCodes)('%s → %i (HTTP 200)', async (_name, mutate, code, message) => {
    const { startWith } = setup();
    const { res } = await startWith(mutate);
    expect(res).toMatchObject({ status: 200, code });
    expect(res.message).toMatch(message);
    expect(res.recordid).toBeUndefined();
  });

  it('accepts the documented variants: template layout, audio-only mixing without input, source stream, watermarks', async () => {
    const variants: Array<(b: any) => void> = [
      (b) => Object.assign(b.mixconfig, { input: undefined, templateid: 3 }),
      (b) => Object.assign(b, { recordtype: 2, mixconfig: { output: AUDIO_OUTPUT } }),
      (b) => Object.assign(b, { recordtype: 1, mixconfig: { ...b.mixconfig, output: VIDEO_OUTPUT } }),
      (b) => Object.assign(b, { streamtype: 2, uid: '10266666', mixconfig: undefined }),
      (b) =>
        (b.mixconfig.output = {
          ...b.mixconfig.output,
          videofps: 90, // "higher than 60 … adjusted to 60"
          patch: 3,
          patchUrl: 'https://example.com/p.png',
          background: { color: 'ABCDEF', image: { url: 'https://example.com/bg.png', scale: 1 } },
          watermark: {
            timestamp: {
              x: 10,
              y: 10,
              format: '%Y-%m-%d %H:%M:%S',
              font: 'NotoSansCJK',
              size: 20,
              color: 'ffffff',
            },
            textList: [{ x: 0, y: 500, content: 'live', size: 30, alpha: 0.5 }],
            imageList: [
              { x: 700, y: 0, width: 100, height: 50, url: 'https://example.com/logo.png', scale: 0 },
            ],
          },
          base64seidata: Buffer.from('hello').toString('base64'),
        }),
      (b) => (b.callbackurl = 'https://example.com/hook'),
    ];
    for (const mutate of variants) {
      const { startWith } = setup();
      const { res } = await startWith((b) => {
        mutate(b);
        for (const k of Object.keys(b.mixconfig ?? {}))
          if (b.mixconfig[k] === undefined) delete b.mixconfig[k];
        if (b.mixconfig === undefined) delete b.mixconfig;
      });
      expect(res, JSON.stringify(res)).toMatchObject({ code: 0 });
    }
  });

  it("unknownFields: 'ignore' drops undocumented fields", async () => {
    const { startWith } = setup({ unknownFields: 'ignore' });
    expect((await startWith((b) => (b.token = 'abc'))).res.code).toBe(0);
  });
});
