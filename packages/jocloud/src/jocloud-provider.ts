import type {
  CallOptions,
  LayoutInput,
  LayoutUpdateResult,
  MediaKind,
  RecordingMode,
  RecordingProvider,
  RecordingResult,
  RecordingSession,
  SessionRef,
  StartRecordingRequest,
} from '@unirec/core';
import {
  type AdapterSession,
  MAX_HANDLE_LENGTH,
  type ProviderRuntime,
  type VendorAdapter,
  createProviderRuntime,
  describeIssue,
  encodeHandle,
  isRecordingError,
  markUnconfirmedRecording,
  mayHaveBeenCarriedOut,
  parseOrThrow,
  parseProviderConfig,
  validationError,
} from '@unirec/core/adapter';
import { z } from '@unirec/core/adapter';
import { toJoCloudMixConfig } from './convert-to-jocloud-mix-config.js';
import type { JoCloudMixOutput } from './convert-to-jocloud-mix-output.js';
import { toJoCloudStartRecord, withResid } from './convert-to-jocloud-start-record.js';
import { JOCLOUD_CAPABILITIES, JOCLOUD_LIMITS } from './jocloud-capabilities.js';
import { JoCloudClient, type JoCloudTaskIds } from './jocloud-client.js';
import { JOCLOUD_APP_ID_MAX, type JoCloudProviderConfig, joCloudConfigSchema } from './jocloud-config.js';
import { JOCLOUD_TASK_EXISTS, needsNewResid } from './jocloud-error.js';
import { joCloudTaskIdSchema } from './jocloud-schemas.js';
import { joCloudMixOutputSchema } from './jocloud-vendor-options.js';
import { type JoCloudRecordingStatus, toRecordingResult, toRecordingStatus } from './map-jocloud-response.js';

/**
 * JOCloud cloud recording behind the neutral RecordingProvider. Core's runtime runs every call
 * (validation, capabilities, idempotency, registry, abort); this file holds what only JOCloud does:
 * applyrecord + startrecord, a new resid once when JOCloud says the first is spent (4012), the orphan
 * report when a startrecord answer is lost (a repeated startrecord answers 4011 without the recordid),
 * and the full mixconfig on every updatemixrecord. Credentials live only inside the client's private
 * fields: util.inspect and JSON.stringify of the provider show none.
 */

const { participantId, participants } = JOCLOUD_CAPABILITIES;
const participantSchema = z.string().check(z.regex(participantId.pattern, { error: participantId.rule }));

/** The JOCloud part of a session handle (no secrets), as strict as the start request that made it. */
const handleDataSchema = z.strictObject({
  appId: z.int().check(z.minimum(1), z.maximum(JOCLOUD_APP_ID_MAX)),
  resid: joCloudTaskIdSchema,
  /** participants.include of a composite recording: preset layouts and audio inputs of updateLayout */
  participants: z.optional(
    z.array(participantSchema).check(z.minLength(1), z.maxLength(participants.maxInclude)),
  ),
  /** mixconfig.output without the layout's background (composite): updatemixrecord re-sends it */
  output: z.optional(joCloudMixOutputSchema),
});
export type JoCloudHandleData = z.infer<typeof handleDataSchema>;

/** What `sessionFromIds` needs: the ids of a recording JOCloud runs (recordid from a callback). */
export interface JoCloudRecordingIds {
  roomid: string;
  recordid: string;
  resid: string;
  mode: Extract<RecordingMode, 'composite' | 'individual'>;
}
const recordingIdsSchema = z.strictObject({
  roomid: z.string(),
  recordid: joCloudTaskIdSchema,
  resid: joCloudTaskIdSchema,
  mode: z.enum(['composite', 'individual'], { error: "mode must be 'composite' or 'individual'" }),
});

const HOW_TO_STOP =
  'JOCloud answers a repeated startrecord (4011) without its recordid: the recordid arrives in the callbacks of this ' +
  'task (context.recordid, with context.roomid) sent to callbackUrl; pass it with these ids to provider.sessionFromIds() ' +
  'and stop that session. Without a callbackUrl the task runs until the room stops publishing for 30 s ' +
  '(docs/vendors/jocloud.md, "A start whose answer was lost")';

const MEDIA_OF_STREAMTYPE: Readonly<Record<0 | 1 | 2, MediaKind>> = {
  0: 'audio+video',
  1: 'video',
  2: 'audio',
};

export class JoCloudRecordingProvider implements RecordingProvider {
  readonly vendor = 'jocloud' as const;
  readonly capabilities = JOCLOUD_CAPABILITIES;
  readonly #client: JoCloudClient;
  readonly #appId: number;
  readonly #runtime: ProviderRuntime;

  constructor(config: JoCloudProviderConfig) {
    const parsed = parseProviderConfig<JoCloudProviderConfig>('jocloud', joCloudConfigSchema, config);
    this.#appId = parsed.appId;
    this.#client = new JoCloudClient(parsed);
    this.#runtime = createProviderRuntime(this.#adapter(), parsed);
  }

  /** applyrecord + startrecord (a resid is valid five minutes and starts one task). */
  start(request: StartRecordingRequest, options?: CallOptions): Promise<RecordingSession> {
    return this.#runtime.start(request, options);
  }

  /** updatemixrecord with the full mixconfig (composite recordings with video only). */
  updateLayout(session: SessionRef, layout: LayoutInput, options?: CallOptions): Promise<LayoutUpdateResult> {
    return this.#runtime.updateLayout(session, layout, options);
  }

  /** queryrecord; a stopped (or unknown) recording is a NotFoundError: JOCloud forgets a task once it stops. */
  query(session: SessionRef, options?: CallOptions): Promise<JoCloudRecordingStatus> {
    return this.#runtime.query(session, options) as Promise<JoCloudRecordingStatus>;
  }

  /**
   * Idempotent: a session that already ended resolves with `alreadyStopped: true`. JOCloud answers
   * 4013 both for an ended and for an unknown recordid, so an unknown one resolves the same way.
   */
  stop(session: SessionRef, options?: CallOptions): Promise<RecordingResult> {
    return this.#runtime.stop(session, options);
  }

  /**
   * A session for a recording this provider did not return: the ids an `unconfirmedRecording` error
   * carries (resid, roomid) plus the recordid from a JOCloud callback. Validated like any handle;
   * stop it to end a recording whose start answer was lost (its layout cannot be updated: the
   * mixing output is not known).
   */
  sessionFromIds(recording: JoCloudRecordingIds): RecordingSession {
    const ids = parseOrThrow(recordingIdsSchema, recording, {
      what: 'recording ids',
      vendor: 'jocloud',
      operation: 'sessionFromIds',
    });
    const data: JoCloudHandleData = { appId: this.#appId, resid: ids.resid };
    return this.#runtime.sessionFromParts(
      { room: ids.roomid, mode: ids.mode, sessionId: ids.recordid, data },
      'sessionFromIds',
    );
  }

  toJSON(): Record<string, unknown> {
    return { vendor: this.vendor, appId: this.#appId };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `JoCloudRecordingProvider { vendor: 'jocloud', appId: ${this.#appId} }`;
  }

  #adapter(): VendorAdapter<JoCloudHandleData> {
    const client = this.#client;
    const appId = this.#appId;
    return {
      vendor: 'jocloud',
      capabilities: JOCLOUD_CAPABILITIES,
      handleSchema: handleDataSchema,
      account: String(appId),
      foreignAccount: (data) =>
        data.appId === appId
          ? undefined
          : `belongs to JOCloud AppID ${data.appId}, not this provider's ${appId}`,

      async start(request, ctx) {
        const plan = toJoCloudStartRecord(request, { appId, warnings: ctx.warnings });
        const secrets = [...ctx.secrets, ...plan.secrets];
        const data: Omit<JoCloudHandleData, 'resid'> = { appId };
        const include = request.participants?.include;
        if (request.mode === 'composite' && include && include.length > 0) data.participants = [...include];
        if (plan.mixOutput) data.output = plan.mixOutput as JoCloudHandleData['output'];
        checkHandleFits(request, data);
        for (let round = 0; ; round++) {
          const { resid } = await client.applyrecord(ctx, secrets);
          try {
            const { recordid } = await client.startrecord(withResid(plan.body, resid), ctx, secrets);
            return { sessionId: recordid, data: { ...data, resid } };
          } catch (error) {
            // 4012: the resid expired or is spent; JOCloud's advice is a new applyrecord, once.
            if (needsNewResid(error) && round < 1) continue;
            if (
              isRecordingError(error) &&
              (error.vendorCode === JOCLOUD_TASK_EXISTS || mayHaveBeenCarriedOut(error))
            ) {
              const ids: Record<string, string> = { resid, roomid: request.room };
              if (typeof plan.body.uid === 'string') ids.uid = plan.body.uid;
              throw markUnconfirmedRecording(error, {
                vendor: 'jocloud',
                room: request.room,
                ids,
                hint: HOW_TO_STOP,
              });
            }
            throw error;
          }
        }
      },

      layoutUnsupported: (session) => {
        if (session.mode !== 'composite') {
          return `JOCloud updates the layout of composite (mixed-stream) recordings only: updatemixrecord answers 4019 for a '${session.mode}' task`;
        }
        if (!session.data.output)
          return 'this session was made by sessionFromIds: its mixing output is not known, so its layout cannot be updated';
        if (session.data.output.streamtype === 2)
          return "an audio-only recording (media 'audio') has no video layout to update";
        return undefined;
      },

      async updateLayout(session, layout, ctx) {
        const output = session.data.output as JoCloudMixOutput;
        const mixconfig = toJoCloudMixConfig(layout, {
          room: session.room,
          media: MEDIA_OF_STREAMTYPE[output.streamtype],
          output,
          participants: session.data.participants,
          warnings: ctx.warnings,
          operation: 'updateLayout',
        });
        return client.updatemixrecord(taskIds(session), mixconfig, ctx);
      },

      async query(session, ctx) {
        return toRecordingStatus(await client.queryrecord(taskIds(session), ctx));
      },

      async stop(session, ctx) {
        const outcome = await client.stoprecord(taskIds(session), ctx);
        if (outcome.kind === 'stopped') return toRecordingResult(outcome.response, false);
        // 4013 on a retry after our own first attempt was sent: that attempt stopped it (its answer
        // was lost). JOCloud reports nothing of a stopped task: the files come by callback (msgtype 2).
        return toRecordingResult(outcome.response, !outcome.byThisCall);
      },
    };
  }
}

/** The handle's ids, with the recordid held to the same rule as one JOCloud returned. */
function taskIds(session: AdapterSession<JoCloudHandleData>): JoCloudTaskIds {
  if (!JOCLOUD_LIMITS.taskIdPattern.test(session.sessionId)) {
    throw validationError(
      'session handle',
      [
        {
          path: 'session.handle.sessionId',
          message: "must be a JOCloud recordid: 1–256 letters, digits, '-' or '_'",
        },
      ],
      {
        vendor: 'jocloud',
      },
    );
  }
  return { resid: session.data.resid, roomid: session.room, recordid: session.sessionId };
}

/**
 * The handle carries the mixing output (updatemixrecord takes the full mixconfig). A watermark or SEI
 * data too large for it is refused before any request, with the longest ids JOCloud may return.
 */
function checkHandleFits(request: StartRecordingRequest, data: Omit<JoCloudHandleData, 'resid'>): void {
  const longest = 'x'.repeat(256);
  // What start sends must decode as a handle again, or the recording could not be stopped. Only raw
  // vendorOptions can put into the output what the handle schema refuses (unirec's own mapping is held
  // to it by the start-request property test, which stops every session by its handle elsewhere), so
  // the schema runs only for them (it was most of what JOCloud start costs over a hand-written call).
  const decoded =
    request.vendorOptions?.jocloud === undefined
      ? { success: true as const }
      : handleDataSchema.safeParse({ ...data, resid: longest });
  if (!decoded.success) {
    const issues = decoded.error.issues.flatMap((issue) =>
      describeIssue(issue, data, 'vendorOptions.jocloud.mixconfig'),
    );
    throw validationError('start request (its session handle could not be decoded)', issues, {
      vendor: 'jocloud',
      operation: 'start',
    });
  }
  const probe = encodeHandle('jocloud', {
    room: request.room,
    mode: request.mode,
    sessionId: longest,
    data: { ...data, resid: longest },
  });
  if (probe.length <= MAX_HANDLE_LENGTH) return;
  throw validationError(
    'start request',
    [
      {
        path: 'vendorOptions.jocloud.mixconfig.output',
        message: `is too large to carry in the session handle (updatemixrecord re-sends it): the handle would take ${probe.length} of ${MAX_HANDLE_LENGTH} characters`,
      },
    ],
    { vendor: 'jocloud', operation: 'start' },
  );
}

/** Creates the JOCloud provider; the config is validated here (a bad field is a ValidationError naming it). */
export function createJoCloudProvider(config: JoCloudProviderConfig): JoCloudRecordingProvider {
  return new JoCloudRecordingProvider(config);
}
