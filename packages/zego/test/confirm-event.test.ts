import { WebhookVerificationError } from '@unirec/core';
import { describe, expect, it } from 'vitest';
import {
  compositeRegionsRequest,
  failureOf,
  noNetwork,
  simProvider,
  useSimulator,
  zegoRequests,
} from './helpers.js';
import { createZegoWebhookReceiver } from './internals.js';

/**
 * ZEGO signs only [secret, timestamp, nonce] (docs/vendors/zego.md): a captured callback can be
 * replayed with another body. These tests take real callbacks from the simulator (sent to a
 * non-loopback URL, so it only logs them), edit them, and check what `provider.confirmEvent` says.
 */

noNetwork();
const CALLBACK_SECRET = 'zego-callback-secret-for-tests';
const sim = useSimulator({
  timings: { uploadMs: 0 },
  callbacks: { zego: { url: 'https://hooks.example.invalid/zego', secret: CALLBACK_SECRET } },
});
const receiver = createZegoWebhookReceiver({ callbackSecret: CALLBACK_SECRET });

/** A stopped recording and the raw body of its event_type 1 (upload result) callback. */
async function uploadedCallback() {
  const provider = simProvider(sim());
  const session = await provider.start(compositeRegionsRequest());
  await provider.stop(session);
  sim().tick();
  const raw = sim()
    .webhooks.map((w) => w.body)
    .find((body) => JSON.parse(body).event_type === 1);
  if (!raw) throw new Error('the simulator sent no upload callback');
  return { provider, session, raw, body: JSON.parse(raw) as Record<string, any> };
}

describe('provider.confirmEvent', () => {
  it('a genuine callback verifies and is confirmed with the files ZEGO reports', async () => {
    const { provider, session, raw } = await uploadedCallback();
    const event = receiver.receive(raw, {});
    expect(event).toMatchObject({
      type: 'recording.file_uploaded',
      sessionId: session.sessionId,
      room: 'room-1',
    });
    const confirmed = await provider.confirmEvent(event);
    expect(confirmed.state).toBe('stopped');
    expect(confirmed.files).toEqual(event.files);
    expect(zegoRequests(sim(), 'DescribeRecordStatus').at(-1)!.body).toEqual({ TaskId: session.sessionId });
  });

  it('an edited file_url still verifies; confirmEvent returns the URL ZEGO itself reports', async () => {
    const { provider, raw, body } = await uploadedCallback();
    const genuineUrl = body.detail.file_info[0].file_url as string;
    body.detail.file_info[0].file_url = 'https://attacker.example/evil.mp4';
    const event = receiver.receive(JSON.stringify(body), {});
    expect(event.files?.[0]?.url).toBe('https://attacker.example/evil.mp4');
    const confirmed = await provider.confirmEvent(event);
    expect(confirmed.files?.map((f) => f.url)).toEqual([genuineUrl]);
    expect(confirmed.files).toEqual(receiver.receive(raw, {}).files);
  });

  it('an edited event_type still verifies; the confirmed state is ZEGO’s', async () => {
    const { provider, body } = await uploadedCallback();
    const forged = receiver.receive(
      JSON.stringify({ ...body, event_type: 2, detail: { quit_reason: 1004 } }),
      {},
    );
    expect(forged).toMatchObject({ type: 'recording.failed', state: 'failed' });
    expect((await provider.confirmEvent(forged)).state).toBe('stopped');
  });

  it('rejects a task ZEGO does not know, a task of another room and events that are not ZEGO’s', async () => {
    const { provider, body } = await uploadedCallback();
    const unknown = receiver.receive(JSON.stringify({ ...body, task_id: 'NoSuchTask-0001' }), {});
    const error = await failureOf(provider.confirmEvent(unknown));
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(error.message).toMatch(/does not know this task/);
    const moved = receiver.receive(JSON.stringify({ ...body, room_id: 'another-room' }), {});
    await expect(provider.confirmEvent(moved)).rejects.toThrow(/another room/);
    const foreign = { ...receiver.receive(JSON.stringify(body), {}), vendor: 'agora' as const };
    await expect(provider.confirmEvent(foreign)).rejects.toBeInstanceOf(WebhookVerificationError);
    const { task_id: _, ...taskless } = body;
    await expect(provider.confirmEvent(receiver.receive(JSON.stringify(taskless), {}))).rejects.toThrow(
      /task_id/,
    );
  });

  it('a genuine snapshot callback is not confirmed into another file list', async () => {
    const provider = simProvider(sim());
    const session = await provider.start(compositeRegionsRequest());
    await provider.takeSnapshot(session);
    const raw = sim()
      .webhooks.map((w) => w.body)
      .find((body) => JSON.parse(body).event_type === 1);
    const event = receiver.receive(raw!, {});
    const snapshot = event.files?.[0];
    expect(snapshot).toMatchObject({ kind: 'snapshot', upload: 'uploaded' });
    const outcome = await provider.confirmEvent(event).catch((error: unknown) => error);
    if (outcome instanceof WebhookVerificationError) return;
    expect((outcome as typeof event).files?.map((f) => f.name)).toContain(snapshot!.name);
  });
});
