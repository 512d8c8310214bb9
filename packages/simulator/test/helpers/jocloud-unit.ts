import { createJoCloudEmulator, type JoCloudEmulatorOptions } from '../../src/vendors/jocloud.js';
import { body, fakeContext, JOCLOUD_SEED_START, joRequest } from './vendor-context.js';

/** JOCloud emulator driven through `handle(req, ctx)` with a fake context (no HTTP server). */

/** The audio-only output: only audio fields, each with its one supported value. */
export const AUDIO_OUTPUT = {
  streamtype: 2,
  audiobitrate: 128,
  audiochannel: 2,
  audiosample: 48000,
  audioformat: 2,
};
/** A video-only output: audio fields are "Optional" there and left out. */
export const VIDEO_OUTPUT = {
  streamtype: 1,
  videowidth: 640,
  videoheight: 360,
  videobitrate: 800,
  videoencode: 100,
};

export function setup(options: JoCloudEmulatorOptions = {}) {
  const ctx = fakeContext();
  const emulator = createJoCloudEmulator({ startDelayMs: 1000, ...options });
  const send = async (...args: Parameters<typeof joRequest> extends [any, ...infer R] ? R : never) => {
    const res = await emulator.handle(joRequest(ctx, ...args), ctx);
    return { status: res.status, ...body(res) };
  };
  const apply = async () => (await send('GET', 'applyrecord')).resid as string;
  const startWith = async (mutate: (b: any) => void = () => {}) => {
    const payload: any = structuredClone(JOCLOUD_SEED_START);
    payload.resid = await apply();
    mutate(payload);
    return { payload, res: await send('POST', 'startrecord', payload) };
  };
  return { ctx, emulator, send, apply, startWith };
}
