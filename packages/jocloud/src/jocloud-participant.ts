/**
 * JOCloud participant ids. A participant is a JOCloud `uid`. Mixed-stream inputs also name the room
 * of the stream (seed 003: input `roomid`, "Room ID of the source stream user"), so a participant may
 * be written `roomid:uid` to mix a user of another room. Room ids and uids hold no ':' (the
 * capability table's id rule), so the split is unambiguous; without ':' the stream is in the
 * session's own room. The form is checked by core against JOCLOUD_CAPABILITIES.participantId.
 */

export interface JoCloudStreamRef {
  roomid: string;
  uid: string;
}

/** `roomid:uid` or `uid` (already checked against the participant id rule) → the stream it names. */
export function parseJoCloudParticipant(participant: string, sessionRoom: string): JoCloudStreamRef {
  const colon = participant.lastIndexOf(':');
  if (colon === -1) return { roomid: sessionRoom, uid: participant };
  return { roomid: participant.slice(0, colon), uid: participant.slice(colon + 1) };
}

/** One key per stream, so 'room:7' and '7' in room 'room' are seen as the same input. */
export function streamKey(ref: JoCloudStreamRef): string {
  return `${ref.roomid}:${ref.uid}`;
}

/** UTF-8 length in bytes (the seed limits URLs and SEI data in bytes). */
export function utf8ByteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}
