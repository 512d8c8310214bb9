/**
 * JOCloud request plumbing: the /app/{appid}/v1/recordoss/{reqUri} route, the AppID + Token (Basic
 * base64(restfulId:restfulSecret)) check, and the `{code, message, …, traceId}` answer (seed 003).
 */
import { timingSafeEqual } from 'node:crypto';
import type { SimContext, SimRequest, SimResponse } from '../types.js';
import {
  JOCLOUD_CODES,
  JOCLOUD_HTTP_STATUS,
  JOCLOUD_MESSAGES,
  JOCLOUD_OPERATIONS,
  type JoCloudOperation,
} from './jocloud-constants.js';

export const PATH = /^\/app\/([^/]*)\/v1\/recordoss\/(.*)$/;

export interface Route {
  appid: string;
  op: JoCloudOperation;
  params: string[];
}

export function routeOf(req: SimRequest): Route | undefined {
  const m = PATH.exec(req.url.pathname);
  if (!m) return undefined;
  let segments: string[];
  try {
    segments = (m[2] ?? '').split('/').map(decodeURIComponent);
  } catch {
    return undefined; // malformed %-escape
  }
  const [op = '', ...params] = segments;
  if (!Object.hasOwn(JOCLOUD_OPERATIONS, op)) return undefined;
  const expected = op === 'queryrecord' ? 2 : 0;
  if (params.length !== expected || params.some((p) => p === '')) return undefined;
  return { appid: m[1] ?? '', op: op as JoCloudOperation, params };
}

export const header = (req: SimRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export type Reply = { code: number; message?: string; extra?: Record<string, unknown> };
export const invalid = (message: string): Reply => ({
  code: JOCLOUD_CODES.INVALID_PARAMETER,
  message: `invalid parameter: ${message}`,
});

/** The `?traceId=` of the URL ("for tracing each API call"); '' when the caller sent none. */
export function traceIdOf(req: SimRequest): string {
  return req.url.searchParams.get('traceId') ?? '';
}

/**
 * "Content-Type:application/json;charset=UTF-8": a request with a body must be JSON; a charset, when
 * given, must be UTF-8. Requests without a body (GET) are not checked.
 */
export function contentTypeViolation(req: SimRequest): string | null {
  const type = (header(req, 'content-type') ?? '').trim();
  const [media = '', ...params] = type.split(';').map((p) => p.trim());
  if (media.toLowerCase() !== 'application/json')
    return 'Content-Type must be application/json;charset=UTF-8';
  for (const p of params) {
    const [name = '', value = ''] = p.split('=').map((x) => x.trim().replace(/^"|"$/g, ''));
    if (name.toLowerCase() === 'charset' && value.toLowerCase() !== 'utf-8')
      return 'Content-Type charset must be UTF-8';
  }
  return null;
}

export function respond(traceId: string, { code, message, extra }: Reply): SimResponse {
  return {
    status: JOCLOUD_HTTP_STATUS[code] ?? 200,
    headers: { 'content-type': 'application/json;charset=UTF-8' },
    body: { code, message: message ?? JOCLOUD_MESSAGES[code] ?? 'error', ...extra, traceId },
  };
}

/** Checks Token, AppID header and path appid; null when authentic. */
export function checkAuth(
  req: SimRequest,
  route: Route,
  creds: SimContext['credentials']['jocloud'],
): Reply | null {
  const token = header(req, 'token');
  if (!token) return { code: JOCLOUD_CODES.NO_TOKEN };
  const appHeader = header(req, 'appid');
  if (!appHeader)
    return { code: JOCLOUD_CODES.NO_APPID, message: 'No application ID: AppID header is missing' };
  const m = /^Basic\s+(\S+)$/i.exec(token.trim());
  const decoded = m?.[1] ? Buffer.from(m[1], 'base64').toString('utf8') : '';
  if (!sameText(decoded, `${creds.restfulId}:${creds.restfulSecret}`))
    return { code: JOCLOUD_CODES.INVALID_TOKEN };
  const appId = String(creds.appId);
  if (route.appid !== appId || appHeader.trim() !== appId) {
    return {
      code: JOCLOUD_CODES.NO_APPID,
      message: `No application ID: appid '${route.appid}' is not this application`,
    };
  }
  return null;
}
