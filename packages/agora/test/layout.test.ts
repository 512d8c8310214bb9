import {
  UnsupportedFeatureError,
  ValidationError,
  WarningCollector,
  checkLayoutCapabilities,
  renderPreset,
  type LayoutInput,
} from '@unirec/core/adapter';
import { describe, expect, it } from 'vitest';
import {
  agoraRequests,
  bodyOf,
  compositeRequest,
  individualRequest,
  offline,
  provider,
  useSimulator,
} from './fixtures.js';
import { AGORA_CAPABILITIES, convertToAgoraStartRequest, toAgoraLayout } from './internals.js';

offline();

/** The provider's layout pipeline: capability checks (core), then the pure mapping. */
function layout(input: LayoutInput, participants?: string[], strict = false) {
  checkLayoutCapabilities(AGORA_CAPABILITIES, input, { vendor: 'agora', operation: 'start' });
  const warnings = new WarningCollector(strict, 'agora', 'start');
  const fields = toAgoraLayout(input, { participants, warnings, operation: 'start' });
  return { fields, warnings: warnings.warnings };
}
const features = (w: Array<{ feature: string }>) => w.map((x) => x.feature);

describe('regions → transcodingConfig layout', () => {
  it('maps position, size, fit and alpha; custom layout 3', () => {
    const { fields, warnings } = layout({
      regions: [
        { participant: '11', x: 0, y: 0, width: 0.5, height: 1, fit: 'contain', alpha: 0.75 },
        { participant: '22', x: 0.5, y: 0.25, width: 0.5, height: 0.5 },
      ],
    });
    expect(fields).toEqual({
      mixedVideoLayout: 3,
      layoutConfig: [
        { uid: '11', x_axis: 0, y_axis: 0, width: 0.5, height: 1, render_mode: 1, alpha: 0.75 },
        { uid: '22', x_axis: 0.5, y_axis: 0.25, width: 0.5, height: 0.5, render_mode: 0 },
      ],
    });
    expect(warnings).toEqual([]);
  });

  it('keeps 6 decimals, rounding edges so neighbours still share an edge, and warns', () => {
    const third = 1 / 3;
    const { fields, warnings } = layout({
      regions: [
        { participant: '1', x: 0, y: 0, width: third, height: 1 },
        { participant: '2', x: third, y: 0, width: third, height: 1 },
        { participant: '3', x: 2 * third, y: 0, width: third, height: 1 },
      ],
    });
    const cells = fields.layoutConfig!;
    expect(cells.map((c) => c.x_axis)).toEqual([0, 0.333333, 0.666667]);
    for (let i = 0; i < 2; i++)
      expect(Number((cells[i]!.x_axis + cells[i]!.width).toFixed(6))).toBe(cells[i + 1]!.x_axis);
    expect(Number((cells[2]!.x_axis + cells[2]!.width).toFixed(6))).toBe(1);
    expect(features(warnings)).toEqual(['layout.rounding']);
    expect(() =>
      layout({ regions: [{ participant: '1', x: 0, y: 0, width: third, height: 1 }] }, undefined, true),
    ).toThrow(UnsupportedFeatureError);
  });

  it('sends overlapping regions in zIndex order and warns that only list order expresses it', () => {
    const { fields, warnings } = layout({
      regions: [
        { participant: '1', x: 0.7, y: 0.7, width: 0.2, height: 0.2, zIndex: 2 },
        { participant: '2', x: 0, y: 0, width: 1, height: 1, zIndex: 1 },
      ],
    });
    expect(fields.layoutConfig!.map((c) => c.uid)).toEqual(['2', '1']);
    expect(features(warnings)).toEqual(['layout.zIndex']);
  });

  it('no z-order warning when regions with different zIndex do not overlap', () => {
    const { fields, warnings } = layout({
      regions: [
        { participant: '1', x: 0.5, y: 0, width: 0.5, height: 1, zIndex: 5 },
        { participant: '2', x: 0, y: 0, width: 0.5, height: 1, zIndex: 1 },
      ],
    });
    expect(fields.layoutConfig!.map((c) => c.uid)).toEqual(['2', '1']);
    expect(warnings).toEqual([]);
  });

  it('background colour (normalised) and image', () => {
    const { fields } = layout({
      regions: [{ x: 0, y: 0, width: 1, height: 1 }],
      background: { color: '#ff00aa', image: 'https://cdn.example.com/bg.jpg' },
    });
    expect(fields.backgroundColor).toBe('#FF00AA');
    expect(fields.backgroundImage).toBe('https://cdn.example.com/bg.jpg');
  });

  it('placeholders: per uid → backgroundConfig; without a participant → defaultUserBackgroundImage with a warning', () => {
    const { fields, warnings } = layout({
      regions: [
        {
          participant: '7',
          x: 0,
          y: 0,
          width: 0.5,
          height: 1,
          fit: 'contain',
          placeholderImage: 'https://cdn.example.com/7.jpg',
        },
        { x: 0.5, y: 0, width: 0.5, height: 1, placeholderImage: 'https://cdn.example.com/any.jpg' },
      ],
    });
    expect(fields.backgroundConfig).toEqual([
      { uid: '7', image_url: 'https://cdn.example.com/7.jpg', render_mode: 1 },
    ]);
    expect(fields.defaultUserBackgroundImage).toBe('https://cdn.example.com/any.jpg');
    expect(fields.layoutConfig![1]!.uid).toBeUndefined();
    expect(features(warnings)).toEqual(['layout.placeholderImage']);
  });

  it('warns about image formats Agora does not show (JPG and BMP only)', () => {
    const { warnings } = layout({
      regions: [{ x: 0, y: 0, width: 1, height: 1 }],
      background: { image: 'https://cdn.example.com/bg.png' },
    });
    expect(features(warnings)).toEqual(['layout.imageFormat']);
  });

  it('18 regions → ValidationError naming the Agora limit of 17', () => {
    const regions = Array.from({ length: 18 }, (_, i) => ({
      participant: String(i + 1),
      x: 0,
      y: 0,
      width: 0.1,
      height: 0.1,
    }));
    const error = (() => {
      try {
        layout({ regions });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toContain('layout.regions');
    expect((error as Error).message).toContain('at most 17');
  });

  it('participants must be Agora uids (region and focus)', () => {
    expect(() => layout({ regions: [{ participant: 'alice', x: 0, y: 0, width: 1, height: 1 }] })).toThrow(
      /layout\.regions\[0\]\.participant.*Agora uid/,
    );
    expect(() => layout({ preset: 'speaker', focus: '007' })).toThrow(/layout\.focus/);
  });
});

describe('presets → custom regions from the core engine', () => {
  it('grid with known participants: their regions, exactly, so no warning (no Agora template has this geometry)', () => {
    const { fields, warnings } = layout({ preset: 'grid' }, ['1', '2', '3']);
    const expected = renderPreset('grid', { participants: ['1', '2', '3'] });
    expect(fields.mixedVideoLayout).toBe(3);
    expect(fields.layoutConfig).toEqual(
      expected.map((r) => ({
        uid: r.participant,
        x_axis: r.x,
        y_axis: r.y,
        width: r.width,
        height: r.height,
        render_mode: 0,
      })),
    );
    expect(warnings).toEqual([]);
  });

  it('speaker: focus in the large region and as maxResolutionUid', () => {
    const { fields } = layout({ preset: 'speaker', focus: '2' }, ['1', '2', '3']);
    expect(fields.maxResolutionUid).toBe('2');
    expect(fields.layoutConfig![0]).toMatchObject({ uid: '2', x_axis: 0, y_axis: 0, width: 0.75, height: 1 });
  });

  it('pip: the full-canvas focus is painted first, tiles after it (list order is the preset’s stacking: no warning)', () => {
    const { fields, warnings } = layout({ preset: 'pip', focus: '9' }, ['8', '9'], true);
    expect(fields.layoutConfig!.map((c) => c.uid)).toEqual(['9', '8']);
    expect(warnings).toEqual([]);
  });

  it('participants unknown: fixed slots filled in join order (docs/architecture.md), no warning, strict accepts it', () => {
    const { fields, warnings } = layout({ preset: 'grid', slots: 6 }, undefined, true);
    expect(fields.layoutConfig).toHaveLength(6);
    expect(fields.layoutConfig!.every((c) => c.uid === undefined)).toBe(true);
    expect(warnings).toEqual([]);
  });
});

describe('layout in the start request', () => {
  it('a layout without video fills transcodingConfig with the seed 001 defaults', () => {
    const request = { ...compositeRequest(), video: undefined };
    const plan = convertToAgoraStartRequest(request, { uid: '42', strict: false });
    const transcoding = (plan.start.clientRequest.recordingConfig as any).transcodingConfig;
    expect(transcoding).toMatchObject({
      width: 360,
      height: 640,
      fps: 15,
      bitrate: 500,
      mixedVideoLayout: 3,
    });
  });

  it('no layout and no video: no transcodingConfig (Agora defaults)', () => {
    const plan = convertToAgoraStartRequest(
      { ...compositeRequest(), video: undefined, layout: undefined },
      { uid: '42', strict: false },
    );
    expect((plan.start.clientRequest.recordingConfig as any).transcodingConfig).toBeUndefined();
  });
});

describe('through the provider (simulator)', () => {
  const sim = useSimulator();

  it('a lossy layout is a warning on the session, and UnsupportedFeatureError before any request under strict', async () => {
    const lossy = { participant: '1001', x: 0, y: 0, width: 1 / 3, height: 1 / 3, zIndex: 3 };
    const request = { ...compositeRequest(), layout: { regions: [lossy] } };
    const session = await provider(sim()).start(request);
    expect(session.warnings.map((w) => w.feature)).toEqual(['layout.rounding']);
    const sent = agoraRequests(sim()).length;
    await expect(provider(sim(), { strict: true }).start(request)).rejects.toBeInstanceOf(
      UnsupportedFeatureError,
    );
    expect(agoraRequests(sim()).length).toBe(sent);
  });

  it('strict accepts every preset: the core engine renders them exactly', async () => {
    const p = provider(sim(), { strict: true });
    for (const layout of [
      { preset: 'grid' },
      { preset: 'speaker', focus: '1002' },
      { preset: 'pip', focus: '1001' },
    ] as const) {
      const session = await p.start({ ...compositeRequest(), layout });
      expect(session.warnings).toEqual([]);
      await p.stop(session);
    }
  });

  it('sends the complete layout to updateLayout, laid out for the session participants', async () => {
    const p = provider(sim());
    const session = await p.start(compositeRequest());
    const result = await p.updateLayout(session, {
      preset: 'speaker',
      focus: '1002',
      background: { color: '#112233' },
    });
    expect(result.warnings).toEqual([]);
    const sent = agoraRequests(sim()).at(-1)!;
    expect(sent.operation).toBe('updateLayout');
    expect(sent.status).toBe(200);
    expect(sent.path).toMatch(/\/resourceid\/[^/]+\/sid\/[^/]+\/mode\/mix\/updateLayout$/);
    expect(bodyOf(sent).clientRequest).toMatchObject({
      mixedVideoLayout: 3,
      maxResolutionUid: '1002',
      backgroundColor: '#112233',
    });
    expect(bodyOf(sent).clientRequest.layoutConfig.map((c: { uid: string }) => c.uid)).toEqual([
      '1002',
      '1001',
    ]);
    expect(bodyOf(sent).cname).toBe('conformance-room');
  });

  it('is composite only: an individual session → UnsupportedFeatureError before any request', async () => {
    const p = provider(sim());
    const session = await p.start(individualRequest());
    const before = agoraRequests(sim()).length;
    await expect(p.updateLayout(session, { preset: 'grid' })).rejects.toBeInstanceOf(UnsupportedFeatureError);
    expect(agoraRequests(sim()).length).toBe(before);
  });

  it('an invalid layout on update → ValidationError naming the field, before any request', async () => {
    const p = provider(sim());
    const session = await p.start(compositeRequest());
    const before = agoraRequests(sim()).length;
    const regions = Array.from({ length: 18 }, () => ({ x: 0, y: 0, width: 0.1, height: 0.1 }));
    await expect(p.updateLayout(session, { regions })).rejects.toThrow(/layout\.regions/);
    await expect(p.updateLayout(session, { preset: 'speaker', focus: 'alice' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(agoraRequests(sim()).length).toBe(before);
  });
});
