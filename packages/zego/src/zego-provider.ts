import {
  type CallOptions,
  type Capabilities,
  type LayoutInput,
  type LayoutUpdateResult,
  type RecordingFile,
  type RecordingProvider,
  type RecordingResult,
  type RecordingSession,
  type RecordingStatus,
  type SessionRef,
  type StartRecordingRequest,
  WarningCollector,
  decodeSessionRef,
  encodeHandle,
  isPlainObject,
  isSensitiveKey,
  layoutInputSchema,
  parseOrThrow,
  parseProviderConfig,
  randomHex,
  startRecordingRequestSchema,
  unsupported,
} from '@unirec/core';
import { z } from 'zod';
import { toZegoLayout } from './convert-to-zego-layout.js';
import { toZegoStartRecord } from './convert-to-zego-start-record.js';
import { toRecordingResult, toRecordingStatus } from './map-zego-response.js';
import { ZEGO_CAPABILITIES } from './zego-capabilities.js';
import { ZegoClient } from './zego-client.js';
import { type ZegoProviderConfig, zegoConfigSchema } from './zego-config.js';
import { ZEGO_TASK_ENDED } from './zego-error.js';
import {
  describeRecordStatusDataSchema,
  describeTasksDataSchema,
  startRecordDataSchema,
} from './zego-schemas.js';
import {
  type ZegoTaskFilter,
  type ZegoTaskPage,
  type ZegoTaskSummary,
  describeTasksBody,
  toTaskPage,
} from './zego-tasks.js';

/**
 * ZEGOCLOUD cloud recording behind the neutral RecordingProvider: validate (core schema + ZEGO
 * limits) → map → send (signed) → parse → normalise. Extras (pause, resume, takeSnapshot,
 * listTasks) live on this class only (DESIGN.md). The server secret is kept in private fields and
 * closures: util.inspect, JSON.stringify and errors never show it.
 */

/** Handle payload: everything later calls need, no secrets (DESIGN.md "RecordingSession"). */
const handleSchema = z.object({
  /** ZEGO TaskId */
  t: z.string().min(1),
  /** RoomId */
  r: z.string().min(1),
  m: z.enum(['composite', 'individual']),
  /** mixed canvas in pixels (composite with video) */
  w: z.number().int().positive().optional(),
  h: z.number().int().positive().optional(),
  /** participants.include of a composite recording, for presets in updateLayout */
  p: z.array(z.string()).optional(),
});
type ZegoHandle = z.infer<typeof handleSchema>;

export interface ZegoOperationResult {
  raw: unknown;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Every string under a secret-looking key of vendorOptions.zego (VOD keys), to scrub from errors. */
function optionSecrets(value: unknown, out: string[] = []): string[] {
  if (isPlainObject(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (typeof v === 'string' && isSensitiveKey(key)) out.push(v);
      else optionSecrets(v, out);
    }
  }
  return out;
}

export class ZegoRecordingProvider implements RecordingProvider {
  readonly vendor = 'zego' as const;
  readonly capabilities: Capabilities;
  readonly #client: ZegoClient;
  readonly #strict: boolean;

  constructor(config: ZegoProviderConfig) {
    const parsed = parseProviderConfig('zego', zegoConfigSchema, config) as ZegoProviderConfig;
    this.#client = new ZegoClient(parsed);
    this.#strict = parsed.strict === true;
    this.capabilities = deepFreeze(structuredClone(ZEGO_CAPABILITIES));
  }

  async start(request: StartRecordingRequest, options?: CallOptions): Promise<RecordingSession> {
    const parsed = parseOrThrow(startRecordingRequestSchema, request, {
      what: 'start request',
      vendor: 'zego',
      operation: 'start',
    });
    // One ClientTaskId per call, reused by every retry: ZEGO answers a repeated ClientTaskId with the
    // existing TaskId, so a retried start can never create a second task.
    const clientTaskId = parsed.idempotencyKey ?? `unirec-${randomHex(12)}`;
    const plan = toZegoStartRecord(parsed, { strict: this.#strict, clientTaskId });
    const reply = await this.#client.call('StartRecord', plan.body, {
      operation: 'start',
      call: options,
      dataSchema: startRecordDataSchema,
      secrets: [
        parsed.storage.accessKey,
        parsed.storage.secretKey,
        ...optionSecrets(parsed.vendorOptions?.zego),
      ],
    });
    const payload: ZegoHandle = { t: reply.data!.TaskId, r: parsed.room, m: parsed.mode as ZegoHandle['m'] };
    if (plan.canvas) {
      payload.w = plan.canvas.width;
      payload.h = plan.canvas.height;
    }
    const include = parsed.participants?.include;
    if (parsed.mode === 'composite' && include && include.length > 0) payload.p = include;
    return {
      vendor: 'zego',
      room: parsed.room,
      mode: parsed.mode,
      startedAt: new Date(),
      handle: encodeHandle('zego', payload),
      warnings: plan.warnings,
    };
  }

  async updateLayout(
    session: SessionRef,
    layout: LayoutInput,
    options?: CallOptions,
  ): Promise<LayoutUpdateResult> {
    const h = this.#decode(session);
    const parsed = parseOrThrow(layoutInputSchema, layout, {
      what: 'layout',
      vendor: 'zego',
      operation: 'updateLayout',
      pathPrefix: 'layout',
    });
    if (h.m !== 'composite' || h.w === undefined || h.h === undefined) {
      throw unsupported(
        'zego',
        'updateLayout',
        'updateLayout',
        h.m !== 'composite'
          ? 'only composite recordings have a layout on ZEGOCLOUD'
          : 'this composite recording has no video (audio only): there is no layout to update',
      );
    }
    const warnings = new WarningCollector(this.#strict, 'zego', 'updateLayout');
    if (parsed.background) {
      warnings.add(
        'layout.background',
        'ZEGOCLOUD cannot change the background of a running recording (UpdateLayout takes only MixMode, MixInputList and MixMaxResolutionStreamId): background is not sent',
      );
    }
    const zegoLayout = toZegoLayout(parsed, {
      canvas: { width: h.w, height: h.h },
      participants: h.p,
      warnings,
    });
    const reply = await this.#client.call(
      'UpdateLayout',
      { TaskId: h.t, ...zegoLayout },
      { operation: 'updateLayout', call: options },
    );
    return { warnings: warnings.warnings, raw: reply.envelope };
  }

  async query(session: SessionRef, options?: CallOptions): Promise<RecordingStatus> {
    const h = this.#decode(session);
    return this.#describe(h, 'query', options);
  }

  async stop(session: SessionRef, options?: CallOptions): Promise<RecordingResult> {
    const h = this.#decode(session);
    const reply = await this.#client.call(
      'StopRecord',
      { TaskId: h.t },
      {
        operation: 'stop',
        call: options,
        acceptCodes: [ZEGO_TASK_ENDED],
      },
    );
    const alreadyStopped = reply.code === ZEGO_TASK_ENDED;
    // StopRecord returns no files. One best-effort DescribeRecordStatus gives the files as far as
    // ZEGO knows them now (uploads usually still pending); the final list comes from a later `query`
    // or the event_type 1 callback (docs/vendors/zego.md).
    let files: RecordingFile[] = [];
    let status: RecordingStatus | undefined;
    try {
      status = await this.#describe(h, 'stop', { ...options, maxRetries: 0 });
      files = status.files;
    } catch (error) {
      if (options?.signal?.aborted) throw error;
    }
    return toRecordingResult(files, alreadyStopped, {
      StopRecord: reply.envelope,
      DescribeRecordStatus: status?.raw,
    });
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
    const body = describeTasksBody(filter, Date.now());
    const reply = await this.#client.call('DescribeTasks', body, {
      operation: 'listTasks',
      call: options,
      dataSchema: describeTasksDataSchema,
    });
    return toTaskPage(reply.data, body, reply.envelope);
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

  #decode(session: SessionRef): ZegoHandle {
    return decodeSessionRef('zego', session, handleSchema);
  }

  async #describe(h: ZegoHandle, operation: string, options?: CallOptions): Promise<RecordingStatus> {
    const reply = await this.#client.call(
      'DescribeRecordStatus',
      { TaskId: h.t },
      {
        operation,
        call: options,
        dataSchema: describeRecordStatusDataSchema,
      },
    );
    return toRecordingStatus(reply.data!, reply.envelope);
  }

  async #mixedOnly(
    action: 'PauseRecord' | 'ResumeRecord' | 'TakeSnapshot',
    operation: string,
    session: SessionRef,
    options?: CallOptions,
  ): Promise<ZegoOperationResult> {
    const h = this.#decode(session);
    if (h.m !== 'composite') {
      throw unsupported(
        'zego',
        operation,
        operation,
        `ZEGOCLOUD offers ${action} for composite (mixed) recordings only`,
      );
    }
    const reply = await this.#client.call(action, { TaskId: h.t }, { operation, call: options });
    return { raw: reply.envelope };
  }
}

export function createZegoProvider(config: ZegoProviderConfig): ZegoRecordingProvider {
  return new ZegoRecordingProvider(config);
}
