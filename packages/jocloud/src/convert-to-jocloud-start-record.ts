import {
  type Canvas,
  IssueCollector,
  type MediaKind,
  type StartRecordingRequest,
  type Warning,
  WarningCollector,
  deepMerge,
  isPlainObject,
  unsupported,
} from '@unirec/core';
import { type JoCloudMixConfig, toJoCloudMixConfig } from './convert-to-jocloud-mix-config.js';
import { type JoCloudMixOutput, toJoCloudMixOutput } from './convert-to-jocloud-mix-output.js';
import { JOCLOUD_LIMITS } from './jocloud-capabilities.js';
import { isWellFormedText, parseJoCloudParticipant } from './jocloud-participant.js';
import { type JoCloudStorageCfg, toJoCloudStorage } from './jocloud-storage.js';
import { checkJoCloudVendorOptions } from './jocloud-vendor-options.js';

/**
 * A validated neutral StartRecordingRequest (core's startRecordingRequestSchema) → the JOCloud
 * `startrecord` body of seed 003, without `resid` (the caller adds the one applyrecord returns, with
 * `withResid`). Pure: no IO, the same request always gives the same body. JOCloud's own ranges are a
 * ValidationError naming field and rule; what JOCloud cannot do at all is an UnsupportedFeatureError;
 * both are raised before any request.
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
  warnings: Warning[];
  /** strings to scrub from logs and errors of this request: storage keys, callback URL tokens */
  secrets: string[];
  media: MediaKind;
  /** the mixed canvas in pixels (composite with video), for later layouts */
  canvas?: Canvas;
  /** mixconfig.output without `background` (the layout's): re-sent with every updatemixrecord */
  mixOutput?: JoCloudMixOutput;
}

export interface JoCloudStartContext {
  /** the provider's AppID (`appid` of the body) */
  appId: number;
  strict: boolean;
}

/** The startrecord body for a resid from applyrecord. */
export function withResid(body: JoCloudStartRecordDraft, resid: string): JoCloudStartRecordBody {
  return { resid, ...body };
}

export function toJoCloudStartRecord(
  request: StartRecordingRequest,
  ctx: JoCloudStartContext,
): JoCloudStartPlan {
  const warnings = new WarningCollector(ctx.strict, 'jocloud', 'start');
  const issues = new IssueCollector();
  const context = { vendor: 'jocloud' as const, operation: 'start' };
  const options = request.vendorOptions?.jocloud;

  // What JOCloud cannot do at all: UnsupportedFeatureError whatever `strict` says.
  if (request.mode !== 'composite' && request.mode !== 'individual') {
    throw unsupported(
      'jocloud',
      'start',
      'mode.web',
      "JOCloud cloud recording cannot record a web page (mode 'web')",
    );
  }
  if (request.participants?.exclude && request.participants.exclude.length > 0) {
    throw unsupported(
      'jocloud',
      'start',
      'participants.exclude',
      'JOCloud cannot leave streams out of a recording: list the streams to record in participants.include',
    );
  }
  const formats = request.output?.formats ?? [];
  const other = formats.filter((f) => f !== 'hls');
  if (other.length > 0) {
    throw unsupported(
      'jocloud',
      'start',
      'output.formats',
      `JOCloud records HLS (m3u8) only, not ${other.join(', ')}`,
    );
  }
  if (request.output?.maxDurationSec !== undefined) {
    throw unsupported(
      'jocloud',
      'start',
      'output.maxDurationSec',
      'JOCloud has no maximum recording duration: a task runs until stop (or 30 s without streams)',
    );
  }
  const include = request.participants?.include ?? [];
  if (request.mode === 'individual' && include.length !== 1) {
    throw unsupported(
      'jocloud',
      'start',
      'participants.include',
      `JOCloud source stream recording records one user per task: participants.include must name exactly one uid, got ${include.length} (start one recording per user)`,
    );
  }
  const storagecfg = toJoCloudStorage(request.storage, issues, warnings);

  if (typeof request.room !== 'string' || request.room === '' || !isWellFormedText(request.room)) {
    issues.add('room', 'must be a non-empty, well-formed string (the JOCloud roomid)');
  }
  const idle = request.output?.maxIdleSec;
  if (idle !== undefined && idle !== JOCLOUD_LIMITS.idleStopSec) {
    warnings.add(
      'output.maxIdleSec',
      `JOCloud stops a recording after ${JOCLOUD_LIMITS.idleStopSec} s without streams (changed only by JOCloud Customer Support): output.maxIdleSec ${idle} is not used`,
    );
  }
  if (request.token !== undefined) {
    warnings.add(
      'token',
      'JOCloud cloud recording needs no RTC token (the RESTful Token header authenticates): token is not sent',
    );
  }
  if (request.recorderUid !== undefined) {
    warnings.add('recorderUid', 'JOCloud chooses the recorder identity itself: recorderUid is not sent');
  }
  if (request.callbackUrl !== undefined && !isWellFormedText(request.callbackUrl)) {
    issues.add('callbackUrl', 'must be well-formed Unicode text');
  }

  const media = request.media ?? 'audio+video';
  const body: JoCloudStartRecordDraft = {
    appid: ctx.appId,
    roomid: request.room,
    recordtype: JOCLOUD_RECORD_TYPE[media],
    streamtype: JOCLOUD_TASK_TYPE[request.mode],
    storagecfg,
  };
  let canvas: Canvas | undefined;

  if (request.mode === 'composite') {
    const plan = toJoCloudMixOutput({ media, video: request.video, audio: request.audio }, warnings, issues);
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
    const ref = parseJoCloudParticipant(include[0] ?? '', request.room, issues, 'participants.include[0]');
    if (ref && ref.roomid !== request.room) {
      issues.add(
        'participants.include[0]',
        'source stream recording records a user of the session room: roomid:uid must name that room',
      );
    }
    if (request.video) {
      warnings.add(
        'video',
        "source stream recording keeps the user's own video encoding on JOCloud: video is not sent",
      );
    }
    if (request.audio) {
      warnings.add(
        'audio',
        "source stream recording keeps the user's own audio encoding on JOCloud: audio is not sent",
      );
    }
    checkJoCloudVendorOptions(options, { mode: request.mode, canvas }, issues);
    issues.throwIfAny('start request', context);
    if (ref) body.uid = ref.uid;
  }
  if (request.callbackUrl !== undefined) body.callbackurl = request.callbackUrl;

  const merged = options && isPlainObject(options) ? mergeVendorOptions(body, options) : body;
  const plan: JoCloudStartPlan = {
    body: merged,
    warnings: warnings.warnings,
    secrets: secretsOf(request),
    media,
  };
  if (canvas) plan.canvas = canvas;
  if (merged.mixconfig && isPlainObject(merged.mixconfig.output)) {
    const { background: _layoutOwned, ...rest } = merged.mixconfig.output;
    plan.mixOutput = rest as JoCloudMixOutput;
  }
  return plan;
}

/**
 * Raw vendor fields win over everything unirec mapped (DESIGN.md: "deep-merged last"). A raw
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

/** Storage keys, and any credential-like value in the callback URL (its `token=` above all). */
function secretsOf(request: StartRecordingRequest): string[] {
  const secrets = [request.storage.accessKey, request.storage.secretKey];
  let url: URL | undefined;
  try {
    if (request.callbackUrl !== undefined) url = new URL(request.callbackUrl);
  } catch {
    url = undefined; // not a URL: core's schema refused it already, nothing to scrub
  }
  if (url) {
    if (url.password) secrets.push(url.password, safeDecode(url.password));
    for (const [name, value] of url.searchParams) {
      if (value && /token|secret|key|sig|pass|auth/i.test(name))
        secrets.push(value, encodeURIComponent(value));
    }
  }
  return [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s !== ''))];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
