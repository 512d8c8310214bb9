import { randomInt, sha256Hex } from '@unirec/core/adapter';
import { AGORA_LIMITS } from './agora-capabilities.js';

/**
 * The recorder's uid when none is given. With an idempotency key it is derived from the key, so a
 * repeated start of the same recording uses the same cname + uid and Agora refuses the duplicate
 * (code 53) instead of recording twice; otherwise random (CSPRNG). Always a valid Agora uid
 * (1 … 2^32 − 1, AGORA_CAPABILITIES.participantId).
 */
export function recorderUidFor(appId: string, room: string, idempotencyKey: string | undefined): string {
  if (idempotencyKey === undefined) return String(randomInt(1, AGORA_LIMITS.uidMax));
  const digest = sha256Hex(`${appId}\n${room}\n${idempotencyKey}`);
  const n = Number.parseInt(digest.slice(0, 8), 16) % AGORA_LIMITS.uidMax;
  return String(n + 1);
}
