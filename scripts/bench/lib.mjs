// Shared helpers of the benchmarks: percentiles and hand-written vendor calls (axios, written from
// the vendor documents, no unirec code) used as the baseline.
import { createHash, randomBytes } from 'node:crypto';
import axios from 'axios';

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export const fmt = (ms) => `${ms.toFixed(1)} ms`;

const STORAGE = { bucket: 'bench-bucket', accessKey: 'bench-access-key', secretKey: 'bench-secret-key' };

/** Agora Cloud Recording by hand: acquire, start (mix), updateLayout, query, stop. */
export async function handWrittenAgora(baseUrl, creds, room) {
  const http = axios.create({
    baseURL: `${baseUrl}/v1/apps/${creds.appId}/cloud_recording`,
    headers: {
      Authorization: `Basic ${Buffer.from(`${creds.customerId}:${creds.customerSecret}`).toString('base64')}`,
      'Content-Type': 'application/json;charset=utf-8',
    },
  });
  const uid = '527841';
  const layout = [
    { uid: '1001', x_axis: 0, y_axis: 0, width: 0.5, height: 1 },
    { uid: '1002', x_axis: 0.5, y_axis: 0, width: 0.5, height: 1 },
  ];
  const { data: acquired } = await http.post('/acquire', { cname: room, uid, clientRequest: {} });
  const rid = acquired.resourceId;
  const { data: started } = await http.post(`/resourceid/${rid}/mode/mix/start`, {
    cname: room,
    uid,
    clientRequest: {
      recordingConfig: {
        channelType: 0,
        streamTypes: 2,
        subscribeAudioUids: ['1001', '1002'],
        subscribeVideoUids: ['1001', '1002'],
        transcodingConfig: {
          width: 1280,
          height: 720,
          fps: 15,
          bitrate: 1500,
          mixedVideoLayout: 3,
          layoutConfig: layout,
        },
      },
      storageConfig: { vendor: 1, region: 0, ...STORAGE },
    },
  });
  const sid = started.sid;
  const path = `/resourceid/${rid}/sid/${sid}/mode/mix`;
  await http.post(`${path}/updateLayout`, {
    cname: room,
    uid,
    clientRequest: {
      mixedVideoLayout: 3,
      layoutConfig: [layout[1], layout[0]].map((l, i) => ({ ...l, x_axis: i * 0.5 })),
    },
  });
  await http.get(`${path}/query`);
  await http.post(`${path}/stop`, { cname: room, uid, clientRequest: {} });
}

function zegoParams(creds, action) {
  const nonce = randomBytes(8).toString('hex');
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHash('md5')
    .update(`${creds.appId}${nonce}${creds.serverSecret}${timestamp}`)
    .digest('hex');
  return {
    Action: action,
    AppId: creds.appId,
    SignatureNonce: nonce,
    Timestamp: timestamp,
    SignatureVersion: '2.0',
    Signature: signature,
  };
}

/**
 * ZEGOCLOUD by hand: StartRecord (mixed), UpdateLayout, DescribeRecordStatus, StopRecord, then
 * DescribeRecordStatus again: StopRecord names no files, so a caller who wants them (what unirec's
 * stop returns) asks for them.
 */
export async function handWrittenZego(baseUrl, creds, room) {
  const http = axios.create({ baseURL: baseUrl, headers: { 'Content-Type': 'application/json' } });
  const call = async (action, body) => {
    const { data } = await http.post('/', body, { params: zegoParams(creds, action) });
    if (data.Code !== 0) throw new Error(`${action}: ${data.Code} ${data.Message}`);
    return data;
  };
  const inputs = [
    { StreamId: '1001', ViewType: 1, Left: 0, Top: 0, Right: 640, Bottom: 720, Layer: 1 },
    { StreamId: '1002', ViewType: 1, Left: 640, Top: 0, Right: 1280, Bottom: 720, Layer: 1 },
  ];
  const started = await call('StartRecord', {
    RoomId: room,
    RecordInputParams: {
      RecordMode: 2,
      StreamType: 3,
      MixConfig: {
        MixMode: 1,
        MixInputList: inputs,
        MixOutputStreamId: `${room}-mix`,
        MixOutputVideoConfig: { Width: 1280, Height: 720, Fps: 15, Bitrate: 1_500_000 },
      },
    },
    RecordOutputParams: { OutputFileFormat: 'mp4' },
    StorageParams: {
      Vendor: 1,
      Region: 'us-east-1',
      Bucket: STORAGE.bucket,
      AccessKeyId: STORAGE.accessKey,
      AccessKeySecret: STORAGE.secretKey,
    },
  });
  const TaskId = started.Data.TaskId;
  await call('UpdateLayout', {
    TaskId,
    MixMode: 1,
    MixInputList: [
      { ...inputs[1], Left: 0, Right: 640 },
      { ...inputs[0], Left: 640, Right: 1280 },
    ],
  });
  await call('DescribeRecordStatus', { TaskId });
  await call('StopRecord', { TaskId });
  await call('DescribeRecordStatus', { TaskId });
}

/** JOCloud by hand: applyrecord, startrecord (mixed), updatemixrecord, queryrecord, stoprecord. */
export async function handWrittenJoCloud(baseUrl, creds, room) {
  let sequence = 0;
  const http = axios.create({
    baseURL: `${baseUrl}/app/${creds.appId}/v1/recordoss`,
    headers: {
      'Content-Type': 'application/json;charset=UTF-8',
      AppID: String(creds.appId),
      Token: `Basic ${Buffer.from(`${creds.restfulId}:${creds.restfulSecret}`).toString('base64')}`,
    },
  });
  const traceId = () => `${Date.now()}${String(++sequence).padStart(4, '0')}${process.pid}`;
  const call = async (method, path, body) => {
    const { data } = await http.request({ method, url: path, data: body, params: { traceId: traceId() } });
    if (data.code !== 0) throw new Error(`${path}: ${data.code} ${data.message}`);
    return data;
  };
  const input = (uid, x) => ({
    uid,
    roomid: room,
    streamtype: 0,
    zOrder: x === 0 ? 0 : 1,
    layoutX: x,
    layoutY: 0,
    layoutW: 640,
    layoutH: 720,
    crop: 1,
  });
  const output = {
    streamtype: 0,
    videowidth: 1280,
    videoheight: 720,
    videobitrate: 1500,
    videofps: 15,
    videogop: 30,
    videoencode: 100,
    audiobitrate: 128,
    audiosample: 48000,
    audiochannel: 2,
    audioformat: 2,
  };
  const { resid } = await call('GET', '/applyrecord');
  const { recordid } = await call('POST', '/startrecord', {
    resid,
    appid: creds.appId,
    roomid: room,
    recordtype: 0,
    streamtype: 1,
    storagecfg: {
      vender: 0,
      endpoint: 'oss-cn-hangzhou.aliyuncs.com',
      bucket: STORAGE.bucket,
      accesskey: STORAGE.accessKey,
      secretkey: STORAGE.secretKey,
    },
    mixconfig: { input: [input('1001', 0), input('1002', 640)], output },
  });
  await call('POST', '/updatemixrecord', {
    resid,
    appid: creds.appId,
    roomid: room,
    recordid,
    mixconfig: { input: [input('1002', 0), input('1001', 640)], output },
  });
  await call('GET', `/queryrecord/${room}/${recordid}`);
  await call('POST', '/stoprecord', { appid: creds.appId, resid, roomid: room, recordid });
}

export function neutralRequest(room) {
  return {
    room,
    mode: 'composite',
    participants: { include: ['1001', '1002'] },
    layout: {
      regions: [
        { participant: '1001', x: 0, y: 0, width: 0.5, height: 1 },
        { participant: '1002', x: 0.5, y: 0, width: 0.5, height: 1 },
      ],
    },
    video: { width: 1280, height: 720, fps: 15, bitrateKbps: 1500 },
    // Alibaba OSS: the storage all three vendors write to.
    storage: { vendor: 'aliyun-oss', region: 'cn-hangzhou', ...STORAGE },
  };
}
