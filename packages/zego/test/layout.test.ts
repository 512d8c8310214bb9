import { UnsupportedFeatureError, ValidationError } from '@unirec/core';
import { WarningCollector, hexToRgbaInt } from '@unirec/core/adapter';
import { describe, expect, it } from 'vitest';
import {
  bodyOf,
  compositeRegionsRequest,
  noNetwork,
  simProvider,
  useSimulator,
  zegoRequests,
} from './helpers.js';
import { toZegoBackground, toZegoLayout } from './internals.js';

noNetwork();
const sim = useSimulator();

const warningsOf = () => new WarningCollector(false, 'zego', 'start');
const third = 1 / 3;

describe('regions → MixInputList', () => {
  it('rounds edges, not sizes: three columns on 640×360 share their edges at 213 and 427', () => {
    const warnings = warningsOf();
    const layout = toZegoLayout(
      {
        regions: [
          { participant: 'a', x: 0, y: 0, width: third, height: 1 },
          { participant: 'b', x: third, y: 0, width: third, height: 1 },
          { participant: 'c', x: 2 * third, y: 0, width: third, height: 1 },
        ],
      },
      { canvas: { width: 640, height: 360 }, warnings },
    );
    expect(layout.MixMode).toBe(1);
    expect(layout.MixInputList.map((i) => [i.Left, i.Top, i.Right, i.Bottom])).toEqual([
      [0, 0, 213, 360],
      [213, 0, 427, 360],
      [427, 0, 640, 360],
    ]);
    expect(warnings.warnings.map((w) => w.feature)).toEqual(['layout.rounding']);
  });

  it('a 3×3 grid of thirds on 1000×700 tiles the canvas with no gap and no overlap', () => {
    const regions = Array.from({ length: 9 }, (_, i) => ({
      x: (i % 3) * third,
      y: Math.floor(i / 3) * third,
      width: third,
      height: third,
    }));
    const { MixInputList } = toZegoLayout(
      { regions },
      { canvas: { width: 1000, height: 700 }, warnings: warningsOf() },
    );
    expect(MixInputList.map((i) => i.Left)).toEqual([0, 333, 667, 0, 333, 667, 0, 333, 667]);
    expect(MixInputList.map((i) => i.Right)).toEqual([333, 667, 1000, 333, 667, 1000, 333, 667, 1000]);
    expect(MixInputList.map((i) => i.Top)).toEqual([0, 0, 0, 233, 233, 233, 467, 467, 467]);
    expect(MixInputList.map((i) => i.Bottom)).toEqual([233, 233, 233, 467, 467, 467, 700, 700, 700]);
    const area = MixInputList.reduce((sum, i) => sum + (i.Right - i.Left) * (i.Bottom - i.Top), 0);
    expect(area).toBe(1000 * 700);
  });

  it('zIndex → Layer, fit → FillMode 1/2, placeholderImage → BackgroundImage, no StreamId for join-order slots', () => {
    const warnings = warningsOf();
    const { MixInputList } = toZegoLayout(
      {
        regions: [
          {
            participant: 'main',
            x: 0,
            y: 0,
            width: 1,
            height: 1,
            zIndex: 0,
            fit: 'contain',
            placeholderImage: 'https://img.example/p.png',
          },
          { participant: 'pip', x: 0.75, y: 0.75, width: 0.25, height: 0.25, zIndex: 5, fit: 'cover' },
          { x: 0, y: 0.75, width: 0.25, height: 0.25, zIndex: 4 },
        ],
      },
      { canvas: { width: 1280, height: 720 }, warnings },
    );
    expect(MixInputList).toEqual([
      {
        StreamId: 'main',
        Left: 0,
        Top: 0,
        Right: 1280,
        Bottom: 720,
        Layer: 0,
        FillMode: 2,
        BackgroundImage: 'https://img.example/p.png',
      },
      { StreamId: 'pip', Left: 960, Top: 540, Right: 1280, Bottom: 720, Layer: 5, FillMode: 1 },
      { Left: 0, Top: 540, Right: 320, Bottom: 720, Layer: 4, FillMode: 1 },
    ]);
    expect(warnings.warnings).toEqual([]);
  });

  it('warns for alpha, a placeholder without participant and same-layer overlaps', () => {
    const warnings = warningsOf();
    toZegoLayout(
      {
        regions: [
          { participant: 'a', x: 0, y: 0, width: 0.6, height: 1, alpha: 0.5 },
          { x: 0.5, y: 0, width: 0.5, height: 1, placeholderImage: 'https://img.example/p.png' },
        ],
      },
      { canvas: { width: 1280, height: 720 }, warnings },
    );
    expect(warnings.warnings.map((w) => w.feature)).toEqual([
      'layout.alpha',
      'layout.placeholderImage',
      'layout.zIndex',
    ]);
  });

  it('rejects a region under one pixel and more than 25 regions', () => {
    expect(() =>
      toZegoLayout(
        { regions: [{ x: 0, y: 0, width: 0.0001, height: 1 }] },
        { canvas: { width: 640, height: 360 }, warnings: warningsOf() },
      ),
    ).toThrow(/layout\.regions\[0\].*1 pixel/);
    const many = Array.from({ length: 26 }, () => ({ x: 0, y: 0, width: 0.1, height: 0.1 }));
    expect(() =>
      toZegoLayout({ regions: many }, { canvas: { width: 640, height: 360 }, warnings: warningsOf() }),
    ).toThrow(/at most 25/);
  });
});

describe('presets (rendered by the core engine: no loss, nothing warned)', () => {
  it('speaker: MixMode 1, focus large on the left and → MixMaxResolutionStreamId, no warning', () => {
    const warnings = warningsOf();
    const layout = toZegoLayout(
      { preset: 'speaker', focus: 'b' },
      { canvas: { width: 1280, height: 720 }, participants: ['a', 'b', 'c'], warnings },
    );
    expect(layout).toEqual({
      MixMode: 1,
      MixMaxResolutionStreamId: 'b',
      MixInputList: [
        { StreamId: 'b', Left: 0, Top: 0, Right: 960, Bottom: 720, Layer: 0, FillMode: 1 },
        { StreamId: 'a', Left: 960, Top: 0, Right: 1280, Bottom: 180, Layer: 0, FillMode: 1 },
        { StreamId: 'c', Left: 960, Top: 180, Right: 1280, Bottom: 360, Layer: 0, FillMode: 1 },
      ],
    });
    expect(warnings.warnings).toEqual([]);
  });

  it('pip without known participants: focus full canvas, join-order tiles above it (Layer 1)', () => {
    const warnings = warningsOf();
    const { MixInputList } = toZegoLayout(
      { preset: 'pip', focus: 'host' },
      { canvas: { width: 1000, height: 1000 }, warnings },
    );
    expect(MixInputList[0]).toEqual({
      StreamId: 'host',
      Left: 0,
      Top: 0,
      Right: 1000,
      Bottom: 1000,
      Layer: 0,
      FillMode: 1,
    });
    expect(MixInputList.slice(1)).toEqual([
      { Left: 20, Top: 780, Right: 220, Bottom: 980, Layer: 1, FillMode: 1 },
      { Left: 240, Top: 780, Right: 440, Bottom: 980, Layer: 1, FillMode: 1 },
      { Left: 460, Top: 780, Right: 660, Bottom: 980, Layer: 1, FillMode: 1 },
    ]);
    expect(warnings.warnings).toEqual([]);
  });

  it('a preset’s pixel rounding is not warned; the same thirds as user regions are', () => {
    const canvas = { width: 1000, height: 700 };
    const participants = Array.from({ length: 9 }, (_, i) => `p${i}`);
    const preset = warningsOf();
    const grid = toZegoLayout({ preset: 'grid' }, { canvas, participants, warnings: preset });
    expect(grid.MixInputList.map((i) => [i.StreamId, i.Left, i.Top, i.Right, i.Bottom])).toEqual(
      participants.map((id, i) => [
        id,
        [0, 333, 667][i % 3],
        [0, 233, 467][Math.floor(i / 3)],
        [333, 667, 1000][i % 3],
        [233, 467, 700][Math.floor(i / 3)],
      ]),
    );
    expect(preset.warnings).toEqual([]);
    const strict = new WarningCollector(true, 'zego', 'updateLayout');
    expect(() => toZegoLayout({ preset: 'grid' }, { canvas, participants, warnings: strict })).not.toThrow();
    const user = warningsOf();
    const regions = participants.map((participant, i) => ({
      participant,
      x: (i % 3) * third,
      y: Math.floor(i / 3) * third,
      width: third,
      height: third,
    }));
    const same = toZegoLayout({ regions }, { canvas, warnings: user });
    expect(same.MixInputList).toEqual(grid.MixInputList);
    expect(user.warnings.map((w) => w.feature)).toEqual(['layout.rounding']);
    expect(() =>
      toZegoLayout({ regions }, { canvas, warnings: new WarningCollector(true, 'zego', 'x') }),
    ).toThrow(UnsupportedFeatureError);
  });
});

describe('background colours → 0xRRGGBB00', () => {
  it.each([
    ['#000000', 0],
    ['#FF8800', 0xff880000],
    ['#ffffff', 0xffffff00],
    ['#0000ff', 0x0000ff00],
  ])('%s → %i', (color, value) => {
    expect(toZegoBackground({ color }).MixOutputBackgroundColor).toBe(value);
    expect(hexToRgbaInt(color)).toBe(value);
  });

  it('colour and image go to MixOutputBackgroundColor / MixOutputBackgroundImage on start', () => {
    expect(toZegoBackground({ color: '#123456', image: 'https://img.example/bg.jpg' })).toEqual({
      MixOutputBackgroundColor: 0x12345600,
      MixOutputBackgroundImage: 'https://img.example/bg.jpg',
    });
  });
});

describe('updateLayout against the simulator', () => {
  it('sends only TaskId, MixMode, MixInputList, MixMaxResolutionStreamId on the session canvas', async () => {
    const provider = simProvider(sim());
    const session = await provider.start({
      ...compositeRegionsRequest(),
      video: { width: 640, height: 360 },
    });
    const result = await provider.updateLayout(session.handle, {
      regions: [
        { participant: 'conformance-1', x: 0, y: 0, width: third, height: 1, fit: 'contain' },
        { participant: 'conformance-2', x: third, y: 0, width: 2 * third, height: 1, zIndex: 2 },
      ],
    });
    const list = [
      { StreamId: 'conformance-1', Left: 0, Top: 0, Right: 213, Bottom: 360, Layer: 0, FillMode: 2 },
      { StreamId: 'conformance-2', Left: 213, Top: 0, Right: 640, Bottom: 360, Layer: 2, FillMode: 1 },
    ];
    expect(bodyOf(sim(), 'UpdateLayout')).toEqual({
      TaskId: session.sessionId,
      MixMode: 1,
      MixInputList: list,
    });
    expect(result.warnings.map((w) => w.feature)).toEqual(['layout.rounding']);
    // the simulator accepted it: the live layout is the one sent
    const [task] = sim().activeRecordings('zego');
    expect((task!.request as any).RecordInputParams.MixConfig.MixInputList).toEqual(list);
  });

  it('a preset uses the participants kept in the handle, and warns nothing', async () => {
    const provider = simProvider(sim());
    const session = await provider.start(compositeRegionsRequest());
    const result = await provider.updateLayout(session, { preset: 'speaker', focus: 'conformance-2' });
    const body = bodyOf(sim(), 'UpdateLayout');
    expect(body.MixInputList.map((i: { StreamId?: string }) => i.StreamId)).toEqual([
      'conformance-2',
      'conformance-1',
    ]);
    expect(body.MixMaxResolutionStreamId).toBe('conformance-2');
    expect(result.warnings).toEqual([]);
    await expect(
      simProvider(sim(), { strict: true }).updateLayout(session, { preset: 'grid' }),
    ).resolves.toMatchObject({
      warnings: [],
    });
  });

  it('a background change is a warning (not sent), and an UnsupportedFeatureError under strict before any request', async () => {
    const session = await simProvider(sim()).start(compositeRegionsRequest());
    const layout = { regions: [{ x: 0, y: 0, width: 1, height: 1 }], background: { color: '#FF0000' } };
    const result = await simProvider(sim()).updateLayout(session, layout);
    expect(result.warnings.map((w) => w.feature)).toEqual(['layout.background']);
    expect(bodyOf(sim(), 'UpdateLayout')).not.toHaveProperty('MixOutputBackgroundColor');
    const before = zegoRequests(sim()).length;
    await expect(simProvider(sim(), { strict: true }).updateLayout(session, layout)).rejects.toBeInstanceOf(
      UnsupportedFeatureError,
    );
    expect(zegoRequests(sim()).length).toBe(before);
  });

  it('rejects layouts on individual and audio-only sessions before any request', async () => {
    const provider = simProvider(sim());
    const individual = await provider.start({
      ...compositeRegionsRequest(),
      mode: 'individual',
      layout: undefined,
      video: undefined,
    });
    const audio = await provider.start({
      ...compositeRegionsRequest(),
      media: 'audio',
      layout: undefined,
      video: undefined,
    });
    const before = zegoRequests(sim()).length;
    await expect(provider.updateLayout(individual, { preset: 'grid' })).rejects.toBeInstanceOf(
      UnsupportedFeatureError,
    );
    await expect(provider.updateLayout(audio, { preset: 'grid' })).rejects.toBeInstanceOf(
      UnsupportedFeatureError,
    );
    const composite = await provider.start(compositeRegionsRequest());
    const afterStart = zegoRequests(sim()).length;
    await expect(provider.updateLayout(composite, { preset: 'nope' } as never)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(zegoRequests(sim()).length).toBe(afterStart);
    expect(afterStart).toBe(before + 1);
  });
});
