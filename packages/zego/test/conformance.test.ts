import { runProviderConformance } from '@unirec/conformance';
import type { StartRecordingRequest } from '@unirec/core';
import { createZegoProvider } from '../src/index.js';
import {
  STORAGE_ACCESS_KEY,
  STORAGE_SECRET_KEY,
  compositeRegionsRequest,
  individualRequest,
} from './helpers.js';
import { FAKE_APP_ID, FAKE_SERVER_SECRET, createZegoFake } from './zego-fake.js';

const with_ = (change: Partial<StartRecordingRequest>): StartRecordingRequest => ({
  ...compositeRegionsRequest(),
  ...change,
});
const storage = compositeRegionsRequest().storage;

runProviderConformance({
  name: '@unirec/zego',
  vendor: 'zego',
  // ZEGO has no "already recording" answer: a room holds several tasks (see docs/vendors/zego.md).
  features: { startConflict: false },
  createFake: () => createZegoFake(),
  // Credentials are filled in only when the suite passes none: its invalid configs must reach the
  // factory exactly as written.
  createProvider: (config) =>
    createZegoProvider(
      'appId' in config || 'serverSecret' in config
        ? (config as never)
        : { appId: FAKE_APP_ID, serverSecret: FAKE_SERVER_SECRET, ...config },
    ),
  compositeRequest: compositeRegionsRequest,
  individualRequest,
  secrets: [FAKE_SERVER_SECRET, STORAGE_ACCESS_KEY, STORAGE_SECRET_KEY],
  unsupportedRequests: [
    {
      name: "mode 'web'",
      request: { room: 'r', mode: 'web', web: { url: 'https://example.com/page' }, storage },
    },
    { name: 'participants.exclude', request: { ...individualRequest(), participants: { exclude: ['x'] } } },
    { name: 'two output formats', request: with_({ output: { formats: ['mp4', 'hls'] } }) },
    { name: 'Azure Blob storage', request: with_({ storage: { ...storage, vendor: 'azure-blob' } }) },
    { name: 'Baidu BOS storage', request: with_({ storage: { ...storage, vendor: 'baidu-bos' } }) },
    {
      name: 'hls to Alibaba VOD',
      request: with_({
        output: { formats: ['hls'] },
        storage: { ...storage, vendor: 'aliyun-vod', region: 'cn-shanghai' },
        vendorOptions: { zego: { StorageParams: { AlibabaCloudVodParams: { Title: 't' } } } },
      }),
    },
  ],
  vendorLimitRequests: [
    { name: 'fps 60', field: 'video.fps', request: with_({ video: { width: 1280, height: 720, fps: 60 } }) },
    { name: 'fps 4', field: 'video.fps', request: with_({ video: { width: 1280, height: 720, fps: 4 } }) },
    { name: 'width 2000', field: 'video.width', request: with_({ video: { width: 2000, height: 720 } }) },
    { name: '1920 × 1920', field: 'video', request: with_({ video: { width: 1920, height: 1920 } }) },
    { name: 'maxIdleSec 4', field: 'output.maxIdleSec', request: with_({ output: { maxIdleSec: 4 } }) },
    {
      name: 'maxIdleSec 86401',
      field: 'output.maxIdleSec',
      request: with_({ output: { maxIdleSec: 86_401 } }),
    },
    {
      name: 'maxDurationSec 299',
      field: 'output.maxDurationSec',
      request: with_({ output: { maxDurationSec: 299 } }),
    },
    {
      name: 'snapshot every 4 s',
      field: 'output.snapshotIntervalSec',
      request: with_({ output: { formats: ['jpg'], snapshotIntervalSec: 4 } }),
    },
    {
      name: '26 regions',
      field: 'layout.regions',
      request: with_({
        participants: undefined,
        layout: {
          regions: Array.from({ length: 26 }, (_, i) => ({
            x: (i % 13) / 13,
            y: i < 13 ? 0 : 0.5,
            width: 1 / 13,
            height: 0.5,
          })),
        },
      }),
    },
    {
      name: 'S3 without region',
      field: 'storage.region',
      request: with_({ storage: { ...storage, region: undefined } }),
    },
  ],
  invalidConfigs: [
    { name: 'missing serverSecret', field: 'serverSecret', config: { appId: FAKE_APP_ID } },
    {
      name: 'serverSecret of 31 chars',
      field: 'serverSecret',
      config: { appId: FAKE_APP_ID, serverSecret: FAKE_SERVER_SECRET.slice(1) },
    },
    {
      name: 'serverSecret not hex',
      field: 'serverSecret',
      config: { appId: FAKE_APP_ID, serverSecret: 'z'.repeat(32) },
    },
    { name: 'appId as a string', field: 'appId', config: { appId: '123', serverSecret: FAKE_SERVER_SECRET } },
    {
      name: 'appId over uint32',
      field: 'appId',
      config: { appId: 2 ** 32, serverSecret: FAKE_SERVER_SECRET },
    },
    {
      name: 'unknown region',
      field: 'region',
      config: { appId: FAKE_APP_ID, serverSecret: FAKE_SERVER_SECRET, region: 'mars' },
    },
  ],
  publishedRateLimit: 50,
});
