import type {
  CallOptions,
  LayoutInput,
  LayoutUpdateResult,
  RecordingEvent,
  RecordingFile,
  RecordingProvider,
  RecordingResult,
  RecordingSession,
  RecordingStatus,
  SessionRef,
  StartRecordingRequest,
} from '@unirec/core';
import {
  type AdapterCallContext,
  type AdapterSession,
  type ProviderRuntime,
  type VendorAdapter,
  WebhookVerificationError,
  createProviderRuntime,
  parseProviderConfig,
  randomHex,
  unsupported,
} from '@unirec/core/adapter';
import { z } from '@unirec/core/adapter';
import { toZegoLayout } from './convert-to-zego-layout.js';
import { toZegoStartRecord } from './convert-to-zego-start-record.js';
import { toRecordingResult, toRecordingStatus } from './map-zego-response.js';
import { ZEGO_CAPABILITIES } from './zego-capabilities.js';
import { ZegoClient } from './zego-client.js';
import { type ZegoProviderConfig, zegoConfigSchema } from './zego-config.js';
import { ZEGO_TASK_ENDED } from './zego-error.js';
import {
  describeRecordStatusResponseSchema,
  describeTasksResponseSchema,
  startRecordResponseSchema,
} from './zego-schemas.js';
import {
  type ZegoTaskFilter,
  type ZegoTaskPage,
  type ZegoTaskSummary,
  describeTasksBody,
  toTaskPage,
} from './zego-tasks.js';

/**
 * ZEGOCLOUD cloud recording behind the neutral RecordingProvider. Core's runtime runs every call;
 * this file holds what only ZEGO does: one StartRecord with a ClientTaskId kept across retries (ZEGO
 * answers a repeated ClientTaskId with the existing TaskId, so a lost answer is recovered by the
 * retry), the files of a stop from DescribeRecordStatus, and the extras (pause, resume,
 * takeSnapshot, listTasks, confirmEvent). The server secret lives only in the client's closures.
 */

const { video, participantId, participants } = ZEGO_CAPABILITIES;
const streamId = z.string().check(z.regex(participantId.pattern, { error: participantId.rule }));

/** The ZEGO part of a session handle (no secrets), as strict as the start request that made it. */
const handleDataSchema = z.strictObject({
  /** mixed canvas in pixels (composite with video), within ZEGO's output limits */
  w: z.optional(z.int().check(z.minimum(video.width[0]), z.maximum(video.width[1]))),
  h: z.optional(z.int().check(z.minimum(video.height[0]), z.maximum(video.height[1]))),
  /** participants.include of a composite recording, for presets in updateLayout */
  p: z.optional(z.array(streamId).check(z.maxLength(participants.maxInclude))),
});
type ZegoHandleData = z.infer<typeof handleDataSchema>;

export interface ZegoOperationResult {
  raw: unknown;
}

export class ZegoRecordingProvider implements RecordingProvider {
  readonly vendor = 'zego' as const;
  readonly capabilities = ZEGO_CAPABILITIES;
  readonly #client: ZegoClient;
  readonly #appId: number;
  readonly #runtime: ProviderRuntime;

  constructor(config: ZegoProviderConfig) {
    const parsed = parseProviderConfig<ZegoProviderConfig>('zego', zegoConfigSchema, config);
    this.#appId = parsed.appId;
    this.#client = new ZegoClient(parsed);
    this.#runtime = createProviderRuntime(this.#adapter(), parsed);
  }

  start(request: StartRecordingRequest, options?: CallOptions): Promise<RecordingSession> {
    return this.#runtime.start(request, options);
  }

  updateLayout(session: SessionRef, layout: LayoutInput, options?: CallOptions): Promise<LayoutUpdateResult> {
    return this.#runtime.updateLayout(session, layout, options);
  }

  query(session: SessionRef, options?: CallOptions): Promise<RecordingStatus> {
    return this.#runtime.query(session, options);
  }

  /** Idempotent: an ended task resolves with `alreadyStopped: true`; an unknown one is NotFoundError. */
  stop(session: SessionRef, options?: CallOptions): Promise<RecordingResult> {
    return this.#runtime.stop(session, options);
  }

  /** PauseRecord (composite recordings only). */
  async pause(session: SessionRef, options?: CallOptions): Promise<ZegoOperationResult> {
    return this.#mixedOnly('PauseRecord', 'pause', session, options);
  }

  /** ResumeRecord (composite recordings only); a recording that is not paused → ConflictError. */
  async resume(session: SessionRef, options?: CallOptions): Promise<ZegoOperationResult> {
    return this.#mixedOnly('ResumeRecord', 'resume', session, options);
  }

  /** TakeSnapshot of a running composite recording; the file arrives by callback (event_type 1). */
  async takeSnapshot(session: SessionRef, options?: CallOptions): Promise<ZegoOperationResult> {
    return this.#mixedOnly('TakeSnapshot', 'takeSnapshot', session, options);
  }

  /** One page of DescribeTasks (page numbers start at 1). */
  async listTasksPage(
    filter: ZegoTaskFilter & { page?: number },
    options?: CallOptions,
  ): Promise<ZegoTaskPage> {
    const ctx = this.#runtime.callContext(options, 'listTasks');
    return this.#runtime.run('listTasks', ctx, async () => {
      const body = describeTasksBody(filter, Date.now());
      const reply = await this.#client.call('DescribeTasks', body, {
        operation: 'listTasks',
        ctx,
        responseSchema: describeTasksResponseSchema,
      });
      return toTaskPage(reply.data, body, reply.envelope);
    });
  }

  /** Every task matching `filter`, fetched page by page as the caller iterates. */
  async *listTasks(
    filter: ZegoTaskFilter,
    options?: CallOptions,
  ): AsyncGenerator<ZegoTaskSummary, void, undefined> {
    for (let page = 1; ; page++) {
      const result = await this.listTasksPage({ ...filter, page }, options);
      yield* result.tasks;
      if (!result.hasMore) return;
    }
  }

  /**
   * ZEGO's callback signature does not cover the body (docs/vendors/zego.md). Before acting on a
   * callback, confirm it: the task is looked up with DescribeRecordStatus, must belong to the
   * event's room, and the returned event carries the files and state ZEGO itself reports.
   * A callback about a task ZEGO does not know is a WebhookVerificationError.
   */
  async confirmEvent<E extends RecordingEvent>(event: E, options?: CallOptions): Promise<E> {
    const ctx = this.#runtime.callContext(options, 'confirmEvent');
    return this.#runtime.run('confirmEvent', ctx, async () => {
      const fail = (why: string) =>
        new WebhookVerificationError(`zego webhook: the callback could not be confirmed: ${why}`, {
          vendor: 'zego',
          operation: 'confirmEvent',
        });
      if (event?.vendor !== 'zego' || typeof event.sessionId !== 'string' || event.sessionId.length > 256) {
        throw fail('it is not a ZEGOCLOUD event with a task_id');
      }
      let status: RecordingStatus;
      try {
        status = await this.#describe(event.sessionId, 'confirmEvent', ctx);
      } catch (error) {
        if ((error as { kind?: string }).kind === 'not_found')
          throw fail('ZEGOCLOUD does not know this task');
        throw error;
      }
      const room = (status.raw as { Data?: { RoomId?: unknown } } | undefined)?.Data?.RoomId;
      if (event.room !== undefined && typeof room === 'string' && room !== event.room) {
        throw fail('the task belongs to another room');
      }
      const confirmed: E = { ...event, state: status.state };
      // DescribeRecordStatus lists recordings, never snapshots: a snapshot callback is confirmed by its
      // task and room only, and keeps its own files; any other file list is replaced by ZEGO's.
      const snapshotsOnly =
        event.files !== undefined &&
        event.files.length > 0 &&
        event.files.every((f) => f.kind === 'snapshot');
      if (event.files !== undefined && !snapshotsOnly) confirmed.files = status.files;
      return confirmed;
    });
  }

  toJSON(): Record<string, unknown> {
    return { vendor: this.vendor, appId: this.#appId };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `ZegoRecordingProvider { vendor: 'zego', appId: ${this.#appId} }`;
  }

  #describe(taskId: string, operation: string, ctx: AdapterCallContext): Promise<RecordingStatus> {
    return this.#client
      .call(
        'DescribeRecordStatus',
        { TaskId: taskId },
        { operation, ctx, responseSchema: describeRecordStatusResponseSchema },
      )
      .then((reply) => toRecordingStatus(reply.data, reply.envelope));
  }

  async #mixedOnly(
    action: 'PauseRecord' | 'ResumeRecord' | 'TakeSnapshot',
    operation: string,
    session: SessionRef,
    options?: CallOptions,
  ): Promise<ZegoOperationResult> {
    const ctx = this.#runtime.callContext(options, operation);
    const parts = this.#runtime.session<ZegoHandleData>(session, operation);
    if (parts.mode !== 'composite') {
      throw unsupported(
        'zego',
        operation,
        operation,
        `ZEGOCLOUD offers ${action} for composite (mixed) recordings only`,
      );
    }
    return this.#runtime.run(operation, ctx, async () => {
      const reply = await this.#client.call(action, { TaskId: parts.sessionId }, { operation, ctx });
      return { raw: reply.envelope };
    });
  }

  #adapter(): VendorAdapter<ZegoHandleData> {
    const client = this.#client;
    const describe = (taskId: string, operation: string, ctx: AdapterCallContext) =>
      this.#describe(taskId, operation, ctx);
    return {
      vendor: 'zego',
      capabilities: ZEGO_CAPABILITIES,
      handleSchema: handleDataSchema,
      account: String(this.#appId),

      async start(request, ctx) {
        // One ClientTaskId per call, reused by every retry: ZEGO answers a repeated ClientTaskId with
        // the existing TaskId, so a retried start can never create a second task.
        const clientTaskId = request.idempotencyKey ?? `unirec-${randomHex(12)}`;
        const plan = toZegoStartRecord(request, { warnings: ctx.warnings, clientTaskId });
        const reply = await client.call('StartRecord', plan.body, {
          operation: 'start',
          ctx,
          responseSchema: startRecordResponseSchema,
          secrets: ctx.secrets,
          commits: true,
        });
        const data: ZegoHandleData = {};
        if (plan.canvas) {
          data.w = plan.canvas.width;
          data.h = plan.canvas.height;
        }
        const include = request.participants?.include;
        if (request.mode === 'composite' && include && include.length > 0) data.p = [...include];
        return { sessionId: reply.data.TaskId, data };
      },

      layoutUnsupported: (session: AdapterSession<ZegoHandleData>) => {
        if (session.mode !== 'composite') return 'only composite recordings have a layout on ZEGOCLOUD';
        if (session.data.w === undefined || session.data.h === undefined) {
          return 'this composite recording has no video (audio only): there is no layout to update';
        }
        return undefined;
      },

      async updateLayout(session, layout, ctx) {
        if (layout.background) {
          ctx.warnings.add(
            'layout.background',
            'ZEGOCLOUD cannot change the background of a running recording (UpdateLayout takes only MixMode, MixInputList and MixMaxResolutionStreamId): background is not sent',
          );
        }
        const zegoLayout = toZegoLayout(layout, {
          canvas: { width: session.data.w!, height: session.data.h! },
          participants: session.data.p,
          warnings: ctx.warnings,
        });
        const reply = await client.call(
          'UpdateLayout',
          { TaskId: session.sessionId, ...zegoLayout },
          { operation: 'updateLayout', ctx },
        );
        return reply.envelope;
      },

      query: (session, ctx) => describe(session.sessionId, 'query', ctx),

      async stop(session, ctx) {
        const reply = await client.call(
          'StopRecord',
          { TaskId: session.sessionId },
          { operation: 'stop', ctx, acceptCode: ZEGO_TASK_ENDED },
        );
        // "Already ended" on a retry after our own first attempt was sent: this call stopped it.
        const alreadyStopped = reply.code === ZEGO_TASK_ENDED && !reply.byThisCall;
        // StopRecord returns no files. DescribeRecordStatus gives them as far as ZEGO knows them now
        // (uploads usually still pending, kept 3 days): the final list comes from a later `query` or the
        // event_type 1 callback (docs/vendors/zego.md).
        let files: RecordingFile[] = [];
        let status: RecordingStatus | undefined;
        try {
          status = await describe(session.sessionId, 'stop', { ...ctx, maxRetries: 1 });
          files = status.files;
        } catch (error) {
          if (ctx.signal?.aborted) throw error;
        }
        return toRecordingResult(files, alreadyStopped, {
          StopRecord: reply.envelope,
          DescribeRecordStatus: status?.raw,
        });
      },
    };
  }
}

export function createZegoProvider(config: ZegoProviderConfig): ZegoRecordingProvider {
  return new ZegoRecordingProvider(config);
}
