/**
 * Request examples from the Agora documents.
 *
 * SEED_001_START_EXAMPLES: every `start` example of seed 001 (Chinese `start` reference), verbatim, keyed by
 * section. The delayed-mixing example keeps its `"xxxx"` placeholders; the test substitutes documented values.
 *
 * SEED_000_EXAMPLES: the request bodies of seed 000 (English OpenAPI export). The export is not valid JSON
 * (missing commas, `uid: ""`, `backgroundColor = 0xFF000000;`, a missing `"recordingFileConfig": {` key, a
 * stray `VideoStreamType` line); each is repaired minimally, and each repair is noted next to it.
 */
export const SEED_001_START_EXAMPLES = {
  /** 频道内音视频流录制 */
  composite: {
    mode: 'mix',
    body: {
      uid: '527841',
      cname: 'httpClient463224',
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
        recordingFileConfig: {
          avFileType: ['hls'],
        },
        storageConfig: {
          accessKey: 'xxxxxxf',
          region: 3,
          bucket: 'xxxxx',
          secretKey: 'xxxxx',
          vendor: 2,
          fileNamePrefix: ['directory1', 'directory2'],
        },
      },
    },
  },
  /** 仅截图 */
  snapshotOnly: {
    mode: 'individual',
    body: {
      uid: '527841',
      cname: 'httpClient463224',
      clientRequest: {
        token: '<token if any>',
        recordingConfig: {
          maxIdleTime: 30,
          streamTypes: 2,
          channelType: 0,
          subscribeUidGroup: 0,
        },
        snapshotConfig: {
          captureInterval: 5,
          fileType: ['jpg'],
        },
        storageConfig: {
          accessKey: 'xxxxxxf',
          region: 3,
          bucket: 'xxxxx',
          secretKey: 'xxxxx',
          vendor: 2,
          fileNamePrefix: ['directory1', 'directory2'],
        },
      },
    },
  },
  /** 截图+录制 */
  snapshotAndRecord: {
    mode: 'individual',
    body: {
      uid: '527841',
      cname: 'httpClient463224',
      clientRequest: {
        token: '<token if any>',
        recordingConfig: {
          maxIdleTime: 30,
          streamTypes: 1,
          channelType: 0,
        },
        snapshotConfig: {
          captureInterval: 5,
          fileType: ['jpg'],
        },
        recordingFileConfig: {
          avFileType: ['hls'],
        },
        storageConfig: {
          accessKey: 'xxxxxxf',
          region: 3,
          bucket: 'xxxxx',
          secretKey: 'xxxxx',
          vendor: 2,
          fileNamePrefix: ['directory1', 'directory2'],
        },
      },
    },
  },
  /** 页面录制 */
  webPage: {
    mode: 'web',
    body: {
      cname: 'httpClient463224',
      uid: '527841',
      clientRequest: {
        token: '<token if any>',
        extensionServiceConfig: {
          errorHandlePolicy: 'error_abort',
          extensionServices: [
            {
              serviceName: 'web_recorder_service',
              errorHandlePolicy: 'error_abort',
              serviceParam: {
                url: 'https://xxxxx',
                audioProfile: 0,
                videoWidth: 1280,
                videoHeight: 720,
                maxRecordingHour: 3,
                maxVideoDuration: 200,
              },
            },
          ],
        },
        recordingFileConfig: {
          avFileType: ['hls', 'mp4'],
        },
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
  },
  /** 页面录制并推流到 CDN */
  webPageCdn: {
    mode: 'web',
    body: {
      cname: 'httpClient463224',
      uid: '527841',
      clientRequest: {
        token: '<token if any>',
        extensionServiceConfig: {
          extensionServices: [
            {
              serviceName: 'web_recorder_service',
              errorHandlePolicy: 'error_abort',
              serviceParam: {
                url: 'https://xxxxx',
                audioProfile: 0,
                videoWidth: 1280,
                videoHeight: 720,
                maxRecordingHour: 3,
                maxVideoDuration: 200,
              },
            },
            {
              serviceName: 'rtmp_publish_service',
              errorHandlePolicy: 'error_ignore',
              serviceParam: {
                outputs: [
                  {
                    rtmpUrl: 'rtmp://xxx',
                  },
                ],
              },
            },
          ],
        },
        recordingFileConfig: {
          avFileType: ['hls', 'mp4'],
        },
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
  },
  /** 单流音频不转码录制 */
  audioNonTranscoding: {
    mode: 'individual',
    body: {
      uid: '527841',
      cname: 'httpClient463224',
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
  },
  /** 单流音频不转码录制+延时混音 */
  audioPostponedMixing: {
    mode: 'individual',
    body: {
      uid: '527841',
      cname: 'httpClient463224',
      clientRequest: {
        appsCollection: {
          combinationPolicy: 'postpone_transcoding',
        },
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
          container: {
            format: 'm4a',
          },
          transConfig: {
            transMode: 'audioMix',
          },
          audio: {
            sampleRate: 'xxxx',
            bitrate: 'xxxx',
            channels: 'xxxx',
          },
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
  },
  /** 单流录制延时转码 */
  postponedTranscoding: {
    mode: 'individual',
    body: {
      uid: '527841',
      cname: 'httpClient463224',
      clientRequest: {
        token: '<token if any>',
        appsCollection: {
          combinationPolicy: 'postpone_transcoding',
        },
        recordingConfig: {
          maxIdleTime: 30,
          streamTypes: 2,
          channelType: 0,
          videoStreamType: 1,
          subscribeVideoUids: ['123', '456'],
          subscribeAudioUids: ['123', '456'],
          subscribeUidGroup: 0,
        },
        storageConfig: {
          accessKey: 'xxxxxxf',
          region: 3,
          bucket: 'xxxxx',
          secretKey: 'xxxxx',
          vendor: 2,
          fileNamePrefix: ['directory1', 'directory2'],
        },
      },
    },
  },
} as const;

export const SEED_000_EXAMPLES = {
  /** acquire "Request body" (repair: comma after cname) */
  acquire: {
    cname: 'httpClient463224',
    uid: '527841',
    clientRequest: { scene: 0, resourceExpiredHour: 24 },
  },
  /**
   * start "Request body" (repairs: commas; the stray `VideoStreamType` line dropped; the prose line
   * "You cannot set both recordingFileConfig and snapshotConfig…" restored as the `recordingFileConfig` key;
   * storage `vendor: 0, region: 0` (no such vendor in the seed's own vendor table) replaced by 1 / 0, Amazon S3
   * us-east-1). It subscribes with subscribeUidGroup, so it is replayed in individual mode.
   */
  start: {
    mode: 'individual',
    body: {
      cname: 'httpClient463224',
      uid: '527841',
      clientRequest: {
        recordingConfig: {
          channelType: 1,
          streamTypes: 2,
          streamMode: 'default',
          maxIdleTime: 30,
          subscribeAudioUids: ['123', '456'],
          subscribeVideoUids: ['123', '456'],
          subscribeUidGroup: 0,
        },
        recordingFileConfig: { avFileType: ['hls'] },
        storageConfig: {
          vendor: 1,
          region: 0,
          bucket: 'xxxxx',
          accessKey: 'xxxxx',
          secretKey: 'xxxxx',
          fileNamePrefix: ['directory1', 'directory2'],
        },
      },
    },
  },
  /** update "Request body" (repair: comma after cname) */
  update: {
    cname: 'httpClient463224',
    uid: '527841',
    clientRequest: {
      streamSubscribe: {
        audioUidList: { subscribeAudioUids: ['#allstream#'] },
        videoUidList: { unSubscribeVideoUids: ['444', '555', '666'] },
      },
    },
  },
  /**
   * updateLayout "Request body" (repairs: comma after cname; `backgroundColor = 0xFF000000;` written as the
   * documented "#RRGGBB" string "#FF0000"; unquoted `uid: ""` keys quoted).
   */
  updateLayout: {
    cname: 'httpClient463224',
    uid: '527841',
    clientRequest: {
      mixedVideoLayout: 3,
      backgroundColor: '#FF0000',
      layoutConfig: [
        { uid: '', x_axis: 0.1, y_axis: 0.1, width: 0.1, height: 0.1, alpha: 1, render_mode: 1 },
        { uid: '', x_axis: 0.2, y_axis: 0.2, width: 0.1, height: 0.1, alpha: 1, render_mode: 1 },
      ],
    },
  },
  /** stop "Request body" (repair: comma after cname) */
  stop: { cname: 'httpClient463224', uid: '527841', clientRequest: { async_stop: false } },
} as const;
