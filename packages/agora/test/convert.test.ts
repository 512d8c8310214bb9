import { type StartRecordingRequest, UnsupportedFeatureError, ValidationError } from '@unirec/core/adapter';
import { describe, expect, it } from 'vitest';
import { convertToAgoraStartRequest, subscribeUidGroup } from './internals.js';
import { compositeRequest, individualRequest, storage, webRequest } from './fixtures.js';

const plan = (request: StartRecordingRequest, strict = false) =>
  convertToAgoraStartRequest(request, { uid: '4242', strict });
const client = (request: StartRecordingRequest) => plan(request).start.clientRequest as Record<string, any>;
const features = (request: StartRecordingRequest) => plan(request).warnings.map((w) => w.feature);
const fails = (request: StartRecordingRequest) => {
  try {
    plan(request);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
};

describe('modes, media and participants', () => {
  it.each([
    ['composite', 'mix'],
    ['individual', 'individual'],
    ['web', 'web'],
  ] as const)('%s → path mode %s', (mode, agora) => {
    const request =
      mode === 'web' ? webRequest() : mode === 'composite' ? compositeRequest() : individualRequest();
    expect(plan(request).mode).toBe(agora);
  });

  it.each([
    ['audio', 0, ['subscribeAudioUids']],
    ['video', 1, ['subscribeVideoUids']],
    ['audio+video', 2, ['subscribeAudioUids', 'subscribeVideoUids']],
  ] as const)(
    'media %s → streamTypes %i and only the matching subscribe lists',
    (media, streamTypes, lists) => {
      const config = client({ ...individualRequest(), media }).recordingConfig;
      expect(config.streamTypes).toBe(streamTypes);
      const present = ['subscribeAudioUids', 'subscribeVideoUids'].filter((k) => config[k] !== undefined);
      expect(present).toEqual(lists);
    },
  );

  it('exclude → unSubscribe… lists (the spelling of seed 001 and Agora’s REST clients)', () => {
    const config = client({ ...individualRequest(), participants: { exclude: ['5', '6'] } }).recordingConfig;
    expect(config.unSubscribeAudioUids).toEqual(['5', '6']);
    expect(config.unSubscribeVideoUids).toEqual(['5', '6']);
    expect(config.subscribeAudioUids).toBeUndefined();
    expect(config.subscribeUidGroup).toBe(5);
  });

  it.each([
    [1, 0],
    [2, 0],
    [3, 1],
    [7, 1],
    [8, 2],
    [12, 2],
    [13, 3],
    [17, 3],
    [18, 4],
    [32, 4],
  ])('%i subscribed uids → subscribeUidGroup %i (seed 001 groups)', (count, group) => {
    expect(subscribeUidGroup(count)).toBe(group);
    const include = Array.from({ length: count }, (_, i) => String(i + 1));
    expect(
      client({ ...individualRequest(), participants: { include } }).recordingConfig.subscribeUidGroup,
    ).toBe(group);
  });

  it('web mode has no recordingConfig; channelType 0 elsewhere', () => {
    expect(client(webRequest()).recordingConfig).toBeUndefined();
    expect(client(compositeRequest()).recordingConfig.channelType).toBe(0);
  });
});

describe('video and audio', () => {
  it('composite video → transcodingConfig width/height/fps/bitrate', () => {
    const config = client({
      ...compositeRequest(),
      video: { width: 1920, height: 1080, fps: 30, bitrateKbps: 2260 },
    }).recordingConfig;
    expect(config.transcodingConfig).toMatchObject({ width: 1920, height: 1080, fps: 30, bitrate: 2260 });
  });

  it('limits name the numbers: 1920 × 1200 is over 1920 × 1080', () => {
    const error = fails({ ...compositeRequest(), video: { width: 1920, height: 1200 } });
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain('1920 × 1080');
    expect(error.message).toContain('2304000');
  });

  it('individual mode ignores video and audio settings, with warnings', () => {
    expect(
      features({ ...individualRequest(), video: { width: 640, height: 360 }, audio: { channels: 2 } }),
    ).toEqual(['video', 'audio']);
  });

  it.each([
    [{}, 0, []],
    [{ bitrateKbps: 48 }, 0, []],
    [{ bitrateKbps: 128 }, 1, []],
    [{ channels: 2 }, 2, []],
    [{ channels: 2, bitrateKbps: 192, sampleRateHz: 48000 }, 2, []],
    [{ bitrateKbps: 64 }, 1, ['audio.bitrateKbps']],
    [{ bitrateKbps: 256 }, 2, ['audio.bitrateKbps']],
    [{ sampleRateHz: 44100 }, 0, ['audio.sampleRateHz']],
    [{ channels: 1, bitrateKbps: 192 }, 1, ['audio.bitrateKbps']],
  ] as const)('audio %j → audioProfile %i', (audio, profile, warned) => {
    const request = { ...compositeRequest(), audio };
    expect(client(request).recordingConfig.audioProfile).toBe(profile);
    expect(features(request)).toEqual(warned);
  });
});

describe('output formats', () => {
  it('composite mp4 alone → ["hls","mp4"] with a warning; strict → UnsupportedFeatureError', () => {
    const request = { ...compositeRequest(), output: { formats: ['mp4'] as Array<'mp4'> } };
    expect(client(request).recordingFileConfig).toEqual({ avFileType: ['hls', 'mp4'] });
    expect(features(request)).toEqual(['output.formats']);
    expect(() => plan(request, true)).toThrow(UnsupportedFeatureError);
  });

  it('no formats → no recordingFileConfig (Agora default hls)', () => {
    expect(client({ ...compositeRequest(), output: undefined }).recordingFileConfig).toBeUndefined();
  });

  it('jpg in individual mode → snapshotConfig; alone it sets no recordingFileConfig', () => {
    const body = client({ ...individualRequest(), output: { formats: ['jpg'] } });
    expect(body.snapshotConfig).toEqual({ fileType: ['jpg'] });
    expect(body.recordingFileConfig).toBeUndefined();
  });

  it('jpg with media audio → ValidationError (snapshots need video)', () => {
    expect(fails({ ...individualRequest(), media: 'audio', output: { formats: ['jpg'] } })).toBeInstanceOf(
      ValidationError,
    );
  });

  it('maxIdleSec → maxIdleTime within [5, 2592000]', () => {
    expect(
      client({ ...compositeRequest(), output: { maxIdleSec: 2_592_000 } }).recordingConfig.maxIdleTime,
    ).toBe(2_592_000);
    expect(fails({ ...compositeRequest(), output: { maxIdleSec: 2_592_001 } }).message).toContain(
      '[5, 2592000]',
    );
  });
});

describe('web page recording', () => {
  it('defaults: 1280 × 720, audioProfile 0, 72 h; acquire scene 1', () => {
    const p = plan(webRequest());
    const service = (p.start.clientRequest.extensionServiceConfig as any).extensionServices[0];
    expect(service.serviceParam).toEqual({
      url: 'https://example.com/board',
      audioProfile: 0,
      videoWidth: 1280,
      videoHeight: 720,
      maxRecordingHour: 72,
    });
    expect(p.acquire.clientRequest).toEqual({ scene: 1 });
    expect(p.start.clientRequest.recordingFileConfig).toEqual({ avFileType: ['hls', 'mp4'] });
  });

  it('web page recording writes hls and mp4 together (seed 000): asking for one of them is a warning', () => {
    for (const formats of [['hls'], ['mp4']] as Array<Array<'hls' | 'mp4'>>) {
      const request = { ...webRequest(), output: { formats } };
      expect(client(request).recordingFileConfig).toEqual({ avFileType: ['hls', 'mp4'] });
      expect(features(request)).toEqual(['output.formats']);
    }
  });

  it('video, fps, bitrate and audio go to serviceParam', () => {
    const request = {
      ...webRequest(),
      video: { width: 1920, height: 1080, fps: 30, bitrateKbps: 4000 },
      audio: { channels: 2 as const },
    };
    const param = (client(request).extensionServiceConfig as any).extensionServices[0].serviceParam;
    expect(param).toMatchObject({
      videoWidth: 1920,
      videoHeight: 1080,
      videoFps: 30,
      videoBitrate: 4000,
      audioProfile: 2,
    });
  });

  it('maxDurationSec is rounded up to whole hours (warning); long recordings extend resourceExpiredHour', () => {
    const request = { ...webRequest(), web: { url: 'https://example.com', maxDurationSec: 100 * 3600 - 60 } };
    const p = plan(request);
    expect(
      (p.start.clientRequest.extensionServiceConfig as any).extensionServices[0].serviceParam
        .maxRecordingHour,
    ).toBe(100);
    expect(p.acquire.clientRequest).toEqual({ scene: 1, resourceExpiredHour: 100 });
    expect(p.warnings.map((w) => w.feature)).toEqual(['web.maxDurationSec']);
    expect(
      fails({ ...webRequest(), web: { url: 'https://example.com', maxDurationSec: 721 * 3600 } }).message,
    ).toContain('[1, 2592000]');
  });

  it('bitrate and fps outside the seed ranges → ValidationError', () => {
    const error = fails({ ...webRequest(), video: { width: 1280, height: 720, fps: 4, bitrateKbps: 9000 } });
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['video.fps', 'video.bitrateKbps']);
  });

  it("the page's audio cannot be left out: a warning", () => {
    expect(features({ ...webRequest(), web: { url: 'https://example.com', audio: false } })).toEqual([
      'web.audio',
    ]);
  });
});

describe('callbackUrl, token, vendorOptions', () => {
  it('callbackUrl: Agora has none per request → a warning pointing at NCS (strict: error)', () => {
    const request = { ...compositeRequest(), callbackUrl: 'https://hooks.example.com/agora' };
    expect(features(request)).toEqual(['callbackUrl']);
    expect(plan(request).warnings[0]!.message).toContain('NCS');
    expect(() => plan(request, true)).toThrow(UnsupportedFeatureError);
  });

  it('token goes to clientRequest.token and into the secrets to scrub', () => {
    const p = plan(compositeRequest());
    expect(p.start.clientRequest.token).toBe(compositeRequest().token);
    expect(p.secrets).toEqual(
      expect.arrayContaining([compositeRequest().token, storage().accessKey, storage().secretKey]),
    );
  });

  it('vendorOptions.agora: acquire and start sub-keys, shorthand keys merged into start first', () => {
    const request: StartRecordingRequest = {
      ...compositeRequest(),
      vendorOptions: {
        agora: {
          acquire: { resourceExpiredHour: 24, region: 'NA' },
          recordingConfig: { channelType: 1, videoStreamType: 1 },
          start: { recordingConfig: { channelType: 0 } },
          storageConfig: { extensionParams: { sse: 'kms' } },
        },
      },
    };
    const p = plan(request);
    expect(p.acquire.clientRequest).toEqual({ scene: 0, resourceExpiredHour: 24, region: 'NA' });
    const config = p.start.clientRequest.recordingConfig as any;
    expect(config.channelType).toBe(0);
    expect(config.videoStreamType).toBe(1);
    expect(config.transcodingConfig.width).toBe(1280);
    expect((p.start.clientRequest.storageConfig as any).extensionParams).toEqual({ sse: 'kms' });
  });

  it('postponed transcoding in vendorOptions → acquire scene 2', () => {
    const request = {
      ...individualRequest(),
      vendorOptions: { agora: { appsCollection: { combinationPolicy: 'postpone_transcoding' } } },
    };
    expect(plan(request).acquire.clientRequest.scene).toBe(2);
  });

  it('malformed vendorOptions → ValidationError naming the key', () => {
    const error = fails({ ...webRequest(), vendorOptions: { agora: { acquire: 5, rtmpUrl: 'http://x' } } });
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual([
      'vendorOptions.agora.acquire',
      'vendorOptions.agora.rtmpUrl',
    ]);
  });
});
