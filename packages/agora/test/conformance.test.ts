import { runProviderConformance } from '@unirec/conformance';
import type { StartRecordingRequest } from '@unirec/core';
import nock from 'nock';
import { createAgoraProvider } from '../src/index.js';
import {
  CREDENTIALS,
  SECRETS,
  compositeRequest,
  individualRequest,
  newFake,
  storage,
  webRequest,
} from './fixtures.js';

nock.disableNetConnect();
nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);

const with_ = (
  base: StartRecordingRequest,
  change: Partial<StartRecordingRequest>,
): StartRecordingRequest => ({ ...base, ...change });
const region = (i: number) => ({
  participant: String(1000 + i),
  x: (i % 5) / 5,
  y: Math.floor(i / 5) / 4,
  width: 0.2,
  height: 0.25,
});

runProviderConformance({
  name: '@unirec/agora',
  vendor: 'agora',
  createFake: newFake,
  // The suite passes common options (add the credentials) or, for invalidConfigs, a config that
  // names credentials of its own: that one is passed as is.
  createProvider: (config) =>
    createAgoraProvider(
      ['appId', 'customerId', 'customerSecret'].some((k) => k in config)
        ? (config as never)
        : { ...CREDENTIALS, ...config },
    ),
  compositeRequest,
  individualRequest,
  secrets: SECRETS,
  publishedRateLimit: 10,
  unsupportedRequests: [
    { name: 'flv output', request: with_(compositeRequest(), { output: { formats: ['flv'] } }) },
    { name: 'mp3 output', request: with_(compositeRequest(), { output: { formats: ['mp3'] } }) },
    { name: 'mp4 in individual mode', request: with_(individualRequest(), { output: { formats: ['mp4'] } }) },
    {
      name: 'snapshots in composite mode',
      request: with_(compositeRequest(), { output: { formats: ['hls', 'jpg'] } }),
    },
    {
      name: 'a storage vendor Agora lacks',
      request: with_(compositeRequest(), { storage: storage({ vendor: 'qiniu-kodo', region: 'z0' }) }),
    },
    {
      name: 'an S3 region Agora lacks',
      request: with_(compositeRequest(), { storage: storage({ region: 'mars-north-1' }) }),
    },
    {
      name: 'a maximum duration in composite mode',
      request: with_(compositeRequest(), { output: { maxDurationSec: 3600 } }),
    },
    { name: 'audio-only web page recording', request: with_(webRequest(), { media: 'audio' }) },
    {
      name: 'CDN push outside web mode',
      request: with_(compositeRequest(), {
        vendorOptions: { agora: { rtmpUrl: 'rtmp://cdn.example.com/live/x' } },
      }),
    },
  ],
  vendorLimitRequests: [
    {
      name: '18 layout regions',
      field: 'layout.regions',
      request: with_(compositeRequest(), {
        participants: undefined,
        layout: { regions: Array.from({ length: 18 }, (_, i) => region(i)) },
      }),
    },
    {
      name: 'width × height over 1920 × 1080',
      field: 'video',
      request: with_(compositeRequest(), { video: { width: 1920, height: 1200 } }),
    },
    {
      name: 'width over 1920',
      field: 'video.width',
      request: with_(compositeRequest(), { video: { width: 2000, height: 500 } }),
    },
    {
      name: 'fps over 60',
      field: 'video.fps',
      request: with_(compositeRequest(), { video: { width: 640, height: 360, fps: 120 } }),
    },
    {
      name: '33 subscribed uids',
      field: 'participants.include',
      request: with_(individualRequest(), {
        participants: { include: Array.from({ length: 33 }, (_, i) => String(i + 1)) },
      }),
    },
    {
      name: 'a participant that is not an Agora uid',
      field: 'participants.include[0]',
      request: with_(individualRequest(), { participants: { include: ['alice'] } }),
    },
    {
      name: 'a cname of 64 bytes',
      field: 'room',
      request: with_(compositeRequest(), { room: 'r'.repeat(64) }),
    },
    {
      name: 'recorder uid 0',
      field: 'recorderUid',
      request: with_(compositeRequest(), { recorderUid: '0' }),
    },
    {
      name: 'maxIdleSec under 5',
      field: 'output.maxIdleSec',
      request: with_(compositeRequest(), { output: { maxIdleSec: 3 } }),
    },
    {
      name: 'snapshot interval over 3600 s',
      field: 'output.snapshotIntervalSec',
      request: with_(individualRequest(), { output: { formats: ['jpg'], snapshotIntervalSec: 7200 } }),
    },
    {
      name: 'a prefix segment with an underscore',
      field: 'storage.prefix[0]',
      request: with_(compositeRequest(), { storage: storage({ prefix: ['my_dir'] }) }),
    },
    {
      name: 'S3 without a region',
      field: 'storage.region',
      request: with_(compositeRequest(), { storage: storage({ region: undefined }) }),
    },
    {
      name: 'web page video under 240 px',
      field: 'video.width',
      request: with_(webRequest(), { video: { width: 200, height: 480 } }),
    },
  ],
  invalidConfigs: [
    {
      name: 'missing customerSecret',
      field: 'customerSecret',
      config: { appId: CREDENTIALS.appId, customerId: CREDENTIALS.customerId },
    },
    { name: 'empty appId', field: 'appId', config: { ...CREDENTIALS, appId: '' } },
    { name: 'appId with a slash', field: 'appId', config: { ...CREDENTIALS, appId: 'a/b' } },
    { name: 'customerId with a colon', field: 'customerId', config: { ...CREDENTIALS, customerId: 'a:b' } },
    { name: 'unknown area', field: 'area', config: { ...CREDENTIALS, area: 'mars' } },
  ],
});
