import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimResponse } from './types.js';

export interface ReadBodyResult {
  body: Buffer;
  tooLarge: boolean;
}

/**
 * Read a request body, keeping at most `maxBytes`. An oversized body is drained (not stored) so the
 * client can still read the 413; a client that keeps pushing far beyond the cap is cut off.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<ReadBodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let tooLarge = false;
    let settled = false;
    const drainLimit = Math.max(maxBytes * 8, 8 * 1024 * 1024);
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
        if (total > drainLimit) {
          settled = true;
          req.destroy();
          reject(new Error('request body far over the limit'));
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      resolve({ body: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks, total), tooLarge });
    });
    req.on('error', (err) => {
      if (settled) return;
      settled = true;
      reject(err);
    });
    req.on('close', () => {
      if (settled) return;
      settled = true;
      reject(new Error('client closed the connection before the body was complete'));
    });
  });
}

export function encodeBody(response: SimResponse): { payload: Buffer; contentType: string } {
  const { body } = response;
  if (typeof body === 'string')
    return { payload: Buffer.from(body, 'utf8'), contentType: 'text/plain; charset=utf-8' };
  if (body instanceof Uint8Array)
    return { payload: Buffer.from(body), contentType: 'application/octet-stream' };
  if (body === undefined) return { payload: Buffer.alloc(0), contentType: 'application/json; charset=utf-8' };
  return {
    payload: Buffer.from(JSON.stringify(body), 'utf8'),
    contentType: 'application/json; charset=utf-8',
  };
}

export function writeResponse(res: ServerResponse, response: SimResponse): void {
  if (res.headersSent || res.destroyed) return;
  const { payload, contentType } = encodeBody(response);
  const headers: Record<string, string | number> = { 'content-type': contentType };
  for (const [name, value] of Object.entries(response.headers ?? {})) headers[name.toLowerCase()] = value;
  headers['content-length'] = payload.length;
  try {
    res.writeHead(response.status, headers);
    res.end(payload);
  } catch {
    // A header value the emulator built badly, or a socket that vanished: never crash the server.
    if (!res.headersSent) {
      res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end('{"message":"simulator could not encode the response"}');
    }
  }
}

/** For the request log: JSON when it parses, else text; big bodies are summarised to bound memory. */
export function bodyForLog(raw: Buffer, limit = 16 * 1024): unknown {
  if (raw.length === 0) return undefined;
  if (raw.length > limit) return `<${raw.length} bytes>`;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function queryRecord(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of url.searchParams) out[k] = v;
  return out;
}
