import type { IssueCollector } from '@unirec/core';

/**
 * JOCloud participant ids and the text checks every JOCloud string field needs.
 *
 * A participant is a JOCloud `uid`. Mixed-stream inputs also name the room of the stream (seed 003:
 * input `roomid`, "Room ID of the source stream user"), so a participant may be written
 * `roomid:uid` to mix a user of another room; the split is at the LAST ':' (so a room id may hold
 * ':', a uid may not). Without ':' the stream is in the session's own room.
 */

export interface JoCloudStreamRef {
  roomid: string;
  uid: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * True when `text` is well-formed UTF-16 (no lone surrogate): such a string cannot be sent as UTF-8
 * or put in a URL path (encodeURIComponent throws on it).
 */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** UTF-8 length in bytes (the seed limits URLs and SEI data in bytes). */
export function utf8ByteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * `roomid:uid` or `uid` → the stream it names. Adds an issue at `path` (and returns undefined) when
 * a part is empty or the text is not well-formed.
 */
export function parseJoCloudParticipant(
  participant: string,
  sessionRoom: string,
  issues: IssueCollector,
  path: string,
): JoCloudStreamRef | undefined {
  if (typeof participant !== 'string' || participant.length === 0) {
    issues.add(path, 'must be a non-empty JOCloud uid, or roomid:uid for a user of another room');
    return undefined;
  }
  if (!isWellFormedText(participant)) {
    issues.add(path, 'must be well-formed Unicode text (it holds a lone surrogate)');
    return undefined;
  }
  const colon = participant.lastIndexOf(':');
  if (colon === -1) return { roomid: sessionRoom, uid: participant };
  const roomid = participant.slice(0, colon);
  const uid = participant.slice(colon + 1);
  if (roomid === '' || uid === '') {
    issues.add(
      path,
      "must be written roomid:uid with both parts non-empty (cross-room mixing), or a plain uid without ':'",
    );
    return undefined;
  }
  return { roomid, uid };
}

/** One key per stream, so 'room:7' and '7' in room 'room' are seen as the same input. */
export function streamKey(ref: JoCloudStreamRef): string {
  return JSON.stringify([ref.roomid, ref.uid]);
}
