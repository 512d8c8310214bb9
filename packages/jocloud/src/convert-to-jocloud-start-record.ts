import type { MediaKind, StartRecordingRequest } from '@unirec/core';
import {
  type Canvas,
  IssueCollector,
  type WarningCollector,
  deepMerge,
  isPlainObject,
} from '@unirec/core/adapter';
import { type JoCloudMixConfig, toJoCloudMixConfig } from './convert-to-jocloud-mix-config.js';
import { type JoCloudMixOutput, toJoCloudMixOutput } from './convert-to-jocloud-mix-output.js';
import { parseJoCloudParticipant } from './jocloud-participant.js';
import { type JoCloudStorageCfg, toJoCloudStorage } from './jocloud-storage.js';
import { checkJoCloudVendorOptions } from './jocloud-vendor-options.js';

/**
 * A neutral StartRecordingRequest, already checked by core (schema and JOCLOUD_CAPABILITIES: modes,
 * formats, storage vendors, participants, ranges) → the JOCloud `startrecord` body of seed 003, without
 * `resid` (the provider adds the one applyrecord returns, with `withResid`). Pure: the same request
 * always gives the same body. JOCloud's own rules beyond the table are a ValidationError naming field
 * and rule; losses are warnings (strict: UnsupportedFeatureError); all before any request.
 */

/** `recordtype` (seed 003): 0 audio/video (default), 1 video, 2 audio. */
export const JOCLOUD_RECORD_TYPE: Readonly<Record<MediaKind, 0 | 1 | 2>> = Object.freeze({
  'audio+video': 0,
  video: 1,
  audio: 2,
});

/** startrecord `streamtype` (seed 003): 1 mixed stream recording, 2 source stream recording. */
export const JOCLOUD_TASK_TYPE = Object.freeze({ composite: 1, individual: 2 } as const);

/** The startrecord body before applyrecord: everything but `resid`. */
export interface JoCloudStartRecordDraft {
  appid: number;
  roomid: string;
  recordtype: 0 | 1 | 2;
  streamtype: 1 | 2;
  mixconfig?: JoCloudMixConfig;
  uid?: string;
  storagecfg: JoCloudStorageCfg;
  callbackurl?: string;
  /** raw fields from vendorOptions.jocloud */
  [key: string]: unknown;
}

/** The startrecord body (seed 003). */
export interface JoCloudStartRecordBody extends JoCloudStartRecordDraft {
  resid: string;
}

export interface JoCloudStartPlan {
  body: JoCloudStartRecordDraft;
  /** strings to scrub from logs and errors of this request: credential-like callback URL values */
  secrets: string[];
  /** the mixed canvas in pixels (composite with video) */
  canvas?: Canvas;
  /** mixconfig.output without the layout's `background`: re-sent with every updatemixrecord */
  mixOutput?: JoCloudMixOutput;
}

export interface JoCloudStartContext {
  /** the provider's AppID (`appid` of the body) */
  appId: number;
  warnings: WarningCollector;
}

/** The startrecord body for a resid from applyrecord. */
export function withResid(body: JoCloudStartRecordDraft, resid: string): JoCloudStartRecordBody {
  return { resid, ...body };
}

export function toJoCloudStartRecord(
  request: StartRecordingRequest,
  ctx: JoCloudStartContext,
): JoCloudStartPlan {
  const { warnings } = ctx;
  const issues = new IssueCollector();
  const context = { vendor: 'jocloud' as const, operation: 'start' };
  const options = request.vendorOptions?.jocloud;
  const include = request.participants?.include ?? [];
  const storagecfg = toJoCloudStorage(request.storage, issues, warnings);

  if (request.token !== undefined) {
    warnings.add(
      'token',
      'JOCloud cloud recording needs no RTC token (the RESTful Token header authenticates): token is not sent',
    );
  }
  if (request.recorderUid !== undefined) {
    warnings.add('recorderUid', 'JOCloud chooses the recorder identity itself: recorderUid is not sent');
  }

  const media = request.media ?? 'audio+video';
  const body: JoCloudStartRecordDraft = {
    appid: ctx.appId,
    roomid: request.room,
    recordtype: JOCLOUD_RECORD_TYPE[media],
    streamtype: JOCLOUD_TASK_TYPE[request.mode as 'composite' | 'individual'],
    storagecfg,
  };
  let canvas: Canvas | undefined;

  if (request.mode === 'composite') {
    const plan = toJoCloudMixOutput({ media, video: request.video, audio: request.audio }, warnings);
    canvas = plan.canvas;
    checkJoCloudVendorOptions(options, { mode: request.mode, canvas }, issues);
    issues.throwIfAny('start request', context);
    body.mixconfig = toJoCloudMixConfig(request.layout, {
      room: request.room,
      media,
      output: plan.output,
      participants: include,
      warnings,
      operation: 'start',
    });
  } else {
    // Core checked: exactly one participant in individual mode.
    const ref = parseJoCloudParticipant(include[0] ?? '', request.room);
    if (ref.roomid !== request.room) {
      issues.add(
        'participants.include[0]',
        'source stream recording records a user of the session room: roomid:uid must name that room',
      );
    }
    if (request.video)
      warnings.add(
        'video',
        "source stream recording keeps the user's own video encoding on JOCloud: video is not sent",
      );
    if (request.audio)
      warnings.add(
        'audio',
        "source stream recording keeps the user's own audio encoding on JOCloud: audio is not sent",
      );
    checkJoCloudVendorOptions(options, { mode: request.mode, canvas }, issues);
    issues.throwIfAny('start request', context);
    body.uid = ref.uid;
  }
  if (request.callbackUrl !== undefined) body.callbackurl = request.callbackUrl;

  const merged = options && isPlainObject(options) ? mergeVendorOptions(body, options) : body;
  const plan: JoCloudStartPlan = {
    body: merged,
    secrets: [...new Set([...callbackSecrets(request.callbackUrl), ...callbackSecrets(merged.callbackurl)])],
  };
  if (canvas) plan.canvas = canvas;
  if (merged.mixconfig) {
    const { background: _layoutOwned, ...rest } = merged.mixconfig.output;
    plan.mixOutput = rest as JoCloudMixOutput;
  }
  return plan;
}

/**
 * Raw vendor fields win over everything unirec mapped (the design (docs/architecture.md): "deep-merged last"). A raw
 * `templateid` replaces the mapped `input` and a raw `input` the mapped `templateid`: JOCloud takes one
 * or the other ("Do not fill it when using Layout template").
 */
function mergeVendorOptions(
  body: JoCloudStartRecordDraft,
  options: Record<string, unknown>,
): JoCloudStartRecordDraft {
  const merged = deepMerge(body, options);
  const raw = options.mixconfig;
  if (merged.mixconfig && isPlainObject(raw)) {
    const mix = { ...merged.mixconfig };
    if (Object.hasOwn(raw, 'templateid')) delete mix.input;
    else if (Object.hasOwn(raw, 'input')) delete mix.templateid;
    merged.mixconfig = mix;
  }
  return merged;
}

/**
 * Credential-like values of the callback URL (its `token=` above all, and a password), raw and
 * URL-encoded: JOCloud signs no callback, so the token in the URL is what guards the endpoint.
 */
function callbackSecrets(callbackUrl: unknown): string[] {
  if (typeof callbackUrl !== 'string') return [];
  let url: URL;
  try {
    url = new URL(callbackUrl);
  } catch {
    return []; // not a URL: core's schema refused it already
  }
  const secrets: string[] = [];
  if (url.password) secrets.push(url.password, safeDecode(url.password));
  for (const [name, value] of url.searchParams) {
    if (value && /token|secret|key|sig|pass|auth/i.test(name)) secrets.push(value, encodeURIComponent(value));
  }
  return [...new Set(secrets.filter((s) => s.length > 0))];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
