import {
  type CallOptions,
  DEFAULT_MAX_RETRIES,
  IssueCollector,
  type LayoutInput,
  type LayoutUpdateResult,
  type RecordingMode,
  type RecordingProvider,
  type RecordingResult,
  type RecordingSession,
  type RecordingStatus,
  type SessionRef,
  type StartRecordingRequest,
  WarningCollector,
  decodeSessionRef,
  encodeHandle,
  layoutInputSchema,
  parseOrThrow,
  startRecordingRequestSchema,
  unsupported,
} from '@unirec/core';
import { z } from 'zod';
import { agoraCapabilities } from './agora-capabilities.js';
import { AgoraClient, type AgoraSessionIds } from './agora-client.js';
import { type AgoraProviderConfig, parseAgoraConfig } from './agora-config.js';
import { needsReacquire } from './agora-error.js';
import { recorderUidFor } from './agora-uid.js';
import { type AgoraUpdate, toAgoraUpdate } from './convert-to-agora-update.js';
import {
  type AgoraMode,
  type AgoraStartPlan,
  convertToAgoraStartRequest,
} from './convert-to-agora-start-request.js';
import { toAgoraLayout } from './convert-to-agora-layout.js';
import { toRecordingResult, toRecordingStatus } from './map-agora-response.js';

/**
 * Agora Cloud Recording behind the neutral RecordingProvider. Every call runs
 * validate (core schema + Agora limits) → map (pure) → send (client) → parse (zod) → normalise (pure).
 * Credentials live only inside the client's private fields: util.inspect and JSON.stringify of the
 * provider show none.
 */

/** What the session handle holds (no secrets: no credentials, storage keys or RTC token). */
const handleSchema = z.object({
  appId: z.string().min(1),
  resourceId: z.string().min(1),
  sid: z.string().min(1),
  cname: z.string().min(1),
  uid: z.string().regex(/^[1-9][0-9]{0,9}$/),
  mode: z.enum(['mix', 'individual', 'web']),
  media: z.enum(['audio', 'video', 'audio+video']),
  /** participants.include at start (lays out presets on updateLayout) */
  participants: z.array(z.string()).max(32).optional(),
});
export type AgoraHandle = z.infer<typeof handleSchema>;

const NEUTRAL_MODE: Record<AgoraMode, RecordingMode> = {
  mix: 'composite',
  individual: 'individual',
  web: 'web',
};
/** In-process memory of idempotent starts (DESIGN.md idempotencyKey), bounded. */
const MAX_REMEMBERED_STARTS = 1000;

export class AgoraRecordingProvider implements RecordingProvider {
  readonly vendor = 'agora' as const;
  readonly capabilities = agoraCapabilities;
  readonly #client: AgoraClient;
  readonly #appId: string;
  readonly #strict: boolean;
  readonly #maxRetries: number;
  readonly #starts = new Map<string, Promise<RecordingSession>>();

  constructor(config: AgoraProviderConfig) {
    const parsed = parseAgoraConfig(config);
    this.#appId = parsed.appId;
    this.#strict = parsed.strict ?? false;
    this.#maxRetries = parsed.maxRetries ?? DEFAULT_MAX_RETRIES;
    this.#client = new AgoraClient(parsed);
  }

  /** acquire + start back to back (Agora: start within 2 s of acquire). */
  async start(request: StartRecordingRequest, options: CallOptions = {}): Promise<RecordingSession> {
    const req = parseOrThrow(startRecordingRequestSchema, request, {
      what: 'start request',
      vendor: 'agora',
      operation: 'start',
    });
    const key = req.idempotencyKey !== undefined ? `${req.room}\n${req.idempotencyKey}` : undefined;
    const remembered = key !== undefined ? this.#starts.get(key) : undefined;
    if (remembered) return remembered;

    const uid = req.recorderUid ?? recorderUidFor(this.#appId, req.room, req.idempotencyKey);
    const plan = convertToAgoraStartRequest(req, { uid, strict: this.#strict });
    const run = this.#acquireAndStart(req, plan, options);
    if (key !== undefined) {
      if (this.#starts.size >= MAX_REMEMBERED_STARTS) this.#starts.delete(this.#starts.keys().next().value!);
      this.#starts.set(key, run);
      run.catch(() => this.#starts.delete(key));
    }
    return run;
  }

  async updateLayout(
    session: SessionRef,
    layout: LayoutInput,
    options: CallOptions = {},
  ): Promise<LayoutUpdateResult> {
    const handle = this.#decode(session, 'updateLayout');
    if (handle.mode !== 'mix') {
      throw unsupported(
        'agora',
        'updateLayout',
        'updateLayout',
        `Agora updates layouts of composite recordings only (this one is '${NEUTRAL_MODE[handle.mode]}')`,
      );
    }
    const parsed = parseOrThrow(layoutInputSchema, layout, {
      what: 'layout',
      vendor: 'agora',
      operation: 'updateLayout',
      pathPrefix: 'layout',
    });
    const warnings = new WarningCollector(this.#strict, 'agora', 'updateLayout');
    // Agora replaces the whole layout (an omitted background turns black): send all of it.
    const fields = toAgoraLayout(parsed, {
      participants: handle.participants,
      warnings,
      operation: 'updateLayout',
    });
    const raw = await this.#client.updateLayout(ids(handle), { ...fields }, options);
    return { warnings: warnings.warnings, raw };
  }

  async query(session: SessionRef, options: CallOptions = {}): Promise<RecordingStatus> {
    const handle = this.#decode(session, 'query');
    return toRecordingStatus(await this.#client.query(ids(handle), options));
  }

  /** Idempotent: a session that already ended resolves with `alreadyStopped: true`. */
  async stop(session: SessionRef, options: CallOptions = {}): Promise<RecordingResult> {
    const handle = this.#decode(session, 'stop');
    const outcome = await this.#client.stop(ids(handle), options);
    if (outcome.kind === 'stopped') return toRecordingResult(outcome.response);
    if (outcome.kind === 'nothing-recorded')
      return { files: [], upload: 'unknown', alreadyStopped: false, raw: outcome.response };
    return { files: [], upload: 'unknown', alreadyStopped: true, raw: outcome.response };
  }

  /**
   * Agora `update` (not on the neutral interface): change the subscription lists of a composite or
   * individual recording, pause / resume a web page recording, or change its CDN URL. Returns a new
   * handle carrying the updated participants (used by later preset layouts).
   */
  async update(
    session: SessionRef,
    changes: AgoraUpdate,
    options: CallOptions = {},
  ): Promise<{ handle: string; raw: unknown }> {
    const handle = this.#decode(session, 'update');
    const clientRequest = toAgoraUpdate(changes, handle.mode, handle.media);
    const raw = await this.#client.update(ids(handle), clientRequest, options);
    const include = changes.participants?.include;
    const next: AgoraHandle = { ...handle };
    if (include) next.participants = [...include];
    else if (changes.participants?.exclude) delete next.participants;
    return { handle: encodeHandle('agora', next), raw };
  }

  toJSON(): Record<string, unknown> {
    return { vendor: this.vendor, appId: this.#appId };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `AgoraRecordingProvider { vendor: 'agora', appId: '${this.#appId}' }`;
  }

  async #acquireAndStart(
    req: StartRecordingRequest,
    plan: AgoraStartPlan,
    options: CallOptions,
  ): Promise<RecordingSession> {
    const reacquires = options.maxRetries ?? this.#maxRetries;
    for (let attempt = 0; ; attempt++) {
      const { resourceId } = await this.#client.acquire(plan.acquire, options, plan.secrets);
      try {
        const { sid } = await this.#client.start(plan.mode, resourceId, plan.start, options, plan.secrets);
        const payload: AgoraHandle = {
          appId: this.#appId,
          resourceId,
          sid,
          cname: plan.start.cname,
          uid: plan.start.uid,
          mode: plan.mode,
          media: req.media ?? 'audio+video',
        };
        if (req.participants?.include) payload.participants = [...req.participants.include];
        return {
          vendor: 'agora',
          room: req.room,
          mode: req.mode,
          startedAt: new Date(),
          handle: encodeHandle('agora', payload),
          warnings: plan.warnings,
        };
      } catch (error) {
        // Worker allocation failed / resource expired: Agora's advice is a new acquire + start.
        if (needsReacquire(error) && attempt < reacquires) continue;
        throw error;
      }
    }
  }

  #decode(session: SessionRef, operation: string): AgoraHandle {
    const handle = decodeSessionRef('agora', session, handleSchema);
    if (handle.appId !== this.#appId) {
      const issues = new IssueCollector();
      issues.add(
        'session.handle',
        `belongs to Agora App ID '${handle.appId}', not this provider's '${this.#appId}'`,
      );
      issues.throwIfAny(`session for ${operation}`, { vendor: 'agora', operation });
    }
    return handle;
  }
}

function ids(handle: AgoraHandle): AgoraSessionIds {
  return {
    resourceId: handle.resourceId,
    sid: handle.sid,
    cname: handle.cname,
    uid: handle.uid,
    mode: handle.mode,
  };
}

/** Creates the Agora provider; the config is validated here (a bad field is a ValidationError naming it). */
export function createAgoraProvider(config: AgoraProviderConfig): AgoraRecordingProvider {
  return new AgoraRecordingProvider(config);
}
