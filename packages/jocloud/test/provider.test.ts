import {
  AuthenticationError,
  NotFoundError,
  type StartRecordingRequest,
  UnsupportedFeatureError,
  ValidationError,
  VendorError,
  waitForState,
} from '@unirec/core/adapter';
import { startSimulator } from '@unirec/simulator';
import { describe, expect, it } from 'vitest';
import { conformanceComposite, conformanceIndividual } from './fixtures.js';
import { JOCLOUD_TRACE_ID_PATTERN, createJoCloudProvider } from './internals.js';
import { SEED_BODY, seedRequest } from './seed-003.js';
import { decodeHandle, useJoCloudSimulator } from './simulator-helpers.js';

/** The provider against @unirec/simulator's JOCloud emulator: requests on the wire, lifecycle, codes. */

const { sim: simulator, provider, requests, operations, fault } = useJoCloudSimulator();
const decode = decodeHandle;

describe('requests on the wire', () => {
  it('AppID and Basic Token headers, JSON content type, a fresh 27-digit traceId per request and per attempt', async () => {
    const p = provider();
    const session = await p.start(conformanceComposite());
    simulator().injectFault({ vendor: 'jocloud', operation: 'queryrecord', kind: 'http-5xx' });
    await p.query(session);
    await p.stop(session);
    expect(operations()).toEqual([
      'GET applyrecord 200',
      'POST startrecord 200',
      'GET queryrecord 503',
      'GET queryrecord 200',
      'POST stoprecord 200',
    ]);
    const { appId, restfulId, restfulSecret } = simulator().credentials.jocloud;
    const token = `Basic ${Buffer.from(`${restfulId}:${restfulSecret}`).toString('base64')}`;
    for (const r of requests()) {
      expect(r.headers.token).toBe(token);
      expect(r.headers.appid).toBe(String(appId));
      expect(r.path.startsWith(`/app/${appId}/v1/recordoss/`)).toBe(true);
      expect(r.query.traceId).toMatch(JOCLOUD_TRACE_ID_PATTERN);
    }
    expect(new Set(requests().map((r) => r.query.traceId)).size).toBe(5);
    expect(requests()[1]!.headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(requests()[2]!.path).toBe(
      `/app/${appId}/v1/recordoss/queryrecord/conformance-room/${session.sessionId}`,
    );
    expect(requests().at(-1)!.body).toEqual({
      appid: appId,
      resid: decode(session.handle).d.resid,
      roomid: 'conformance-room',
      recordid: session.sessionId,
    });
  });

  it('the seed’s startrecord example, written neutrally, arrives as the seed’s body (with the resid applyrecord gave)', async () => {
    const seedSim = await startSimulator({ credentials: { jocloud: { appId: 10034 } } });
    try {
      const p = createJoCloudProvider({ ...seedSim.credentials.jocloud, baseUrl: seedSim.url, strict: true });
      const session = await p.start(seedRequest());
      const [apply, start] = seedSim.requests;
      const resid = (apply!.response as { resid: string }).resid;
      expect(start!.body).toEqual({ ...SEED_BODY, resid });
      expect(session.warnings).toEqual([]);
      expect(decode(session.handle).d).toEqual({
        appId: 10034,
        resid,
        participants: ['10266666', 'efdefd:10277777'],
        output: SEED_BODY.mixconfig.output,
      });
    } finally {
      await seedSim.close();
    }
  });
});

describe('lifecycle', () => {
  it('query maps status 0 / 1 to starting / recording with JOCloud’s times; stop, then stop again, then query', async () => {
    const p = provider();
    const session = await p.start(conformanceComposite());
    const first = await p.query(session);
    expect(first).toMatchObject({ state: 'starting', vendorState: 0, files: [] });
    expect(first.createdAt).toBeInstanceOf(Date);
    expect(first.startedAt).toBeUndefined();
    const running = await waitForState(p, session, 'recording', { intervalMs: 30, timeoutMs: 3_000 });
    expect(running.vendorState).toBe(1);
    expect((await p.query(session)).startedAt).toBeInstanceOf(Date);
    expect(await p.stop(session)).toMatchObject({ files: [], upload: 'unknown', alreadyStopped: false });
    expect(await p.stop(session)).toMatchObject({ alreadyStopped: true });
    const error = await p.query(session).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).vendorCode).toBe(4013);
    expect((error as NotFoundError).requestId).toMatch(JOCLOUD_TRACE_ID_PATTERN);
  });

  it('updateLayout sends updatemixrecord with the full mixconfig: the start’s output, the new inputs and background', async () => {
    const p = provider();
    const request: StartRecordingRequest = {
      ...conformanceComposite(),
      participants: { include: ['1001', 'guests:2002'] },
      vendorOptions: {
        jocloud: {
          mixconfig: {
            output: { watermark: { textList: [{ x: 10, y: 10, content: 'live', size: 20 }] }, patch: 2 },
          },
        },
      },
    };
    const session = await p.start(request);
    const started = requests()[1]!.body as { mixconfig: { output: Record<string, unknown> } };
    const result = await p.updateLayout(session, {
      preset: 'speaker',
      focus: 'guests:2002',
      background: { color: '#102030' },
    });
    expect(result.warnings).toEqual([]);
    const update = requests().at(-1)!;
    expect(update.operation).toBe('updatemixrecord');
    expect(update.body).toMatchObject({
      appid: simulator().credentials.jocloud.appId,
      roomid: 'conformance-room',
      recordid: session.sessionId,
      resid: decode(session.handle).d.resid,
    });
    const mix = (
      update.body as { mixconfig: { input: Array<Record<string, unknown>>; output: Record<string, unknown> } }
    ).mixconfig;
    expect(mix.output).toEqual({ ...started.mixconfig.output, background: { color: '102030' } });
    expect(mix.input[0]).toMatchObject({ uid: '2002', roomid: 'guests', layoutX: 0 });
    expect(mix.input[1]).toMatchObject({ uid: '1001', roomid: 'conformance-room' });
    // a fresh provider (another process) updates from the handle alone
    await provider().updateLayout(session.handle, {
      regions: [{ participant: '1001', x: 0, y: 0, width: 1, height: 1 }],
    });
    const last = (requests().at(-1)!.body as { mixconfig: { input: unknown[] } }).mixconfig.input;
    expect(last).toEqual([
      {
        uid: '1001',
        roomid: 'conformance-room',
        streamtype: 0,
        zOrder: 0,
        layoutX: 0,
        layoutY: 0,
        layoutH: 720,
        layoutW: 1280,
        crop: 1,
      },
      { uid: '2002', roomid: 'guests', streamtype: 2 },
    ]);
  });

  it('individual mode: streamtype 2 and the uid; no layout to update (refused before any request)', async () => {
    const p = provider();
    const session = await p.start(conformanceIndividual());
    expect(requests()[1]!.body).toMatchObject({ streamtype: 2, uid: '1001', recordtype: 0 });
    expect(requests()[1]!.body).not.toHaveProperty('mixconfig');
    const before = requests().length;
    const error = await p.updateLayout(session, { preset: 'grid' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedFeatureError);
    expect(String(error)).toContain('4019');
    const audio = await p.start({ ...conformanceComposite(), media: 'audio', layout: undefined });
    expect(await p.updateLayout(audio, { preset: 'grid' }).catch((e: unknown) => e)).toBeInstanceOf(
      UnsupportedFeatureError,
    );
    expect(requests().length).toBe(before + 2);
  });
});

describe('JOCloud codes → error classes', () => {
  it.each([
    ['startrecord', 4005, VendorError],
    ['startrecord', 1002, AuthenticationError],
    ['startrecord', 4016, ValidationError],
    ['startrecord', 4004, ValidationError],
    ['applyrecord', 1000, AuthenticationError],
    ['updatemixrecord', 4019, UnsupportedFeatureError],
    ['updatemixrecord', 4013, NotFoundError],
    ['queryrecord', 4009, VendorError],
  ] as const)(
    '%s answering %i → %o, not retried, no recording left behind',
    async (operation, code, kind) => {
      const p = provider();
      const session =
        operation === 'updatemixrecord' || operation === 'queryrecord'
          ? await p.start(conformanceComposite())
          : undefined;
      fault(operation, code);
      const call = session
        ? operation === 'queryrecord'
          ? p.query(session)
          : p.updateLayout(session, { preset: 'grid' })
        : p.start(conformanceComposite());
      const error = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(kind);
      expect((error as VendorError).vendorCode).toBe(code);
      expect((error as VendorError).unconfirmedRecording).toBeUndefined();
      expect(requests().filter((r) => r.operation === operation)).toHaveLength(1);
      expect(simulator().activeRecordings('jocloud').length).toBe(session ? 1 : 0);
    },
  );

  it('retryable codes (2104 internal error, 4018 mixing error) are retried and then succeed', async () => {
    const p = provider();
    fault('startrecord', 2104);
    const session = await p.start(conformanceComposite());
    fault('updatemixrecord', 4018);
    await p.updateLayout(session, { preset: 'grid' });
    expect(operations().filter((o) => !o.endsWith(' 200'))).toEqual([]);
    expect(requests().filter((r) => r.response && (r.response as { code: number }).code !== 0)).toHaveLength(
      2,
    );
  });
});
