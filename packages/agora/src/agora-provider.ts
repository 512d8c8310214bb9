import type {
  CallOptions,
  LayoutInput,
  LayoutUpdateResult,
  MediaKind,
  RecordingMode,
  RecordingProvider,
  RecordingResult,
  RecordingSession,
  RecordingStatus,
  SessionRef,
  StartRecordingRequest,
} from '@unirec/core';
import {
  type AdapterSession,
  ConflictError,
  type ProviderRuntime,
  type VendorAdapter,
  createProviderRuntime,
  isRecordingError,
  markUnconfirmedRecording,
  mayHaveBeenCarriedOut,
  parseProviderConfig,
} from '@unirec/core/adapter';
import { z } from '@unirec/core/adapter';
import { AGORA_CAPABILITIES } from './agora-capabilities.js';
import { AgoraClient, type AgoraSessionIds } from './agora-client.js';
import { type AgoraProviderConfig, agoraConfigSchema } from './agora-config.js';
import { AGORA_SAME_UID_RUNNING, needsReacquire } from './agora-error.js';
import { agoraIdSchema } from './agora-schemas.js';
import { recorderUidFor } from './agora-uid.js';
import { toAgoraLayout } from './convert-to-agora-layout.js';
import { AGORA_MODE, type AgoraMode, convertToAgoraStartRequest } from './convert-to-agora-start-request.js';
import { type AgoraUpdate, toAgoraUpdate } from './convert-to-agora-update.js';
import { toRecordingResult, toRecordingStatus } from './map-agora-response.js';

/**
 * Agora Cloud Recording behind the neutral RecordingProvider. Core's runtime runs every call
 * (validation, capabilities, idempotency, registry, abort); this file holds what only Agora does:
 * acquire + start back to back, reacquire on a spent resource, and the orphan report when a start's
 * answer is lost (Agora's repeated start, code 7, names no sid). Credentials live only inside the
 * client's private fields: util.inspect and JSON.stringify of the provider show none.
 */

const { participantId, participants } = AGORA_CAPABILITIES;
const uidSchema = z.string().check(z.regex(participantId.pattern, { error: participantId.rule }));

/** The Agora part of a session handle (no secrets), as strict as the start request that made it. */
const handleDataSchema = z.strictObject({
  appId: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'appId may use only A-Z a-z 0-9 _ -' })),
  resourceId: agoraIdSchema,
  uid: uidSchema,
  media: z.enum(['audio', 'video', 'audio+video']),
  /** participants.include at start (lays out presets on updateLayout) */
  participants: z.optional(
    z
      .array(uidSchema)
      .check(
        z.maxLength(participants.maxInclude, { error: `must list at most ${participants.maxInclude} uids` }),
      ),
  ),
});
export type AgoraHandleData = z.infer<typeof handleDataSchema>;

/** What `sessionFromIds` needs: the ids of a recording Agora runs (sid from an NCS event). */
export interface AgoraRecordingIds {
  resourceId: string;
  sid: string;
  cname: string;
  uid: string;
  mode: RecordingMode;
  media?: MediaKind;
}

const HOW_TO_STOP =
  'Agora answers a repeated start without its sid: the sid arrives in the NCS event of this cname and uid ' +
  '(recorder_started, eventType 40); pass it with these ids to provider.sessionFromIds() and stop that session ' +
  '(docs/vendors/agora.md, "A start whose answer was lost")';

export class AgoraRecordingProvider implements RecordingProvider {
  readonly vendor = 'agora' as const;
  readonly capabilities = AGORA_CAPABILITIES;
  readonly #client: AgoraClient;
  readonly #appId: string;
  readonly #runtime: ProviderRuntime;

  constructor(config: AgoraProviderConfig) {
    const parsed = parseProviderConfig<AgoraProviderConfig>('agora', agoraConfigSchema, config);
    this.#appId = parsed.appId;
    this.#client = new AgoraClient(parsed);
    this.#runtime = createProviderRuntime(this.#adapter(parsed.maxRetries), parsed);
  }

  /** acquire + start back to back (Agora: start within 2 s of acquire). */
  start(request: StartRecordingRequest, options?: CallOptions): Promise<RecordingSession> {
    return this.#runtime.start(request, options);
  }

  updateLayout(session: SessionRef, layout: LayoutInput, options?: CallOptions): Promise<LayoutUpdateResult> {
    return this.#runtime.updateLayout(session, layout, options);
  }

  query(session: SessionRef, options?: CallOptions): Promise<RecordingStatus> {
    return this.#runtime.query(session, options);
  }

  /**
   * Idempotent: a session that already ended resolves with `alreadyStopped: true`. Agora answers 404
   * both for an unknown and for an ended session, so an unknown one resolves the same way.
   */
  stop(session: SessionRef, options?: CallOptions): Promise<RecordingResult> {
    return this.#runtime.stop(session, options);
  }

  /**
   * Agora `update` (not on the neutral interface): change the subscription lists of a composite or
   * individual recording, pause / resume a web page recording, or change its CDN URL. Returns a new
   * handle carrying the updated participants (used by later preset layouts).
   */
  async update(
    session: SessionRef,
    changes: AgoraUpdate,
    options?: CallOptions,
  ): Promise<{ handle: string; raw: unknown }> {
    const ctx = this.#runtime.callContext(options, 'update');
    const parts = this.#runtime.session<AgoraHandleData>(session, 'update');
    return this.#runtime.run('update', ctx, async () => {
      const clientRequest = toAgoraUpdate(changes, AGORA_MODE[parts.mode], parts.data.media);
      const raw = await this.#client.update(ids(parts), clientRequest, ctx);
      const data: AgoraHandleData = { ...parts.data };
      if (changes.participants?.include) data.participants = [...changes.participants.include];
      else if (changes.participants?.exclude) delete data.participants;
      return { handle: this.#runtime.encode({ ...parts, data }), raw };
    });
  }

  /**
   * A session for a recording this provider did not return: the ids an `unconfirmedRecording` error
   * carries plus the sid from Agora's NCS event. Validated like any handle; stop it to end a
   * recording whose start answer was lost.
   */
  sessionFromIds(recording: AgoraRecordingIds): RecordingSession {
    const data = {
      appId: this.#appId,
      resourceId: recording.resourceId,
      uid: recording.uid,
      media: recording.media ?? 'audio+video',
    };
    return this.#runtime.sessionFromParts(
      { room: recording.cname, mode: recording.mode, sessionId: recording.sid, data },
      'sessionFromIds',
    );
  }

  toJSON(): Record<string, unknown> {
    return { vendor: this.vendor, appId: this.#appId };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `AgoraRecordingProvider { vendor: 'agora', appId: '${this.#appId}' }`;
  }

  #adapter(maxRetries: number | undefined): VendorAdapter<AgoraHandleData> {
    const client = this.#client;
    const appId = this.#appId;
    return {
      vendor: 'agora',
      capabilities: AGORA_CAPABILITIES,
      handleSchema: handleDataSchema,
      account: appId,
      foreignAccount: (data) =>
        data.appId === appId
          ? undefined
          : `belongs to Agora App ID '${data.appId}', not this provider's '${appId}'`,

      async start(request, ctx) {
        const uid = request.recorderUid ?? recorderUidFor(appId, request.room, request.idempotencyKey);
        const plan = convertToAgoraStartRequest(request, { uid, warnings: ctx.warnings });
        const reacquires = ctx.maxRetries ?? maxRetries ?? 2;
        for (let attempt = 0; ; attempt++) {
          const { resourceId } = await client.acquire(plan.acquire, ctx, ctx.secrets);
          const unconfirmed = {
            vendor: 'agora' as const,
            room: request.room,
            ids: { resourceId, cname: request.room, uid },
            hint: HOW_TO_STOP,
          };
          let outcome: Awaited<ReturnType<AgoraClient['start']>>;
          try {
            outcome = await client.start(plan.mode, resourceId, plan.start, ctx, ctx.secrets);
          } catch (error) {
            // Worker allocation failed / resource expired: nothing records; Agora's advice is a new acquire + start.
            if (needsReacquire(error) && attempt < reacquires) continue;
            if (isRecordingError(error) && mayHaveBeenCarriedOut(error))
              throw markUnconfirmedRecording(error, unconfirmed);
            if (
              isRecordingError(error) &&
              error.vendorCode === AGORA_SAME_UID_RUNNING &&
              request.idempotencyKey !== undefined
            ) {
              // The uid derives from the idempotency key: the running recording is an earlier start of this one.
              throw markUnconfirmedRecording(error, { ...unconfirmed, ids: { cname: request.room, uid } });
            }
            throw error;
          }
          if ('sid' in outcome) {
            const data: AgoraHandleData = { appId, resourceId, uid, media: request.media ?? 'audio+video' };
            if (request.participants?.include) data.participants = [...request.participants.include];
            return { sessionId: outcome.sid, data };
          }
          throw markUnconfirmedRecording(
            new ConflictError(
              'Agora start: this resource already started a recording (an earlier attempt whose answer was lost)',
              {
                vendor: 'agora',
                operation: 'start',
                vendorCode: 7,
                httpStatus: outcome.httpStatus,
                requestId: outcome.requestId,
              },
            ),
            unconfirmed,
          );
        }
      },

      layoutUnsupported: (session) =>
        session.mode === 'composite'
          ? undefined
          : `Agora updates layouts of composite recordings only (this one is '${session.mode}')`,

      async updateLayout(session, layout, ctx) {
        // Agora replaces the whole layout (an omitted background turns black): send all of it.
        const fields = toAgoraLayout(layout, {
          participants: session.data.participants,
          warnings: ctx.warnings,
          operation: 'updateLayout',
        });
        return client.updateLayout(ids(session), { ...fields }, ctx);
      },

      async query(session, ctx) {
        return toRecordingStatus(await client.query(ids(session), ctx));
      },

      async stop(session, ctx) {
        const outcome = await client.stop(ids(session), ctx);
        if (outcome.kind === 'stopped') return toRecordingResult(outcome.response);
        if (outcome.kind === 'nothing-recorded')
          return { files: [], upload: 'unknown', alreadyStopped: false, raw: outcome.response };
        // An earlier attempt of this stop reached Agora and its answer (with the files) was lost:
        // Agora reports nothing of an ended task, so the files come only by NCS (uploaded, eventType 31).
        return { files: [], upload: 'unknown', alreadyStopped: !outcome.byThisCall, raw: outcome.response };
      },
    };
  }
}

function ids(session: AdapterSession<AgoraHandleData>): AgoraSessionIds {
  return {
    resourceId: session.data.resourceId,
    sid: session.sessionId,
    cname: session.room,
    uid: session.data.uid,
    mode: AGORA_MODE[session.mode] as AgoraMode,
  };
}

/** Creates the Agora provider; the config is validated here (a bad field is a ValidationError naming it). */
export function createAgoraProvider(config: AgoraProviderConfig): AgoraRecordingProvider {
  return new AgoraRecordingProvider(config);
}
