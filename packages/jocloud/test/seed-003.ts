import type { StartRecordingRequest } from '@unirec/core';

/** seed 003 startrecord example, verbatim. */
export const SEED_BODY = {
  resid: '1d3fe093f9b9dbfa2d34e22cb34a12496ed6b057896358131208a0d981eb-ba11073100006be2',
  appid: 10034,
  roomid: 'abcabc',
  recordtype: 0,
  streamtype: 1,
  mixconfig: {
    input: [
      {
        uid: '10266666',
        roomid: 'abcabc',
        streamtype: 0,
        zOrder: 0,
        layoutX: 0,
        layoutY: 0,
        layoutH: 600,
        layoutW: 400,
        crop: 0,
      },
      {
        uid: '10277777',
        roomid: 'efdefd',
        streamtype: 0,
        zOrder: 1,
        layoutX: 400,
        layoutY: 0,
        layoutH: 600,
        layoutW: 400,
        crop: 0,
      },
    ],
    output: {
      streamtype: 0,
      videoheight: 600,
      videowidth: 800,
      videobitrate: 600,
      videofps: 24,
      videogop: 72,
      videoencode: 100,
      audiobitrate: 128,
      audiosample: 48000,
      audiochannel: 2,
      audioformat: 2,
    },
  },
  storagecfg: {
    vender: 0,
    endpoint: 'xxxx-test-endpoint',
    bucket: 'xxxx-test-bucket',
    accesskey: 'xxxx-test-accesskey',
    secretkey: 'xxxx-test-secretkey',
    fileprefix: ['test1', 'test2'],
  },
};

/** The same recording in neutral terms: user 10277777 of room efdefd is mixed in (roomid:uid). */
export function seedRequest(endpoint = 'xxxx-test-endpoint'): StartRecordingRequest {
  return {
    room: 'abcabc',
    mode: 'composite',
    media: 'audio+video',
    participants: { include: ['10266666', 'efdefd:10277777'] },
    layout: {
      regions: [
        { participant: '10266666', x: 0, y: 0, width: 0.5, height: 1, fit: 'contain', zIndex: 0 },
        { participant: 'efdefd:10277777', x: 0.5, y: 0, width: 0.5, height: 1, fit: 'contain', zIndex: 1 },
      ],
    },
    video: { width: 800, height: 600, fps: 24, bitrateKbps: 600 },
    audio: { sampleRateHz: 48000, bitrateKbps: 128, channels: 2 },
    storage: {
      vendor: 'aliyun-oss',
      endpoint,
      bucket: 'xxxx-test-bucket',
      accessKey: 'xxxx-test-accesskey',
      secretKey: 'xxxx-test-secretkey',
      prefix: ['test1', 'test2'],
    },
    // The neutral model has no GOP: unirec sends fps × 2 s (48 here); the seed's 3 s GOP comes raw.
    vendorOptions: { jocloud: { mixconfig: { output: { videogop: 72 } } } },
  };
}
