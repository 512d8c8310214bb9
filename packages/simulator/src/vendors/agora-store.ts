import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { timingsOf } from '../config.js';
import type { SimContext, SimTimings } from '../types.js';
import { AGORA_LIMITS } from './agora-constants.js';
import { emitExit, emitLeft, emitStarted, emitUploaded } from './agora-ncs.js';
import { type AgoraSession, recordingStartsAt } from './agora-session.js';

/** An acquired, not yet started resource. */
export interface AgoraResource {
  id: string;
  appId: string;
  cname: string;
  uid: string;
  scene: number;
  acquiredAt: number;
  resourceExpiredHour: number;
  startParameter?: unknown;
}

/** The simulator's own bounds (not vendor limits): caller-controlled state must not grow without end. */
export const AGORA_SIM_CAPS = {
  maxResources: 10_000,
  maxSessions: 20_000,
  /** above this, start answers code 406 "concurrency over limit" */
  maxActiveSessionsPerApp: 1_000,
} as const;

const RID_TIME_BYTES = 8;
const RID_RANDOM_BYTES = 40;
const RID_MAC_BYTES = 16;

/**
 * Resources and sessions of one emulator. Resource IDs are self-authenticating (issue time + random +
 * HMAC), so after a resource is swept the emulator can still tell "expired" (433) from "never issued" (1001).
 */
export class AgoraStore {
  private readonly key = randomBytes(32);
  readonly resources = new Map<string, AgoraResource>();
  readonly sessions = new Map<string, AgoraSession>();
  readonly sidByResource = new Map<string, string>();

  issueResourceId(appId: string, now: number): string {
    const head = Buffer.alloc(RID_TIME_BYTES + RID_RANDOM_BYTES);
    head.writeBigUInt64BE(BigInt(Math.max(0, Math.floor(now))), 0);
    randomBytes(RID_RANDOM_BYTES).copy(head, RID_TIME_BYTES);
    return Buffer.concat([head, this.mac(head, appId)]).toString('base64url');
  }

  /** The issue time of a resource ID this emulator minted for `appId`, or undefined for anything else. */
  resourceIssuedAt(resourceId: string, appId: string): number | undefined {
    if (!/^[A-Za-z0-9_-]+$/.test(resourceId) || resourceId.length > 200) return undefined;
    const raw = Buffer.from(resourceId, 'base64url');
    if (raw.length !== RID_TIME_BYTES + RID_RANDOM_BYTES + RID_MAC_BYTES) return undefined;
    const head = raw.subarray(0, RID_TIME_BYTES + RID_RANDOM_BYTES);
    const mac = raw.subarray(RID_TIME_BYTES + RID_RANDOM_BYTES);
    if (!timingSafeEqual(mac, this.mac(head, appId))) return undefined;
    return Number(head.readBigUInt64BE(0));
  }

  addResource(resource: AgoraResource): void {
    if (this.resources.size >= AGORA_SIM_CAPS.maxResources) {
      const oldest = this.resources.keys().next();
      if (!oldest.done) this.resources.delete(oldest.value);
    }
    this.resources.set(resource.id, resource);
  }

  activeSession(appId: string, cname: string, uid: string): AgoraSession | undefined {
    for (const s of this.sessions.values()) {
      if (s.endedAt === undefined && s.appId === appId && s.cname === cname && s.uid === uid) return s;
    }
    return undefined;
  }

  activeCount(appId: string): number {
    let n = 0;
    for (const s of this.sessions.values()) if (s.endedAt === undefined && s.appId === appId) n++;
    return n;
  }

  addSession(s: AgoraSession, t: SimTimings): void {
    if (this.sessions.size >= AGORA_SIM_CAPS.maxSessions) {
      for (const [sid, old] of this.sessions) {
        if (old.endedAt !== undefined) {
          this.dropSession(sid, old);
          break;
        }
      }
    }
    this.resources.delete(s.resourceId);
    this.sessions.set(s.sid, s);
    this.sidByResource.set(s.resourceId, s.sid);
    s.scheduled.push({ at: recordingStartsAt(s, t), event: 'started' });
  }

  /**
   * End a task at `at`. Upload and exit notifications follow after `uploadMs` for an asynchronous end
   * (async stop, expiry), at once for a synchronous stop (which waits for the upload by definition).
   */
  endSession(
    ctx: SimContext,
    s: AgoraSession,
    at: number,
    reason: NonNullable<AgoraSession['endReason']>,
    waitForUpload: boolean,
  ): void {
    if (s.endedAt !== undefined) return;
    const t = timingsOf(ctx);
    s.endedAt = at;
    s.endReason = reason;
    const last = s.holds[s.holds.length - 1];
    if (last && last.to === undefined) last.to = at;
    const recorded = at >= recordingStartsAt(s, t);
    // Nothing recorded yet: the "started" notifications never happen.
    s.scheduled = s.scheduled.filter((e) => e.event !== 'started' || e.at <= at);
    const doneAt = waitForUpload ? at : at + t.uploadMs;
    if (recorded) s.scheduled.push({ at, event: 'left' }, { at: doneAt, event: 'uploaded' });
    s.scheduled.push({ at: doneAt, event: 'exit' });
    this.flush(ctx, s);
  }

  /** Deliver every due notification of one session, in time order. */
  flush(ctx: SimContext, s: AgoraSession): void {
    const now = ctx.clock.now();
    const due = s.scheduled.filter((e) => e.at <= now).sort((a, b) => a.at - b.at);
    if (due.length === 0) return;
    s.scheduled = s.scheduled.filter((e) => e.at > now);
    for (const e of due) {
      if (e.event === 'started') emitStarted(ctx, s, e.at);
      else if (e.event === 'left') emitLeft(ctx, s);
      else if (e.event === 'uploaded') emitUploaded(ctx, s, timingsOf(ctx));
      else emitExit(ctx, s);
    }
  }

  /** Time-driven state: expiry of tasks and resources, notifications, sweeping of ended tasks. */
  tick(ctx: SimContext): void {
    const now = ctx.clock.now();
    const t = timingsOf(ctx);
    for (const [sid, s] of this.sessions) {
      if (s.endedAt === undefined && now >= s.expiresAt)
        this.endSession(ctx, s, s.expiresAt, 'expired', false);
      this.flush(ctx, s);
      if (s.endedAt !== undefined && s.scheduled.length === 0 && now >= s.endedAt + t.endedRetentionMs)
        this.dropSession(sid, s);
    }
    for (const [id, r] of this.resources) {
      if (now >= r.acquiredAt + AGORA_LIMITS.resourceTtlMs) this.resources.delete(id);
    }
  }

  reset(): void {
    this.resources.clear();
    this.sessions.clear();
    this.sidByResource.clear();
  }

  private dropSession(sid: string, s: AgoraSession): void {
    this.sessions.delete(sid);
    if (this.sidByResource.get(s.resourceId) === sid) this.sidByResource.delete(s.resourceId);
  }

  private mac(head: Buffer, appId: string): Buffer {
    return createHmac('sha256', this.key)
      .update(head)
      .update(appId, 'utf8')
      .digest()
      .subarray(0, RID_MAC_BYTES);
  }
}
