/**
 * Redis key names. Every key one script touches shares one hash tag (the text between `{` and the
 * first `}`), so each script runs on one slot and the coordinator works on Redis Cluster.
 * Braces in user keys are escaped, so a key can never end a tag early or open another one.
 */

/** `%`, `{` and `}` percent-encoded: injective, and the result holds no brace. */
export function escapeKeyPart(part: string): string {
  return part.replace(/[%{}]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface KeySpace {
  /** the rate budget: the next free slot (µs, Redis time) */
  rate(key: string): string;
  /** `once`: the stored result, the holder's lease, and the failure record of one run */
  once(key: string): { value: string; lock: string; failure(runToken: string): string };
  claim(key: string): string;
  /** one hash: handle → ActiveSession JSON */
  sessions(): string;
}

export function createKeySpace(prefix: string): KeySpace {
  const p = escapeKeyPart(prefix);
  return {
    rate: (key) => `{${p}:rate:${escapeKeyPart(key)}}`,
    once: (key) => {
      const tag = `{${p}:once:${escapeKeyPart(key)}}`;
      return {
        value: `${tag}:value`,
        lock: `${tag}:lock`,
        failure: (runToken) => `${tag}:failed:${escapeKeyPart(runToken)}`,
      };
    },
    claim: (key) => `{${p}:claim:${escapeKeyPart(key)}}`,
    sessions: () => `{${p}:sessions}`,
  };
}

/** The hash tag Redis Cluster hashes for `key` (the whole key when it has none). */
export function hashTagOf(key: string): string {
  const open = key.indexOf('{');
  if (open < 0) return key;
  const close = key.indexOf('}', open + 1);
  if (close < 0 || close === open + 1) return key;
  return key.slice(open + 1, close);
}
