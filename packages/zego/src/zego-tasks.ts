import type { RecordingState } from '@unirec/core';
import { parseOrThrow, text } from '@unirec/core/adapter';
import { z } from '@unirec/core/adapter';
import { stateOf } from './map-zego-response.js';
import { ZEGO_LIMITS } from './zego-capabilities.js';
import type { ZegoDescribeTasksData } from './zego-schemas.js';

/**
 * DescribeTasks (ZEGOCLOUD docs describe-tasks): the filter users give, its checks, the request
 * body and the page it becomes. The provider exposes one page (`listTasksPage`) and an async
 * iterator over every page (`listTasks`).
 */

export interface ZegoTaskFilter {
  /** 'recording' → Status 2, 'ended' → Status 3 */
  status: 'recording' | 'ended';
  room?: string;
  /** tasks whose recording began at or after this time (ZEGO looks back at most 3 days) */
  from: Date;
  /** default: now; at most 3 days after `from` */
  to?: Date;
  /** 1–50, default 50 */
  pageSize?: number;
}

export interface ZegoTaskSummary {
  taskId: string;
  room?: string;
  state: RecordingState;
  vendorState?: number;
  startedAt?: Date;
}

export interface ZegoTaskPage {
  tasks: ZegoTaskSummary[];
  /** 1-based */
  page: number;
  pageSize: number;
  total: number;
  hasMore: boolean;
  raw: unknown;
}

/** DescribeTasks Status values. */
export const ZEGO_TASK_LIST_STATUS = { recording: 2, ended: 3 } as const;

const PAGE_SIZE_RULE = `pageSize must be between 1 and ${ZEGO_LIMITS.maxPageSize}`;

const filterSchema = z
  .strictObject({
    status: z.enum(['recording', 'ended'], { error: "status must be 'recording' or 'ended'" }),
    room: z.optional(text(128, 'room')),
    from: z.date({ error: 'from must be a Date' }),
    to: z.optional(z.date({ error: 'to must be a Date' })),
    pageSize: z.optional(
      z
        .int({ error: PAGE_SIZE_RULE })
        .check(
          z.minimum(1, { error: PAGE_SIZE_RULE }),
          z.maximum(ZEGO_LIMITS.maxPageSize, { error: PAGE_SIZE_RULE }),
        ),
    ),
    page: z.optional(
      z
        .int({ error: 'page must be an integer ≥ 1' })
        .check(
          z.minimum(1, { error: 'page must be ≥ 1' }),
          z.maximum(100_000, { error: 'page must be ≤ 100000' }),
        ),
    ),
  })
  .check(
    z.superRefine((f, ctx) => {
      const to = f.to ?? new Date();
      if (!(to.getTime() > f.from.getTime()))
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be after from' });
      if (to.getTime() - f.from.getTime() > ZEGO_LIMITS.taskWindowMs) {
        ctx.addIssue({
          code: 'custom',
          path: ['to'],
          message: 'the span from → to must be at most 3 days (ZEGOCLOUD DescribeTasks)',
        });
      }
    }),
  );

/** Checks the filter and builds the DescribeTasks body for one page. */
export function describeTasksBody(
  filter: ZegoTaskFilter & { page?: number },
  nowMs: number,
): Record<string, unknown> {
  const f = parseOrThrow(filterSchema, filter, {
    what: 'task filter',
    vendor: 'zego',
    operation: 'listTasks',
  });
  // ZEGO refuses a StartTime earlier than 3 days ago, and keeps nothing older: clamp to the window
  // (with a little slack for the request's travel time) instead of failing on a few milliseconds.
  const earliest = nowMs - ZEGO_LIMITS.taskWindowMs + 10_000;
  const body: Record<string, unknown> = {
    Status: ZEGO_TASK_LIST_STATUS[f.status],
    PageOffset: f.page ?? 1,
    PageSize: f.pageSize ?? ZEGO_LIMITS.maxPageSize,
    StartTime: Math.max(f.from.getTime(), earliest),
    EndTime: (f.to ?? new Date(nowMs)).getTime(),
  };
  if (f.room !== undefined) body.RoomId = f.room;
  return body;
}

export function toTaskPage(
  data: ZegoDescribeTasksData | undefined,
  body: Record<string, unknown>,
  raw: unknown,
): ZegoTaskPage {
  const items = data?.TaskidList ?? data?.TaskList ?? [];
  const page = data?.PageOffset || (body.PageOffset as number);
  const pageSize = data?.PageSize || (body.PageSize as number);
  const total = data?.TotalCount ?? items.length;
  const tasks = items.map((item) => {
    const task: ZegoTaskSummary = { taskId: item.TaskId, state: stateOf(item.Status) };
    if (item.RoomId !== undefined) task.room = item.RoomId;
    if (item.Status !== undefined) task.vendorState = item.Status;
    if (item.RecordBeginTimestamp) task.startedAt = new Date(item.RecordBeginTimestamp);
    return task;
  });
  return { tasks, page, pageSize, total, hasMore: items.length > 0 && page * pageSize < total, raw };
}
