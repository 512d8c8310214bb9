import { IssueCollector, isPlainObject, unsupported } from '@unirec/core/adapter';

/**
 * `vendorOptions.agora`: raw Agora fields, deep-merged last over what unirec maps (objects merge key
 * by key; arrays and scalars replace). Shape:
 *
 *   {
 *     acquire?: {...}         → merged into the acquire `clientRequest` (scene, resourceExpiredHour, region, …)
 *     start?: {...}           → merged into the start `clientRequest`
 *     webServiceParam?: {...} → merged into web_recorder_service `serviceParam` (maxVideoDuration, mobile, onhold, readyTimeout, …)
 *     rtmpUrl?: 'rtmp://…'    → adds rtmp_publish_service (web page recording pushed to a CDN; web mode only)
 *     ...anything else        → merged into the start `clientRequest` too (a shorthand for `start`)
 *   }
 *
 * `webServiceParam` and `rtmpUrl` exist because extensionServices is an array, which a deep merge
 * would replace whole.
 */
export interface AgoraVendorOptions {
  acquire: Record<string, unknown> | undefined;
  /** applied in order over the start clientRequest: the shorthand keys, then `start` */
  startPatches: Array<Record<string, unknown>>;
  webServiceParam: Record<string, unknown> | undefined;
  rtmpUrl: string | undefined;
}

const RESERVED = ['acquire', 'start', 'webServiceParam', 'rtmpUrl'];

export function parseAgoraVendorOptions(
  raw: Record<string, unknown> | undefined,
  mode: 'mix' | 'individual' | 'web',
): AgoraVendorOptions {
  const path = 'vendorOptions.agora';
  const issues = new IssueCollector();
  const options: AgoraVendorOptions = {
    acquire: undefined,
    startPatches: [],
    webServiceParam: undefined,
    rtmpUrl: undefined,
  };
  if (!raw) return options;

  for (const key of ['acquire', 'start', 'webServiceParam'] as const) {
    const value = raw[key];
    if (value !== undefined && !isPlainObject(value))
      issues.add(`${path}.${key}`, 'must be an object of raw Agora fields');
  }
  const rtmpUrl = raw.rtmpUrl;
  if (rtmpUrl !== undefined && (typeof rtmpUrl !== 'string' || !/^rtmps?:\/\/\S+$/i.test(rtmpUrl))) {
    // seed 000 rtmpPublishConfig: RTMP and RTMPS only.
    issues.add(
      `${path}.rtmpUrl`,
      'must be an rtmp:// or rtmps:// URL (Agora CDN push supports RTMP and RTMPS only)',
    );
  }
  issues.throwIfAny('vendorOptions', { vendor: 'agora', operation: 'start' });

  if (rtmpUrl !== undefined && mode !== 'web') {
    throw unsupported(
      'agora',
      'start',
      'vendorOptions.agora.rtmpUrl',
      "Agora pushes to a CDN only from web page recording (mode 'web')",
    );
  }
  if (raw.webServiceParam !== undefined && mode !== 'web') {
    throw unsupported(
      'agora',
      'start',
      'vendorOptions.agora.webServiceParam',
      "webServiceParam applies to mode 'web' only",
    );
  }

  const shorthand: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (!RESERVED.includes(key)) shorthand[key] = value;
  if (Object.keys(shorthand).length > 0) options.startPatches.push(shorthand);
  if (raw.start) options.startPatches.push(raw.start as Record<string, unknown>);
  options.acquire = raw.acquire as Record<string, unknown> | undefined;
  options.webServiceParam = raw.webServiceParam as Record<string, unknown> | undefined;
  options.rtmpUrl = rtmpUrl as string | undefined;
  return options;
}
