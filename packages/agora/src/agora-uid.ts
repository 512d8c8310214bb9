import { type IssueCollector, randomInt, sha256Hex } from '@unirec/core';
import { AGORA_LIMITS } from './agora-capabilities.js';

/**
 * Agora uids (seed 000 acquire-request `uid`, seed 001 layoutConfig `uid`): a decimal string of an
 * integer in 1 … 2^32 − 1. Cloud Recording works with integer uids only, so every participant id
 * unirec sends (subscribe lists, layout regions, focus) must be one.
 */
export function isAgoraUid(value: string): boolean {
  if (!/^[1-9][0-9]{0,9}$/.test(value)) return false;
  return Number(value) <= AGORA_LIMITS.uidMax;
}

const UID_RULE = `must be an Agora uid: a decimal integer in 1 … ${AGORA_LIMITS.uidMax} without leading zeros`;

export function checkUid(issues: IssueCollector, path: string, value: string | undefined): void {
  if (value !== undefined && !isAgoraUid(value)) issues.add(path, UID_RULE);
}

export function checkUidList(issues: IssueCollector, path: string, values: string[] | undefined): void {
  if (!values) return;
  values.forEach((v, i) => {
    checkUid(issues, `${path}[${i}]`, v);
  });
  if (values.length > AGORA_LIMITS.maxSubscribeUids) {
    issues.add(
      path,
      `Agora subscribe lists hold at most ${AGORA_LIMITS.maxSubscribeUids} uids, got ${values.length}`,
    );
  }
}

/**
 * The recorder's uid when none is given. With an idempotency key it is derived from the key, so a
 * repeated start of the same recording uses the same cname + uid and Agora refuses the duplicate
 * (code 53) instead of recording twice; otherwise random (CSPRNG).
 */
export function recorderUidFor(appId: string, room: string, idempotencyKey: string | undefined): string {
  if (idempotencyKey === undefined) return String(randomInt(1, AGORA_LIMITS.uidMax));
  const digest = sha256Hex(`${appId}\n${room}\n${idempotencyKey}`);
  const n = Number.parseInt(digest.slice(0, 8), 16) % AGORA_LIMITS.uidMax;
  return String(n + 1);
}
