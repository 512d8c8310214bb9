import {
  type LayoutInput,
  type MediaKind,
  UnsupportedFeatureError,
  ValidationError,
  WarningCollector,
  renderPreset,
  toPixelRect,
} from '@unirec/core/adapter';
import { describe, expect, it } from 'vitest';
import {
  JOCLOUD_TEMPLATE,
  type JoCloudMixOutput,
  toJoCloudMixConfig,
  joCloudMixOutputSchema,
  toJoCloudMixOutput,
} from './internals.js';
import { compositeRequest, issuePaths, plan, thrown } from './fixtures.js';

const OUTPUT_1280: JoCloudMixOutput = {
  streamtype: 0,
  videoheight: 720,
  videowidth: 1280,
  videobitrate: 1500,
  videofps: 15,
  videogop: 30,
  videoencode: 100,
  audiobitrate: 128,
  audiosample: 48000,
  audiochannel: 2,
  audioformat: 2,
};

function mix(
  layout: LayoutInput | undefined,
  options: { participants?: string[]; media?: MediaKind; strict?: boolean; output?: JoCloudMixOutput } = {},
) {
  const warnings = new WarningCollector(options.strict ?? false, 'jocloud', 'start');
  const config = toJoCloudMixConfig(layout, {
    room: 'room1',
    media: options.media ?? 'audio+video',
    output: options.output ?? OUTPUT_1280,
    participants: options.participants,
    warnings,
    operation: 'start',
  });
  return { config, warnings: warnings.warnings, features: warnings.warnings.map((w) => w.feature) };
}

describe('regions → input[]', () => {
  it('integer pixel rectangles from rounded edges, crop, alpha and zOrder', () => {
    const { config, features } = mix(
      {
        regions: [
          { participant: '1', x: 0, y: 0, width: 1 / 3, height: 0.5, fit: 'contain', alpha: 0.5 },
          { participant: '2', x: 1 / 3, y: 0, width: 1 / 3, height: 0.5 },
          { participant: '3', x: 2 / 3, y: 0, width: 1 / 3, height: 0.5, fit: 'cover' },
        ],
      },
      { participants: ['1', '2', '3'] },
    );
    expect(config.input).toEqual([
      {
        uid: '1',
        roomid: 'room1',
        streamtype: 0,
        zOrder: 0,
        layoutX: 0,
        layoutY: 0,
        layoutW: 427,
        layoutH: 360,
        crop: 0,
        alpha: 0.5,
      },
      {
        uid: '2',
        roomid: 'room1',
        streamtype: 0,
        zOrder: 1,
        layoutX: 427,
        layoutY: 0,
        layoutW: 426,
        layoutH: 360,
        crop: 1,
      },
      {
        uid: '3',
        roomid: 'room1',
        streamtype: 0,
        zOrder: 2,
        layoutX: 853,
        layoutY: 0,
        layoutW: 427,
        layoutH: 360,
        crop: 1,
      },
    ]);
    // neighbours share edges: no gap, no overlap, and the row ends exactly on the canvas edge
    const [a, b, c] = config.input!;
    expect(a!.layoutX! + a!.layoutW!).toBe(b!.layoutX);
    expect(b!.layoutX! + b!.layoutW!).toBe(c!.layoutX);
    expect(c!.layoutX! + c!.layoutW!).toBe(1280);
    expect(features).toEqual(['layout.rounding']);
    expect(config.templateid).toBeUndefined();
    expect(config.output).toEqual(OUTPUT_1280);
  });

  it('zOrder is the paint rank: lowest zIndex at the bottom, ties in list order, any zIndex 0–100 fits 0–15', () => {
    const full = { x: 0, y: 0, width: 1, height: 1 };
    const { config, features } = mix(
      {
        regions: [
          { participant: 'a', ...full, zIndex: 100 },
          { participant: 'b', ...full, zIndex: 0 },
          { participant: 'c', ...full, zIndex: 50 },
          { participant: 'd', ...full, zIndex: 50 },
          { participant: 'e', ...full },
        ],
      },
      { participants: ['a', 'b', 'c', 'd', 'e'] },
    );
    expect(config.input!.map((i) => [i.uid, i.zOrder])).toEqual([
      ['a', 4],
      ['b', 0],
      ['c', 2],
      ['d', 3],
      ['e', 1],
    ]);
    expect(features).toEqual([]);
  });

  it('16 regions use zOrder 0–15; a 17th is a ValidationError naming layout.regions', () => {
    const ids = Array.from({ length: 17 }, (_, i) => String(i + 1));
    const regions = ids.map((participant, i) => ({
      participant,
      x: 0,
      y: 0,
      width: 0.5,
      height: 0.5,
      zIndex: i,
    }));
    const ok = mix({ regions: regions.slice(0, 16) }, { participants: ids.slice(0, 16) });
    expect(ok.config.input!.map((i) => i.zOrder)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    const error = thrown(() => mix({ regions }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(issuePaths(error)).toEqual(['layout.regions']);
    expect(String((error as Error).message)).toMatch(/at most 16/);
  });

  it('participants.include over 16 is a ValidationError naming participants.include', () => {
    const ids = Array.from({ length: 17 }, (_, i) => String(i + 1));
    const error = thrown(() => plan(compositeRequest({ participants: { include: ids } })));
    expect(issuePaths(error)).toEqual(['participants.include']);
  });

  it('every input coordinate stays in [0, 1920] and sizes in (0, 1920] on the largest canvas', () => {
    const output = { ...OUTPUT_1280, videowidth: 1920, videoheight: 1920 };
    const ids = Array.from({ length: 16 }, (_, i) => String(i + 1));
    const { config } = mix({ preset: 'grid' }, { participants: ids, output });
    for (const item of config.input!) {
      for (const v of [item.layoutX!, item.layoutY!]) expect(v >= 0 && v <= 1920).toBe(true);
      for (const v of [item.layoutW!, item.layoutH!]) expect(v > 0 && v <= 1920).toBe(true);
    }
  });

  it('a region under one pixel is a ValidationError naming it', () => {
    const error = thrown(() =>
      mix(
        { regions: [{ participant: '1', x: 0, y: 0, width: 0.0001, height: 0.5 }] },
        { participants: ['1'] },
      ),
    );
    expect(issuePaths(error)).toEqual(['layout.regions[0]']);
  });

  it('a region without a participant is a ValidationError (JOCloud has no join-order fill)', () => {
    const error = thrown(() =>
      mix({ regions: [{ x: 0, y: 0, width: 1, height: 1 }] }, { participants: ['1'] }),
    );
    expect(issuePaths(error)).toEqual(['layout.regions[0].participant']);
  });

  it('placeholderImage is not sent (warning layout.placeholderImage; strict refuses it)', () => {
    const layout: LayoutInput = {
      regions: [
        { participant: '1', x: 0, y: 0, width: 1, height: 1, placeholderImage: 'https://x.test/p.jpg' },
      ],
    };
    const { config, features } = mix(layout, { participants: ['1'] });
    expect(config.input![0]).not.toHaveProperty('placeholderImage');
    expect(features).toEqual(['layout.placeholderImage']);
    expect(() => mix(layout, { participants: ['1'], strict: true })).toThrow(UnsupportedFeatureError);
  });
});

describe('participants', () => {
  it('roomid:uid mixes a user of another room (split at the last colon)', () => {
    const { config } = mix(undefined, { participants: ['7', 'other:8', 'a:b:9'] });
    expect(config.input!.map((i) => [i.roomid, i.uid])).toEqual([
      ['room1', '7'],
      ['other', '8'],
      ['a:b', '9'],
    ]);
  });

  it('an empty room or uid part is a ValidationError naming the entry', () => {
    for (const bad of [':7', '7:', ':', 'a:b:7', 'user 7', 'ü7', 'x'.repeat(65)]) {
      const error = thrown(() =>
        plan(compositeRequest({ layout: undefined, participants: { include: ['1', bad] } })),
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect(issuePaths(error)).toEqual(['participants.include[1]']);
    }
  });

  it('the same stream written twice (uid and roomid:uid of the session room) is refused', () => {
    expect(issuePaths(thrown(() => mix(undefined, { participants: ['7', 'room1:7'] })))).toEqual([
      'participants.include[1]',
    ]);
    const error = thrown(() =>
      mix({
        regions: [
          { participant: '7', x: 0, y: 0, width: 0.5, height: 1 },
          { participant: 'room1:7', x: 0.5, y: 0, width: 0.5, height: 1 },
        ],
      }),
    );
    expect(issuePaths(error)).toEqual(['layout.regions[1].participant']);
  });

  it('listed users without a region are mixed as audio-only inputs', () => {
    const { config } = mix(
      { regions: [{ participant: '1', x: 0, y: 0, width: 1, height: 1 }] },
      { participants: ['1', 'other:2'] },
    );
    expect(config.input).toEqual([
      expect.objectContaining({ uid: '1', roomid: 'room1', streamtype: 0 }),
      { uid: '2', roomid: 'other', streamtype: 2 },
    ]);
  });

  it('a region naming someone outside participants.include stays empty (warning layout.participant)', () => {
    const { config, features } = mix(
      {
        regions: [
          { participant: '1', x: 0, y: 0, width: 0.5, height: 1 },
          { participant: '9', x: 0.5, y: 0, width: 0.5, height: 1 },
        ],
      },
      { participants: ['1'] },
    );
    expect(config.input!.map((i) => i.uid)).toEqual(['1']);
    expect(features).toEqual(['layout.participant']);
  });

  it('a regions layout without participants.include: only the placed users are heard (warning layout.audio)', () => {
    const { config, features } = mix({ regions: [{ participant: '1', x: 0, y: 0, width: 1, height: 1 }] });
    expect(config.input).toHaveLength(1);
    expect(features).toEqual(['layout.audio']);
    // no such warning for video-only recordings: nothing is heard anyway
    const video = mix(
      { regions: [{ participant: '1', x: 0, y: 0, width: 1, height: 1 }] },
      { media: 'video', output: { ...OUTPUT_1280, streamtype: 1 } },
    );
    expect(video.features).toEqual([]);
    expect(video.config.input![0]!.streamtype).toBe(1);
  });
});

describe('presets', () => {
  it('grid with participants: the core engine’s regions as input[], no warning even where edges are rounded (strict accepts it)', () => {
    const ids = ['1', '2', '3', '4', '5'];
    const { config, features } = mix({ preset: 'grid' }, { participants: ids, strict: true });
    const expected = renderPreset('grid', { participants: ids }).map((r) =>
      toPixelRect(r, { width: 1280, height: 720 }),
    );
    expect(config.input!.map((i) => [i.layoutX, i.layoutY, i.layoutW, i.layoutH])).toEqual(
      expected.map((p) => [p.left, p.top, p.width, p.height]),
    );
    expect(config.templateid).toBeUndefined();
    expect(features).toEqual([]);
    // a third of 1280 px is not whole: the same regions written by hand are warned
    const regions = renderPreset('grid', { participants: ids });
    expect(mix({ regions }, { participants: ids }).features).toEqual(['layout.rounding']);
  });

  it('speaker puts the focus in the large region; pip stacks the small tiles above it', () => {
    const speaker = mix({ preset: 'speaker', focus: '3' }, { participants: ['1', '2', '3'] });
    expect(speaker.config.input![0]).toMatchObject({ uid: '3', layoutX: 0, layoutW: 960, layoutH: 720 });
    const pip = mix({ preset: 'pip', focus: '2' }, { participants: ['1', '2'] });
    expect(pip.config.input!.map((i) => [i.uid, i.zOrder])).toEqual([
      ['2', 0],
      ['1', 1],
    ]);
  });

  it('a preset without participants.include is a ValidationError (nothing fills regions in join order)', () => {
    const error = thrown(() => mix({ preset: 'grid' }));
    expect(issuePaths(error)).toEqual(['layout.preset']);
  });
});

describe('no layout', () => {
  it('with participants.include: a grid of them (unirec’s choice, no warning)', () => {
    const { config, features } = mix(undefined, { participants: ['1', '2'] });
    expect(config.input!.map((i) => [i.uid, i.layoutX, i.layoutW])).toEqual([
      ['1', 0, 640],
      ['2', 640, 640],
    ]);
    expect(features).toEqual([]);
  });

  it('without participants: template 3 (tiled), JOCloud’s own arrangement of the whole room', () => {
    const { config } = mix(undefined);
    expect(config).toEqual({ templateid: JOCLOUD_TEMPLATE.tiled, output: OUTPUT_1280 });
  });

  it('audio only: no input (every audio stream of the room), or one audio input per listed user', () => {
    const output = {
      streamtype: 2 as const,
      audiobitrate: 128,
      audiosample: 48000,
      audiochannel: 2,
      audioformat: 2,
    };
    expect(mix(undefined, { media: 'audio', output }).config).toEqual({ output });
    expect(mix(undefined, { media: 'audio', output, participants: ['1', 'r2:2'] }).config.input).toEqual([
      { uid: '1', roomid: 'room1', streamtype: 2 },
      { uid: '2', roomid: 'r2', streamtype: 2 },
    ]);
    expect(() => mix({ preset: 'grid' }, { media: 'audio', output, participants: ['1'] })).toThrow(
      UnsupportedFeatureError,
    );
  });
});

describe('background', () => {
  it("'#RRGGBB' → color 'RRGGBB'; image → { url, scale 0 }", () => {
    const { config } = mix(
      { preset: 'grid', background: { color: '#a1b2c3', image: 'https://img.test/bg.png' } },
      { participants: ['1'] },
    );
    expect(config.output.background).toEqual({
      color: 'A1B2C3',
      image: { url: 'https://img.test/bg.png', scale: 0 },
    });
  });

  it('an image URL over 256 bytes is a ValidationError naming layout.background.image', () => {
    const url = `https://img.test/${'é'.repeat(120)}.png`; // 257 bytes in UTF-8
    const error = thrown(() => mix({ preset: 'grid', background: { image: url } }, { participants: ['1'] }));
    expect(issuePaths(error)).toEqual(['layout.background.image']);
  });

  it('an update without background drops the one the output carried (the layout owns it)', () => {
    const output = { ...OUTPUT_1280, background: { color: '112233' } };
    const { config } = mix({ preset: 'grid' }, { participants: ['1'], output });
    expect(config.output).not.toHaveProperty('background');
  });
});

describe('the output a session handle carries (checked as strictly as a request)', () => {
  it('a canvas side that is not a multiple of 4 in [16, 1920] is refused', () => {
    expect(joCloudMixOutputSchema.safeParse(OUTPUT_1280).success).toBe(true);
    for (const [width, height, field] of [
      [4000, 720, 'videowidth'],
      [1280, 8, 'videoheight'],
      [1282, 720, 'videowidth'],
    ] as const) {
      const result = joCloudMixOutputSchema.safeParse({
        ...OUTPUT_1280,
        videowidth: width,
        videoheight: height,
      });
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual([field]);
    }
  });

  it('fixed values, unknown fields, video fields on audio and a watermark off the canvas are refused', () => {
    const bad = [
      { ...OUTPUT_1280, videoencode: 101 },
      { ...OUTPUT_1280, audiobitrate: 64 },
      { ...OUTPUT_1280, extra: 1 },
      { ...OUTPUT_1280, background: { color: '000000' } },
      { streamtype: 2, videowidth: 1280, audiobitrate: 128 },
      { streamtype: 0, audiobitrate: 128 },
      { ...OUTPUT_1280, watermark: { textList: [{ x: 1280, y: 0, content: 'x', size: 10 }] } },
      { ...OUTPUT_1280, patch: 3 },
    ];
    for (const output of bad)
      expect(joCloudMixOutputSchema.safeParse(output).success, JSON.stringify(output)).toBe(false);
  });
});

describe('output settings → mixconfig.output', () => {
  const build = (settings: Parameters<typeof toJoCloudMixOutput>[0], strict = false) => {
    const warnings = new WarningCollector(strict, 'jocloud', 'start');
    const plan = toJoCloudMixOutput(settings, warnings);
    return { plan, features: warnings.warnings.map((w) => w.feature) };
  };

  it('defaults: 1280×720, 15 fps, gop 30 (fps × 2 s), 1500 kbps, H264, AAC 128 kbps stereo 48 kHz', () => {
    expect(build({ media: 'audio+video' }).plan).toEqual({
      output: OUTPUT_1280,
      canvas: { width: 1280, height: 720 },
    });
  });

  it('a side not a multiple of 4 is rounded as JOCloud does (nearest, ties up) with a warning', () => {
    const { plan, features } = build({ media: 'audio+video', video: { width: 1366, height: 767 } });
    expect(plan.canvas).toEqual({ width: 1368, height: 768 });
    expect(plan.output).toMatchObject({ videowidth: 1368, videoheight: 768 });
    expect(features).toEqual(['video.width', 'video.height']);
    expect(() => build({ media: 'audio+video', video: { width: 1366, height: 768 } }, true)).toThrow(
      UnsupportedFeatureError,
    );
    expect(build({ media: 'audio+video', video: { width: 17, height: 1918 } }).plan.canvas).toEqual({
      width: 16,
      height: 1920,
    });
  });

  it('out-of-range sides, fps and bitrate are ValidationErrors of the capability table, naming the field', () => {
    const fields = (video: Record<string, number>) =>
      issuePaths(
        thrown(() =>
          plan(
            compositeRequest({
              media: 'video',
              layout: undefined,
              participants: undefined,
              video: video as never,
            }),
          ),
        ),
      );
    expect(fields({ width: 15, height: 1921 })).toEqual(['video.width', 'video.height']);
    expect(fields({ width: 640, height: 360, fps: 61, bitrateKbps: 10_001 })).toEqual([
      'video.fps',
      'video.bitrateKbps',
    ]);
    expect(
      plan(compositeRequest({ video: { width: 640, height: 360, fps: 60, bitrateKbps: 10_000 } })).warnings,
    ).toEqual([]);
  });

  it('media video: no audio fields; media audio: no video fields; settings of the missing media warn', () => {
    const video = build({ media: 'video', audio: { bitrateKbps: 64 } });
    expect(video.plan.output).not.toHaveProperty('audiobitrate');
    expect(video.plan.output.streamtype).toBe(1);
    expect(video.features).toEqual(['audio']);
    const audio = build({ media: 'audio', video: { width: 640, height: 360 } });
    expect(audio.plan).toEqual({
      output: { streamtype: 2, audiobitrate: 128, audiosample: 48000, audiochannel: 2, audioformat: 2 },
    });
    expect(audio.features).toEqual(['video']);
  });

  it('audio settings JOCloud cannot honour warn (48 kHz, 128 kbps, stereo only)', () => {
    expect(
      build({ media: 'audio', audio: { sampleRateHz: 44100, bitrateKbps: 64, channels: 1 } }).features,
    ).toEqual(['audio.sampleRateHz', 'audio.bitrateKbps', 'audio.channels']);
    expect(
      build({ media: 'audio', audio: { sampleRateHz: 48000, bitrateKbps: 128, channels: 2 } }).features,
    ).toEqual([]);
  });
});
