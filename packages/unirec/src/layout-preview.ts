import {
  type LayoutInput,
  type Region,
  type RequestInfo,
  type StartRecordingRequest,
  type StorageConfig,
  ValidationError,
  type Vendor,
  type Warning,
  isRecordingError,
  layoutInputSchema,
  renderPreset,
} from '@unirec/core';
import { type SentLayout, parseOrThrow } from '@unirec/core/adapter';
import { DEFAULT_SIMULATOR_CREDENTIALS, startSimulator } from '@unirec/simulator';
import { type RecordingProviderConfig, createRecordingProvider } from './create-recording-provider.js';
import { ADAPTERS, AVAILABLE_VENDORS } from './registry.js';

/**
 * What a neutral layout becomes at each vendor: the neutral regions (drawn by the core engine) and,
 * per vendor of the registry, the layout read back out of the start request body that vendor's
 * adapter builds. The bodies are built for real (the adapter's own conversion) against a throwaway
 * local simulator: nothing leaves the machine.
 */

export const DEFAULT_PREVIEW_CANVAS = { width: 1280, height: 720 } as const;

/** Storage every vendor of the simulator accepts (Alibaba OSS is one all three write to); never used for real. */
export const SIMULATOR_STORAGE: StorageConfig = {
  vendor: 'aliyun-oss',
  region: 'cn-hangzhou',
  bucket: 'unirec-demo',
  accessKey: 'demo-access-key',
  secretKey: 'demo-secret-key',
};

export interface LayoutPreviewOptions {
  layout: LayoutInput;
  /** participants.include of the request; without it a preset lays out join-order slots */
  participants?: string[] | undefined;
  width?: number | undefined;
  height?: number | undefined;
  /** default: every vendor of the registry */
  vendors?: ReadonlyArray<Vendor> | undefined;
}

export interface VendorLayoutPreview {
  vendor: Vendor;
  /** the vendor's name as users know it */
  name: string;
  /** what the vendor received; absent when the adapter refused the layout before sending */
  sent?: SentLayout;
  warnings: Warning[];
  /** why the adapter refused (a ValidationError or UnsupportedFeatureError, as the CLI would print it) */
  error?: { name: string; kind: string; message: string };
}

export interface LayoutPreview {
  canvas: { width: number; height: number };
  /** a short description of the layout, e.g. "preset speaker, focus 1002, 4 participants" */
  title: string;
  /** the neutral regions as the core engine draws them (fractions of the canvas) */
  neutral: Region[];
  background?: string;
  vendors: VendorLayoutPreview[];
}

function positiveInteger(value: number, path: string): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw new ValidationError(
      `Invalid layout preview: ${path}: must be a positive integer`,
      [{ path, message: 'must be a positive integer' }],
      {
        operation: 'preview',
      },
    );
  }
  return value;
}

/** The neutral regions of a layout: a preset drawn by the core engine, or the user's regions as given. */
export function neutralRegions(layout: LayoutInput, participants?: string[]): Region[] {
  if ('preset' in layout) {
    return renderPreset(layout.preset, { participants, focus: layout.focus, slots: layout.slots });
  }
  return layout.regions.map((r) => ({ ...r }));
}

export function describeLayout(layout: LayoutInput, participants: string[] | undefined): string {
  const who = participants?.length
    ? `${participants.length} participant${participants.length === 1 ? '' : 's'}`
    : 'participants in join order';
  if ('preset' in layout)
    return `preset ${layout.preset}${layout.focus ? `, focus ${layout.focus}` : ''}, ${who}`;
  return `${layout.regions.length} region${layout.regions.length === 1 ? '' : 's'}, ${who}`;
}

/**
 * Validates the neutral layout (a ValidationError names the field before anything runs), then builds
 * each vendor's start request body against a local simulator with rate limits off.
 */
export async function previewLayout(options: LayoutPreviewOptions): Promise<LayoutPreview> {
  const width = positiveInteger(options.width ?? DEFAULT_PREVIEW_CANVAS.width, 'width');
  const height = positiveInteger(options.height ?? DEFAULT_PREVIEW_CANVAS.height, 'height');
  const layout = parseOrThrow(layoutInputSchema, options.layout, {
    what: 'layout',
    operation: 'preview',
    pathPrefix: 'layout',
  });
  const participants = options.participants?.length ? options.participants : undefined;
  if (
    'preset' in layout &&
    layout.focus !== undefined &&
    participants &&
    !participants.includes(layout.focus)
  ) {
    throw new ValidationError(
      `Invalid layout: layout.focus: '${layout.focus}' is not one of the participants`,
      [{ path: 'layout.focus', message: 'is not one of the participants' }],
      { operation: 'preview' },
    );
  }
  const request: StartRecordingRequest = {
    room: 'unirec-layout-preview',
    mode: 'composite',
    ...(participants ? { participants: { include: participants } } : {}),
    layout,
    video: { width, height },
    storage: { ...SIMULATOR_STORAGE },
  };
  const vendors = options.vendors ?? AVAILABLE_VENDORS;
  const preview: LayoutPreview = {
    canvas: { width, height },
    title: describeLayout(layout, participants),
    neutral: neutralRegions(layout, participants),
    vendors: [],
  };
  if (layout.background?.color) preview.background = layout.background.color;
  if (vendors.length === 0) return preview;
  const simulator = await startSimulator({ rateLimits: false });
  try {
    for (const vendor of vendors) preview.vendors.push(await previewOnVendor(vendor, request, simulator.url));
  } finally {
    await simulator.close();
  }
  return preview;
}

async function previewOnVendor(
  vendor: Vendor,
  request: StartRecordingRequest,
  baseUrl: string,
): Promise<VendorLayoutPreview> {
  const adapter = ADAPTERS[vendor];
  if (!adapter)
    throw new ValidationError(`Invalid layout preview: vendors: no ${vendor} adapter in this version`, [
      { path: 'vendors', message: 'unknown vendor' },
    ]);
  const entry: VendorLayoutPreview = { vendor, name: adapter.name, warnings: [] };
  let startBody: unknown;
  const config = {
    vendor,
    ...DEFAULT_SIMULATOR_CREDENTIALS[vendor],
    baseUrl,
    rateLimit: false,
    maxRetries: 0,
    hooks: {
      onRequest: (info: RequestInfo) => {
        if (info.operation === 'start' && info.body !== undefined) startBody ??= info.body;
      },
    },
  } as unknown as RecordingProviderConfig;
  try {
    const provider = await createRecordingProvider(config);
    const session = await provider.start(request);
    entry.warnings = session.warnings;
    await provider.stop(session).catch(() => undefined); // the simulator forgets it either way
  } catch (error) {
    if (!isRecordingError(error)) throw error;
    entry.error = { name: error.name, kind: error.kind, message: error.message };
  }
  const sent = startBody === undefined ? undefined : adapter.sentLayout(startBody);
  if (sent) entry.sent = sent;
  return entry;
}
