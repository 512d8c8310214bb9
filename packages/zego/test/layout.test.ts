import { UnsupportedFeatureError, ValidationError, WarningCollector, hexToRgbaInt } from '@unirec/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toZegoBackground, toZegoLayout } from '../src/index.js';
import { compositeRegionsRequest, noNetwork, zegoProvider } from './helpers.js';
import { ZegoFake } from './zego-fake.js';

noNetwork();

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

describe('presets', () => {
  it('speaker: rendered by the core engine as MixMode 1, focus large on the left and → MixMaxResolutionStreamId', () => {
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
    expect(warnings.warnings.map((w) => w.feature)).toEqual(['layout.preset']);
  });

  it('pip without known participants: focus full canvas, join-order tiles above it (Layer 1)', () => {
    const { MixInputList } = toZegoLayout(
      { preset: 'pip', focus: 'host' },
      { canvas: { width: 1000, height: 1000 }, warnings: warningsOf() },
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

describe('updateLayout', () => {
  let fake: ZegoFake;
  beforeEach(() => {
    fake = new ZegoFake();
    fake.install();
  });
  afterEach(() => fake.uninstall());

  it('sends only TaskId, MixMode, MixInputList, MixMaxResolutionStreamId on the session canvas', async () => {
    const provider = zegoProvider(fake.baseUrl);
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
    const body = fake.ofAction('UpdateLayout')[0]!.body;
    expect(body).toEqual({
      TaskId: [...fake.tasks.keys()][0],
      MixMode: 1,
      MixInputList: [
        { StreamId: 'conformance-1', Left: 0, Top: 0, Right: 213, Bottom: 360, Layer: 0, FillMode: 2 },
        { StreamId: 'conformance-2', Left: 213, Top: 0, Right: 640, Bottom: 360, Layer: 2, FillMode: 1 },
      ],
    });
    expect(result.warnings.map((w) => w.feature)).toEqual(['layout.rounding']);
  });

  it('a preset uses the participants kept in the handle', async () => {
    const provider = zegoProvider(fake.baseUrl);
    const session = await provider.start(compositeRegionsRequest());
    await provider.updateLayout(session, { preset: 'speaker', focus: 'conformance-2' });
    const body = fake.ofAction('UpdateLayout')[0]!.body as {
      MixInputList: Array<{ StreamId?: string }>;
      MixMaxResolutionStreamId: string;
    };
    expect(body.MixInputList.map((i) => i.StreamId)).toEqual(['conformance-2', 'conformance-1']);
    expect(body.MixMaxResolutionStreamId).toBe('conformance-2');
  });

  it('a background change is a warning (not sent), and an UnsupportedFeatureError under strict before any request', async () => {
    const session = await zegoProvider(fake.baseUrl).start(compositeRegionsRequest());
    const layout = { regions: [{ x: 0, y: 0, width: 1, height: 1 }], background: { color: '#FF0000' } };
    const result = await zegoProvider(fake.baseUrl).updateLayout(session, layout);
    expect(result.warnings.map((w) => w.feature)).toEqual(['layout.background']);
    expect(fake.ofAction('UpdateLayout')[0]!.body).not.toHaveProperty('MixOutputBackgroundColor');
    const before = fake.requests.length;
    await expect(
      zegoProvider(fake.baseUrl, { strict: true }).updateLayout(session, layout),
    ).rejects.toBeInstanceOf(UnsupportedFeatureError);
    expect(fake.requests.length).toBe(before);
  });

  it('rejects layouts on individual and audio-only sessions before any request', async () => {
    const provider = zegoProvider(fake.baseUrl);
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
    const before = fake.requests.length;
    await expect(provider.updateLayout(individual, { preset: 'grid' })).rejects.toBeInstanceOf(
      UnsupportedFeatureError,
    );
    await expect(provider.updateLayout(audio, { preset: 'grid' })).rejects.toBeInstanceOf(
      UnsupportedFeatureError,
    );
    await expect(provider.updateLayout(audio, { preset: 'nope' } as never)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(fake.requests.length).toBe(before);
  });
});
