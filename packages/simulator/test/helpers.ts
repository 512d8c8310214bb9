import { createHash, randomBytes } from 'node:crypto';
import {
  createManualClock,
  type ManualClock,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from '../src/index.js';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export async function send(url: string, init: RequestInit = {}): Promise<Reply> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export async function startManual(
  options: SimulatorOptions = {},
): Promise<{ sim: Simulator; clock: ManualClock }> {
  const clock = createManualClock(Date.UTC(2025, 0, 1));
  const sim = await startSimulator({ clock, ...options });
  return { sim, clock };
}

export function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

/** Raw Agora REST calls, built by hand from the documents (no SDK). */
export function agoraClient(sim: Simulator, appId = sim.credentials.agora.appId) {
  const { customerId, customerSecret } = sim.credentials.agora;
  const base = `${sim.url}/v1/apps/${appId}/cloud_recording`;
  const headers = {
    'content-type': 'application/json;charset=utf-8',
    authorization: basicAuth(customerId, customerSecret),
  };
  const post = (path: string, body: unknown, extra: Record<string, string> = {}) =>
    send(`${base}${path}`, { method: 'POST', headers: { ...headers, ...extra }, body: JSON.stringify(body) });
  return {
    base,
    headers,
    post,
    acquire: (cname: string, uid: string, clientRequest: Record<string, unknown> = {}) =>
      post('/acquire', { cname, uid, clientRequest }),
    start: (rid: string, mode: string, body: unknown) => post(`/resourceid/${rid}/mode/${mode}/start`, body),
    update: (rid: string, sid: string, mode: string, body: unknown) =>
      post(`/resourceid/${rid}/sid/${sid}/mode/${mode}/update`, body),
    updateLayout: (rid: string, sid: string, mode: string, body: unknown) =>
      post(`/resourceid/${rid}/sid/${sid}/mode/${mode}/updateLayout`, body),
    query: (rid: string, sid: string, mode: string) =>
      send(`${base}/resourceid/${rid}/sid/${sid}/mode/${mode}/query`, { headers }),
    stop: (rid: string, sid: string, mode: string, body: unknown) =>
      post(`/resourceid/${rid}/sid/${sid}/mode/${mode}/stop`, body),
  };
}

/** acquire + start with a document example body; returns ids. */
export async function acquireAndStart(
  sim: Simulator,
  mode: string,
  body: { cname: string; uid: string; clientRequest: unknown },
  acquireRequest: Record<string, unknown> = {},
) {
  const api = agoraClient(sim);
  const acq = await api.acquire(body.cname, body.uid, acquireRequest);
  if (acq.status !== 200) throw new Error(`acquire failed: ${acq.status} ${acq.text}`);
  const resourceId: string = acq.json.resourceId;
  const started = await api.start(resourceId, mode, body);
  return { api, resourceId, started, sid: started.json?.sid as string };
}

export const clone = <T>(v: T): T => structuredClone(v);

/** One signed ZEGO action over HTTP (md5(AppId + SignatureNonce + ServerSecret + Timestamp)). */
export async function zegoCall(sim: Simulator, action: string, payload: unknown, init: RequestInit = {}) {
  const { appId, serverSecret } = sim.credentials.zego;
  const nonce = randomBytes(8).toString('hex');
  const ts = String(Math.floor(sim.clock.now() / 1000));
  const sig = createHash('md5').update(`${appId}${nonce}${serverSecret}${ts}`).digest('hex');
  const url =
    `${sim.url}/?Action=${action}&AppId=${appId}&SignatureNonce=${nonce}` +
    `&Timestamp=${ts}&Signature=${sig}&SignatureVersion=2.0`;
  return send(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
    ...init,
  });
}

let joTrace = 0;
/** One JOCloud call over HTTP with the documented URL and headers. */
export async function jocloudCall(
  sim: Simulator,
  method: 'GET' | 'POST',
  reqUri: string,
  payload?: unknown,
  init: RequestInit = {},
) {
  const { appId, restfulId, restfulSecret } = sim.credentials.jocloud;
  return send(`${sim.url}/app/${appId}/v1/recordoss/${reqUri}?traceId=h${++joTrace}`, {
    method,
    headers: {
      'content-type': 'application/json;charset=UTF-8',
      appid: String(appId),
      token: basicAuth(restfulId, restfulSecret),
    },
    ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
    ...init,
  });
}
