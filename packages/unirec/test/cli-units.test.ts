import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnsupportedFeatureError, ValidationError, type Vendor } from '@unirec/core';
import { encodeHandle } from '@unirec/core/adapter';
import { DEFAULT_SIMULATOR_CREDENTIALS } from '@unirec/simulator';
import { describe, expect, it } from 'vitest';
import { layoutFrom, parse } from '../src/cli/args.js';
import { providerConfigFrom, vendorOf } from '../src/cli/commands.js';
import { readCliConfigFile } from '../src/cli/config-file.js';
import { explainValidation } from '../src/cli/explain.js';
import { UsageError, hintFor } from '../src/cli/output.js';
import { createRecordingProvider } from '../src/create-recording-provider.js';
import type { LayoutPreview } from '../src/layout-preview.js';
import { findPngRenderer, writePng } from '../src/layout-preview-png.js';
import { cssColour, renderLayoutPreviewSvg } from '../src/layout-preview-svg.js';
import { ADAPTERS, AVAILABLE_VENDORS } from '../src/registry.js';

/** The CLI's pieces in-process, over every adapter of the registry (the spawned CLI is in cli-friction.test.ts). */

const entries = () => AVAILABLE_VENDORS.map((vendor) => [vendor, ADAPTERS[vendor]!] as const);
const credentialsOf = (vendor: Vendor) =>
  (DEFAULT_SIMULATOR_CREDENTIALS as unknown as Record<string, Record<string, unknown>>)[vendor]!;

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('vendor-field flags and the vendor of a command', () => {
  for (const [vendor, adapter] of entries()) {
    const flagged = Object.entries(adapter.fields).filter(([, spec]) => spec.flag && !spec.secret);

    it(`${vendor}: each flag sets its field (typed as the descriptor says), over the environment`, () => {
      const credentials = credentialsOf(vendor);
      const argv = ['start', '--vendor', vendor, '--base-url', 'http://127.0.0.1:9'];
      const env: Record<string, string> = {};
      for (const [field, spec] of Object.entries(adapter.fields)) {
        if (spec.secret) env[spec.env] = String(credentials[field] ?? 'secret');
        else env[spec.env] = 'from-the-environment';
      }
      for (const [field, spec] of flagged)
        argv.push(spec.flag!, String(credentials[field] ?? spec.values?.[0] ?? 'x'));
      const config = providerConfigFrom(parse(argv), env, {}) as Record<string, unknown>;
      for (const [field, spec] of flagged) {
        const given = String(credentials[field] ?? spec.values?.[0] ?? 'x');
        expect(config[field]).toEqual(spec.type === 'integer' ? Number(given) : given);
      }
      // with --simulator too
      const simulated = providerConfigFrom(
        parse([...argv, '--simulator', 'http://127.0.0.1:9']),
        {},
        {},
      ) as Record<string, unknown>;
      for (const [field, spec] of flagged) {
        const given = String(credentials[field] ?? spec.values?.[0] ?? 'x');
        expect(simulated[field]).toEqual(spec.type === 'integer' ? Number(given) : given);
      }
    });

    it(`${vendor}: a flag of another vendor is a usage error`, () => {
      const foreign = Object.values(ADAPTERS).flatMap((a) =>
        a!.vendor === vendor ? [] : Object.values(a!.fields).filter((f) => f.flag && !f.secret),
      );
      for (const spec of foreign) {
        const error = caught(() =>
          providerConfigFrom(
            parse(['start', '--vendor', vendor, '--simulator', 'http://127.0.0.1:9', spec.flag!, '1']),
            {},
            {},
          ),
        );
        expect(error).toBeInstanceOf(UsageError);
        expect((error as Error).message).toContain(`${spec.flag} is a`);
      }
    });

    it(`${vendor}: the handle names the vendor; --vendor, UNIREC_VENDOR and the file give way to it, a contradicting --vendor is refused`, () => {
      const handle = encodeHandle(vendor, { room: 'r', mode: 'composite', sessionId: 's1', data: {} });
      const other = (['agora', 'zego', 'jocloud'] as const).find((v) => v !== vendor)!;
      expect(
        vendorOf(parse(['query', handle]).values, { UNIREC_VENDOR: other }, { vendor: other }, handle),
      ).toBe(vendor);
      expect(vendorOf(parse(['query', handle, '--vendor', vendor]).values, {}, {}, handle)).toBe(vendor);
      const error = caught(() =>
        vendorOf(parse(['query', handle, '--vendor', other]).values, {}, {}, handle),
      );
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toContain(`contradicts the handle, which belongs to ${vendor}`);
    });
  }

  it('start: --vendor, then UNIREC_VENDOR, then the config file', () => {
    const values = parse(['start']).values;
    expect(vendorOf(values, { UNIREC_VENDOR: 'zego' }, { vendor: 'agora' }, undefined)).toBe('zego');
    expect(vendorOf(values, {}, { vendor: 'agora' }, undefined)).toBe('agora');
    expect(
      vendorOf(parse(['start', '--vendor', 'jocloud']).values, { UNIREC_VENDOR: 'zego' }, {}, undefined),
    ).toBe('jocloud');
    const none = caught(() => providerConfigFrom(parse(['start']), {}, {}));
    expect(none).toBeInstanceOf(ValidationError);
    expect((none as Error).message).toContain('--vendor');
  });
});

describe('validation errors name the flag and the environment variable', () => {
  for (const [vendor, adapter] of entries()) {
    it(`${vendor}: config fields → "field (--flag or ENV)"; secrets → "field (ENV)" only`, async () => {
      const fields = Object.entries(adapter.fields);
      const secretsWrong = Object.fromEntries(
        fields.filter(([, s]) => s.secret).map(([field]) => [field, 12345]),
      );
      const error = await createRecordingProvider({ vendor, ...secretsWrong } as never).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      const { message, issues } = explainValidation(error as ValidationError);
      for (const [field, spec] of fields) {
        if (spec.required && !spec.secret)
          expect(message).toContain(`${field} (${spec.flag} or ${spec.env}) is required`);
        if (spec.secret) {
          expect(message).toContain(`${field} (${spec.env})`);
          expect(issues.find((i) => i.path === field)?.source).toEqual({ flags: [], env: spec.env });
        }
      }
      expect(message).not.toContain('12345');
    });

    it(`${vendor}: request fields → the start flag; storage keys → their variables`, async () => {
      const provider = await createRecordingProvider({
        vendor,
        ...credentialsOf(vendor),
        baseUrl: 'http://127.0.0.1:9',
        maxRetries: 0,
      } as never);
      const error = await provider
        .start({ room: 'x', mode: 'composite', storage: { vendor: 's3', region: 'us-east-1' } } as never)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(ValidationError);
      const { message } = explainValidation(error as ValidationError);
      expect(message).toContain('storage.bucket (--bucket) is required');
      expect(message).toContain('storage.accessKey (UNIREC_STORAGE_ACCESS_KEY) is required');
      expect(message).toContain('storage.secretKey (UNIREC_STORAGE_SECRET_KEY) is required');
    });

    it(`${vendor}: the unsupported-feature hint points at ${adapter.docs}`, () => {
      const hint = hintFor(new UnsupportedFeatureError('no', 'mode.web', { vendor }));
      expect(hint).toContain(adapter.docs);
      expect(hint).toContain(adapter.name);
    });
  }

  it('a message that is not the usual issue list is left as it is', () => {
    const error = new ValidationError(
      'UNIREC_AGORA_CUSTOMER_SECRET is not set',
      [{ path: 'customerSecret', message: 'set it' }],
      { operation: 'loadConfig' },
    );
    expect(explainValidation(error).message).toBe('UNIREC_AGORA_CUSTOMER_SECRET is not set');
  });
});

describe('flags that exclude each other; the config file', () => {
  it('--layout with --layout-file, --focus with --layout-file or alone: usage errors', () => {
    expect(
      caught(() => layoutFrom(parse(['x', '--layout', 'grid', '--layout-file', 'f.json']).values)),
    ).toBeInstanceOf(UsageError);
    expect(
      caught(() => layoutFrom(parse(['x', '--focus', 'a', '--layout-file', 'f.json']).values)),
    ).toBeInstanceOf(UsageError);
    expect(caught(() => layoutFrom(parse(['x', '--focus', 'a']).values))).toBeInstanceOf(UsageError);
    expect(layoutFrom(parse(['x', '--layout', 'pip', '--focus', 'a']).values)).toEqual({
      preset: 'pip',
      focus: 'a',
    });
  });

  it('readCliConfigFile: storage without keys is read; a key in it, a missing file, bad JSON are refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'unirec-config-file-'));
    expect(readCliConfigFile(undefined, dir)).toEqual({});
    writeFileSync(
      join(dir, 'unirec.config.json'),
      JSON.stringify({ vendor: 'zego', storage: { vendor: 's3', bucket: 'b' } }),
    );
    expect(readCliConfigFile(undefined, dir)).toEqual({
      vendor: 'zego',
      storage: { vendor: 's3', bucket: 'b' },
    });
    writeFileSync(join(dir, 'key.json'), JSON.stringify({ storage: { accessKey: 'ak-in-file' } }));
    const key = caught(() => readCliConfigFile('key.json', dir)) as ValidationError;
    expect(key).toBeInstanceOf(ValidationError);
    expect(key.message).toContain('UNIREC_STORAGE_ACCESS_KEY');
    expect(key.message).not.toContain('ak-in-file');
    expect(caught(() => readCliConfigFile('missing.json', dir))).toBeInstanceOf(ValidationError);
    writeFileSync(join(dir, 'bad.json'), '{ nope');
    expect(caught(() => readCliConfigFile('bad.json', dir))).toBeInstanceOf(ValidationError);
  });
});

describe('the layout preview renderer', () => {
  const preview: LayoutPreview = {
    canvas: { width: 1280, height: 720 },
    title: 'two <tiles> & more',
    neutral: [
      { participant: 'a&b', x: 0, y: 0, width: 0.5, height: 1 },
      { participant: 'c', x: 0.5, y: 0, width: 0.5, height: 1 },
    ],
    vendors: [
      {
        vendor: 'zego',
        name: 'ZEGOCLOUD',
        sent: {
          units: 'pixel',
          regions: [
            { participant: 'c', x: 640, y: 0, width: 640, height: 720 },
            { participant: 'a&b', x: 0, y: 0, width: 640, height: 720 },
          ],
          background: '0x1E1E2E00',
        },
        warnings: [{ feature: 'layout.rounding', message: 'rounded <to> pixels' }],
      },
      {
        vendor: 'agora',
        name: 'Agora',
        warnings: [],
        error: {
          name: 'ValidationError',
          kind: 'validation',
          message: 'participants.include[0]: must be an Agora uid',
        },
      },
    ],
  };
  const svg = renderLayoutPreviewSvg(preview);
  const panel = (id: string) =>
    new RegExp(`<g class="panel" data-panel="${id}"[^>]*>([\\s\\S]*?)</g>`).exec(svg)![1]!;
  const fills = (body: string) =>
    [...body.matchAll(/<rect class="region" x="([\d.]+)"[^>]*fill="(#[0-9A-F]{6})"/g)].map((m) => ({
      x: Number(m[1]),
      fill: m[2],
    }));

  it('escapes text; pixel regions are scaled to the panel; a participant keeps its colour in every panel', () => {
    expect(svg).toContain('two &lt;tiles&gt; &amp; more');
    expect(svg).toContain('>a&amp;b<');
    expect(svg).not.toMatch(/>[^<]*&(?!amp;|lt;|gt;|quot;|apos;)/);
    const neutral = fills(panel('neutral'));
    const zego = fills(panel('zego'));
    expect(neutral.map((r) => r.x)).toEqual([0, 160]);
    expect(zego.map((r) => r.x)).toEqual([160, 0]);
    expect(zego[0]!.fill).toBe(neutral[1]!.fill);
    expect(zego[1]!.fill).toBe(neutral[0]!.fill);
    expect(neutral[0]!.fill).not.toBe(neutral[1]!.fill);
    expect(panel('zego')).toContain('fill="#1E1E2E"');
    expect(panel('zego')).toContain('class="warning"');
  });

  it('a refused vendor: a crossed-out empty panel with the reason', () => {
    const agora = panel('agora');
    expect(fills(agora)).toEqual([]);
    expect(agora).toContain('<line');
    expect(agora).toContain('class="refusal"');
    expect(agora).toContain('must be an Agora uid');
  });

  it('cssColour reads the vendors notations', () => {
    expect(cssColour('#1e1e2e')).toBe('#1E1E2E');
    expect(cssColour('1E1E2E')).toBe('#1E1E2E');
    expect(cssColour('0x1E1E2E00')).toBe('#1E1E2E');
    expect(cssColour('rgb(1,2,3)')).toBeUndefined();
    expect(cssColour(undefined)).toBeUndefined();
  });
});

describe('PNG renderers', () => {
  it('are found on PATH only; one that writes nothing is reported, not trusted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unirec-png-'));
    expect(findPngRenderer({ PATH: dir })).toBeUndefined();
    const fake = join(dir, 'rsvg-convert');
    writeFileSync(fake, '#!/bin/sh\nexit 0\n');
    chmodSync(fake, 0o755);
    expect(findPngRenderer({ PATH: dir })).toEqual({ name: 'rsvg-convert', kind: 'rsvg', path: fake });
    const svg = join(dir, 'in.svg');
    writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    expect(await writePng(svg, join(dir, 'out.png'), { PATH: dir })).toEqual({
      written: false,
      reason: 'rsvg-convert wrote no PNG',
    });
    writeFileSync(fake, '#!/bin/sh\necho "broken renderer" >&2\nexit 3\n');
    const failed = await writePng(svg, join(dir, 'out.png'), { PATH: dir });
    expect(failed).toMatchObject({ written: false });
    expect((failed as { reason: string }).reason).toContain('broken renderer');
  });
});
