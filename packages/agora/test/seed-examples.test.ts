import type { StartRecordingRequest } from '@unirec/core/adapter';
import { describe, expect, it } from 'vitest';
import { agoraRequests, bodyOf, offline, provider, runningAgora, useSimulator } from './fixtures.js';
import { AGORA_MODE, convertToAgoraStartRequest } from './internals.js';

/**
 * The request examples of seed 001 (seed 001, "请求示例"), copied
 * verbatim, each expressed as a neutral request. The mapped start body must be equivalent: equal
 * after filling in the fields the seed documents with a default, plus only the extras listed.
 */
offline();

const storage = (accessKey: string): StartRecordingRequest['storage'] => ({
  vendor: 'aliyun-oss',
  region: 'cn-beijing',
  bucket: 'xxxxx',
  accessKey,
  secretKey: 'xxxxx',
  prefix: ['directory1', 'directory2'],
});
const storageConfig = (accessKey: string) => ({
  accessKey,
  region: 3,
  bucket: 'xxxxx',
  secretKey: 'xxxxx',
  vendor: 2,
  fileNamePrefix: ['directory1', 'directory2'],
});
const base = { room: 'httpClient463224', recorderUid: '527841', token: '<token if any>' };

interface Example {
  name: string;
  neutral: StartRecordingRequest;
  clientRequest: Record<string, unknown>;
  mode: 'mix' | 'individual' | 'web';
  scene: number;
  /** fields unirec adds that the example leaves out, with why */
  extras?: Record<string, unknown>;
}

const webService = (extra: Record<string, unknown> = {}) => ({
  serviceName: 'web_recorder_service',
  errorHandlePolicy: 'error_abort',
  serviceParam: {
    url: 'https://xxxxx',
    audioProfile: 0,
    videoWidth: 1280,
    videoHeight: 720,
    maxRecordingHour: 3,
    maxVideoDuration: 200,
    ...extra,
  },
});

const EXAMPLES: Example[] = [
  {
    name: '频道内音视频流录制 (composite)',
    mode: 'mix',
    scene: 0,
    neutral: {
      ...base,
      mode: 'composite',
      media: 'audio+video',
      participants: { include: ['123', '456'] },
      video: { width: 360, height: 640, fps: 15, bitrateKbps: 500 },
      output: { formats: ['hls'], maxIdleSec: 30 },
      storage: storage('xxxxxxf'),
      // Agora's adaptive template and a background without a neutral layout: raw fields.
      vendorOptions: {
        agora: {
          recordingConfig: { transcodingConfig: { mixedVideoLayout: 1, backgroundColor: '#FF0000' } },
        },
      },
    },
    clientRequest: {
      token: '<token if any>',
      recordingConfig: {
        maxIdleTime: 30,
        streamMode: 'default',
        streamTypes: 2,
        channelType: 0,
        transcodingConfig: {
          height: 640,
          width: 360,
          bitrate: 500,
          fps: 15,
          mixedVideoLayout: 1,
          backgroundColor: '#FF0000',
        },
        subscribeVideoUids: ['123', '456'],
        subscribeAudioUids: ['123', '456'],
        subscribeUidGroup: 0,
      },
      recordingFileConfig: { avFileType: ['hls'] },
      storageConfig: storageConfig('xxxxxxf'),
    },
  },
  {
    name: '仅截图 (snapshots only)',
    mode: 'individual',
    scene: 0,
    neutral: {
      ...base,
      mode: 'individual',
      output: { formats: ['jpg'], snapshotIntervalSec: 5, maxIdleSec: 30 },
      storage: storage('xxxxxxf'),
      // The peak number of users is not known to a neutral request without participants.
      vendorOptions: { agora: { recordingConfig: { subscribeUidGroup: 0 } } },
    },
    clientRequest: {
      token: '<token if any>',
      recordingConfig: { maxIdleTime: 30, streamTypes: 2, channelType: 0, subscribeUidGroup: 0 },
      snapshotConfig: { captureInterval: 5, fileType: ['jpg'] },
      storageConfig: storageConfig('xxxxxxf'),
    },
  },
  {
    name: '截图+录制 (snapshots and recording)',
    mode: 'individual',
    scene: 0,
    neutral: {
      ...base,
      mode: 'individual',
      media: 'video',
      output: { formats: ['hls', 'jpg'], snapshotIntervalSec: 5, maxIdleSec: 30 },
      storage: storage('xxxxxxf'),
    },
    clientRequest: {
      token: '<token if any>',
      recordingConfig: { maxIdleTime: 30, streamTypes: 1, channelType: 0 },
      snapshotConfig: { captureInterval: 5, fileType: ['jpg'] },
      recordingFileConfig: { avFileType: ['hls'] },
      storageConfig: storageConfig('xxxxxxf'),
    },
    // seed 001: subscribeUidGroup is required in individual mode; unknown peak → the largest group.
    extras: { 'recordingConfig.subscribeUidGroup': 5 },
  },
  {
    name: '页面录制 (web page)',
    mode: 'web',
    scene: 1,
    neutral: {
      ...base,
      mode: 'web',
      web: { url: 'https://xxxxx', maxDurationSec: 3 * 3600 },
      video: { width: 1280, height: 720 },
      output: { formats: ['hls', 'mp4'] },
      storage: storage('xxxxx'),
      vendorOptions: { agora: { webServiceParam: { maxVideoDuration: 200 } } },
    },
    clientRequest: {
      token: '<token if any>',
      extensionServiceConfig: { errorHandlePolicy: 'error_abort', extensionServices: [webService()] },
      recordingFileConfig: { avFileType: ['hls', 'mp4'] },
      storageConfig: {
        vendor: 2,
        region: 3,
        bucket: 'xxxxx',
        accessKey: 'xxxxx',
        secretKey: 'xxxxx',
        fileNamePrefix: ['directory1', 'directory2'],
      },
    },
  },
  {
    name: '页面录制并推流到 CDN (web page and CDN)',
    mode: 'web',
    scene: 1,
    neutral: {
      ...base,
      mode: 'web',
      web: { url: 'https://xxxxx', maxDurationSec: 3 * 3600 },
      video: { width: 1280, height: 720 },
      output: { formats: ['hls', 'mp4'] },
      storage: storage('xxxxx'),
      vendorOptions: { agora: { webServiceParam: { maxVideoDuration: 200 }, rtmpUrl: 'rtmp://xxx' } },
    },
    clientRequest: {
      token: '<token if any>',
      extensionServiceConfig: {
        extensionServices: [
          webService(),
          {
            serviceName: 'rtmp_publish_service',
            errorHandlePolicy: 'error_ignore',
            serviceParam: { outputs: [{ rtmpUrl: 'rtmp://xxx' }] },
          },
        ],
      },
      recordingFileConfig: { avFileType: ['hls', 'mp4'] },
      storageConfig: {
        vendor: 2,
        region: 3,
        bucket: 'xxxxx',
        accessKey: 'xxxxx',
        secretKey: 'xxxxx',
        fileNamePrefix: ['directory1', 'directory2'],
      },
    },
  },
  {
    name: '单流音频不转码录制 (audio, not transcoded)',
    mode: 'individual',
    scene: 0,
    neutral: {
      ...base,
      mode: 'individual',
      media: 'audio',
      participants: { include: ['123', '456'] },
      output: { maxIdleSec: 30 },
      storage: storage('xxxxx'),
      vendorOptions: { agora: { recordingConfig: { streamMode: 'original', videoStreamType: 0 } } },
    },
    clientRequest: {
      token: '<token if any>',
      recordingConfig: {
        maxIdleTime: 30,
        streamTypes: 0,
        streamMode: 'original',
        channelType: 0,
        videoStreamType: 0,
        subscribeAudioUids: ['123', '456'],
        subscribeUidGroup: 0,
      },
      storageConfig: {
        accessKey: 'xxxxx',
        region: 3,
        bucket: 'xxxxx',
        secretKey: 'xxxxx',
        vendor: 2,
        fileNamePrefix: ['directory1', 'directory2'],
      },
    },
  },
  {
    name: '单流音频不转码录制+延时混音 (audio, postponed mixing)',
    mode: 'individual',
    scene: 2,
    neutral: {
      ...base,
      mode: 'individual',
      media: 'audio',
      participants: { include: ['123', '456'] },
      output: { maxIdleSec: 30 },
      storage: storage('xxxxx'),
      vendorOptions: {
        agora: {
          appsCollection: { combinationPolicy: 'postpone_transcoding' },
          recordingConfig: { streamMode: 'original', videoStreamType: 0 },
          transcodeOptions: {
            container: { format: 'm4a' },
            transConfig: { transMode: 'audioMix' },
            audio: { sampleRate: 'xxxx', bitrate: 'xxxx', channels: 'xxxx' },
          },
        },
      },
    },
    clientRequest: {
      appsCollection: { combinationPolicy: 'postpone_transcoding' },
      token: '<token if any>',
      recordingConfig: {
        maxIdleTime: 30,
        streamTypes: 0,
        streamMode: 'original',
        channelType: 0,
        videoStreamType: 0,
        subscribeAudioUids: ['123', '456'],
        subscribeUidGroup: 0,
      },
      transcodeOptions: {
        container: { format: 'm4a' },
        transConfig: { transMode: 'audioMix' },
        audio: { sampleRate: 'xxxx', bitrate: 'xxxx', channels: 'xxxx' },
      },
      storageConfig: {
        accessKey: 'xxxxx',
        region: 3,
        bucket: 'xxxxx',
        secretKey: 'xxxxx',
        vendor: 2,
        fileNamePrefix: ['directory1', 'directory2'],
      },
    },
  },
  {
    name: '单流录制延时转码 (postponed transcoding)',
    mode: 'individual',
    scene: 2,
    neutral: {
      ...base,
      mode: 'individual',
      participants: { include: ['123', '456'] },
      output: { maxIdleSec: 30 },
      storage: storage('xxxxxxf'),
      vendorOptions: {
        agora: {
          appsCollection: { combinationPolicy: 'postpone_transcoding' },
          recordingConfig: { videoStreamType: 1 },
        },
      },
    },
    clientRequest: {
      token: '<token if any>',
      appsCollection: { combinationPolicy: 'postpone_transcoding' },
      recordingConfig: {
        maxIdleTime: 30,
        streamTypes: 2,
        channelType: 0,
        videoStreamType: 1,
        subscribeVideoUids: ['123', '456'],
        subscribeAudioUids: ['123', '456'],
        subscribeUidGroup: 0,
      },
      storageConfig: storageConfig('xxxxxxf'),
    },
  },
];

/** Fields seed 001 documents with a default: absent and default are the same request. */
const DOCUMENTED_DEFAULTS: Record<string, unknown> = {
  'recordingConfig.channelType': 0,
  'recordingConfig.streamTypes': 2,
  'recordingConfig.streamMode': 'default',
  'recordingConfig.maxIdleTime': 30,
  'recordingConfig.videoStreamType': 0,
  'extensionServiceConfig.errorHandlePolicy': 'error_abort',
};

function withDefaults(
  clientRequest: Record<string, unknown>,
  extras: Record<string, unknown> = {},
): Record<string, any> {
  const copy = structuredClone(clientRequest) as Record<string, any>;
  for (const [path, value] of Object.entries({ ...DOCUMENTED_DEFAULTS, ...extras })) {
    const [head, key] = path.split('.') as [string, string];
    if (copy[head] && copy[head][key] === undefined) copy[head][key] = value;
  }
  return copy;
}

describe('seed 001 request examples, expressed as neutral requests', () => {
  for (const example of EXAMPLES) {
    it(`${example.name}: mapped body is equivalent (pure mapping)`, () => {
      const plan = convertToAgoraStartRequest(example.neutral, {
        uid: example.neutral.recorderUid!,
        strict: true,
      });
      expect(plan.mode).toBe(example.mode);
      expect(plan.start.cname).toBe('httpClient463224');
      expect(plan.start.uid).toBe('527841');
      expect(withDefaults(plan.start.clientRequest)).toEqual(
        withDefaults(example.clientRequest, example.extras),
      );
      expect(plan.acquire).toEqual({
        cname: 'httpClient463224',
        uid: '527841',
        clientRequest: { scene: example.scene },
      });
      expect(plan.warnings).toEqual([]);
    });
  }
});

/**
 * On the wire the seed's own placeholders ("xxxx" in transcodeOptions.audio) are filled with the
 * values seed 001 documents as defaults (sampleRate 48000, bitrate 48000, channels 2): the strict
 * simulator, like Agora, accepts only documented values.
 */
const SEED_DEFAULTS: Record<string, string> = { sampleRate: '48000', bitrate: '48000', channels: '2' };
function filled<T>(value: T): T {
  const copy = structuredClone(value) as unknown;
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    for (const [key, v] of Object.entries(node)) {
      if (v === 'xxxx' && SEED_DEFAULTS[key]) (node as Record<string, unknown>)[key] = SEED_DEFAULTS[key];
      else walk(v);
    }
  };
  walk(copy);
  return copy as T;
}

describe('seed 001 request examples on the wire (simulator)', () => {
  const sim = useSimulator();

  for (const example of EXAMPLES) {
    it(`${example.name}: acquire then start on the documented paths; Agora accepts it`, async () => {
      const session = await provider(sim()).start(filled(example.neutral));
      expect(session.warnings).toEqual([]);
      const log = agoraRequests(sim());
      expect(log.map((r) => `${r.operation} ${r.status}`)).toEqual(['acquire 200', 'start 200']);
      const [acquire, start] = log;
      const { resourceId } = acquire!.response as { resourceId: string };
      expect(acquire!.path).toMatch(/^\/v1\/apps\/[^/]+\/cloud_recording\/acquire$/);
      expect(start!.path).toMatch(new RegExp(`/resourceid/${resourceId}/mode/${example.mode}/start$`));
      expect(bodyOf(acquire).clientRequest.scene).toBe(example.scene);
      expect(bodyOf(start).cname).toBe('httpClient463224');
      expect(bodyOf(start).uid).toBe('527841');
      expect(withDefaults(bodyOf(start).clientRequest)).toEqual(
        withDefaults(filled(example.clientRequest), example.extras),
      );
      const [running] = runningAgora(sim());
      expect(running).toMatchObject({
        id: session.sessionId,
        ids: { mode: AGORA_MODE[example.neutral.mode], uid: '527841' },
      });
    });
  }
});
