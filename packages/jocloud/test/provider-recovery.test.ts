import { inspect } from 'node:util';
import { ConflictError, UnsupportedFeatureError, ValidationError, VendorError } from '@unirec/core/adapter';
import { describe, expect, it } from 'vitest';
import { ACCESS_KEY, SECRET_KEY, conformanceComposite } from './fixtures.js';
import { TOKEN, callbackServer, decodeHandle, useJoCloudSimulator } from './simulator-helpers.js';

/**
 * The provider against @unirec/simulator's JOCloud emulator: spent resids and lost answers (orphan
 * recovery), handles and sessionFromIds, callbacks.
 */

const { sim: simulator, provider, requests, operations, fault } = useJoCloudSimulator();
const decode = decodeHandle;

describe('starts whose resid is spent or whose answer is lost', () => {
  it('4012 (resid invalid or expired): one new applyrecord + startrecord, automatically', async () => {
    fault('startrecord', 4012);
    const session = await provider().start(conformanceComposite());
    expect(operations()).toEqual([
      'GET applyrecord 200',
      'POST startrecord 404',
      'GET applyrecord 200',
      'POST startrecord 200',
    ]);
    const [, first, , second] = requests();
    expect((second!.body as { resid: string }).resid).not.toBe((first!.body as { resid: string }).resid);
    expect(
      simulator()
        .activeRecordings('jocloud')
        .map((s) => s.id),
    ).toEqual([session.sessionId]);
  });

  it('4012 twice: a VendorError after the one renewal, nothing recording', async () => {
    fault('startrecord', 4012, 2);
    const error = await provider()
      .start(conformanceComposite())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorError);
    expect((error as VendorError).vendorCode).toBe(4012);
    expect(requests().filter((r) => r.operation === 'applyrecord')).toHaveLength(2);
    expect(simulator().activeRecordings('jocloud')).toEqual([]);
  });

  it('a lost startrecord answer: the retry meets 4011 without a recordid → unconfirmedRecording; the callback’s recordid and sessionFromIds stop it', async () => {
    const hooks = await callbackServer();
    try {
      const p = provider();
      simulator().injectFault({ vendor: 'jocloud', operation: 'startrecord', kind: 'lost-response' });
      const error = await p
        .start({ ...conformanceComposite(), callbackUrl: hooks.url })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      const unconfirmed = (error as ConflictError).unconfirmedRecording!;
      const resid = (requests()[0]!.response as { resid: string }).resid;
      expect(unconfirmed).toMatchObject({
        vendor: 'jocloud',
        room: 'conformance-room',
        ids: { resid, roomid: 'conformance-room' },
      });
      expect(unconfirmed.hint).toContain('sessionFromIds');
      expect(String(error)).not.toContain(TOKEN);
      const [orphan] = simulator().activeRecordings('jocloud');
      // The recording's callbacks (token-checked) name its recordid and room.
      const event = await hooks.next((e) => e.room === unconfirmed.ids.roomid && e.sessionId !== undefined);
      expect(event.sessionId).toBe(orphan!.id);
      const session = p.sessionFromIds({
        roomid: event.room!,
        recordid: event.sessionId!,
        resid: unconfirmed.ids.resid!,
        mode: 'composite',
      });
      expect(await p.stop(session)).toMatchObject({ alreadyStopped: false });
      expect(simulator().activeRecordings('jocloud')).toEqual([]);
      expect(await p.updateLayout(session, { preset: 'grid' }).catch((e: unknown) => e)).toBeInstanceOf(
        UnsupportedFeatureError,
      );
    } finally {
      await hooks.close();
    }
  });

  it('a lost stoprecord answer: the retry meets 4013 → stopped by this call (alreadyStopped false, upload unknown)', async () => {
    const p = provider();
    const session = await p.start(conformanceComposite());
    simulator().injectFault({ vendor: 'jocloud', operation: 'stoprecord', kind: 'lost-response' });
    expect(await p.stop(session)).toMatchObject({ alreadyStopped: false, upload: 'unknown', files: [] });
    const stops = requests().filter((r) => r.operation === 'stoprecord');
    expect(stops.map((r) => [r.fault, (r.response as { code: number }).code])).toEqual([
      ['lost-response', 0],
      [undefined, 4013],
    ]);
    expect(simulator().activeRecordings('jocloud')).toEqual([]);
  });

  it('a 4013 after a refused attempt (2105: nothing was done) is an earlier stop: alreadyStopped true', async () => {
    const p = provider();
    const session = await p.start(conformanceComposite());
    await p.stop(session);
    fault('stoprecord', 2105);
    expect(await p.stop(session)).toMatchObject({ alreadyStopped: true });
    expect(requests().filter((r) => r.operation === 'stoprecord')).toHaveLength(3);
  });
});

describe('handles and sessionFromIds are validated before any request', () => {
  it('edited vendor data (output, participants, resid, appId) is a ValidationError', async () => {
    const p = provider();
    const session = await p.start(conformanceComposite());
    const edit = (change: (d: Record<string, any>) => void) => {
      const json = decode(session.handle);
      change(json.d);
      return `ur2.jocloud.${Buffer.from(JSON.stringify(json)).toString('base64url')}`;
    };
    const before = requests().length;
    const edits = [
      (d: any) => (d.output.videowidth = 1282),
      (d: any) => (d.output.videowidth = '1280'),
      (d: any) => (d.output.videoencode = 265),
      (d: any) => (d.output.background = { color: 'FFFFFF' }),
      (d: any) =>
        (d.output.watermark = {
          imageList: [{ x: 1200, y: 0, width: 100, height: 10, url: 'https://i.test/a.png', scale: 0 }],
        }),
      (d: any) => (d.participants = ['1', 'a b']),
      (d: any) => (d.participants = Array(17).fill('1')),
      (d: any) => (d.participants = []),
      (d: any) => (d.resid = 'r/../x'),
      (d: any) => (d.appId = 999),
    ];
    for (const change of edits) {
      const handle = edit(change);
      for (const call of [
        () => p.query(handle),
        () => p.stop(handle),
        () => p.updateLayout(handle, { preset: 'grid' }),
      ]) {
        expect(await call().catch((e: unknown) => e), String(change)).toBeInstanceOf(ValidationError);
      }
    }
    const json = decode(session.handle);
    json.s = '..';
    const badRecord = `ur2.jocloud.${Buffer.from(JSON.stringify(json)).toString('base64url')}`;
    expect(await p.stop(badRecord).catch((e: unknown) => e)).toBeInstanceOf(ValidationError);
    expect(requests().length).toBe(before);
  });

  it('sessionFromIds checks ids like a handle; the result holds no secret', () => {
    const p = provider();
    for (const bad of [
      { roomid: 'room 1', recordid: 'r1', resid: 'x', mode: 'composite' },
      { roomid: 'room1', recordid: 'r 1', resid: 'x', mode: 'composite' },
      { roomid: 'room1', recordid: 'r1', resid: 'x', mode: 'web' },
      { roomid: 'room1', recordid: 'r1', mode: 'composite' },
      null,
    ]) {
      expect(() => p.sessionFromIds(bad as never), JSON.stringify(bad)).toThrow(ValidationError);
    }
    const session = p.sessionFromIds({
      roomid: 'room1',
      recordid: 'ba110731',
      resid: 'res-1',
      mode: 'individual',
    });
    expect(session).toMatchObject({
      vendor: 'jocloud',
      room: 'room1',
      sessionId: 'ba110731',
      mode: 'individual',
    });
    expect(inspect(p) + JSON.stringify(p) + session.handle).not.toContain(
      simulator().credentials.jocloud.restfulSecret,
    );
  });

  it('a mixing output too large for a session handle is refused before any request', async () => {
    const textList = Array.from({ length: 60 }, (_, i) => ({
      x: 0,
      y: i,
      content: `line ${i} ${'x'.repeat(80)}`,
      size: 10,
    }));
    const request = {
      ...conformanceComposite(),
      vendorOptions: { jocloud: { mixconfig: { output: { watermark: { textList } } } } },
    };
    const error = await provider()
      .start(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(String(error)).toContain('vendorOptions.jocloud.mixconfig.output');
    expect(requests()).toEqual([]);
  });
});

describe('callbacks from the simulator', () => {
  it('arrive at callbackUrl as given and verify with the token it carries; no storage key or token in logs', async () => {
    const hooks = await callbackServer();
    const logged: string[] = [];
    const record = (...args: unknown[]) => void logged.push(inspect(args, { depth: 10 }));
    try {
      const p = provider({ logger: { debug: record, info: record, warn: record, error: record } });
      const session = await p.start({ ...conformanceComposite(), callbackUrl: hooks.url });
      const started = await hooks.next((e) => e.type === 'recording.started');
      expect(started).toMatchObject({
        vendor: 'jocloud',
        sessionId: session.sessionId,
        room: 'conformance-room',
        state: 'recording',
      });
      await p.stop(session);
      const uploaded = await hooks.next((e) => e.type === 'recording.file_uploaded');
      expect(uploaded.files?.[0]).toMatchObject({
        kind: 'index',
        name: expect.stringMatching(new RegExp(`${session.sessionId}\\.m3u8$`)),
      });
      expect(hooks.rejected).toBe(0);
      const text = logged.join('\n');
      for (const secret of [TOKEN, ACCESS_KEY, SECRET_KEY]) expect(text).not.toContain(secret);
      // A callback with another token is refused by the receiver.
      const forged = await fetch(hooks.url.replace(TOKEN, 'forged-token-0123456789'), {
        method: 'POST',
        body: '{}',
      });
      expect(forged.status).toBe(401);
    } finally {
      await hooks.close();
    }
  });
});
