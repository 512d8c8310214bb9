import { describe, expect, it } from 'vitest';
import { TimeoutError } from './errors.js';
import { deepMerge } from './merge.js';
import type { RecordingProvider, RecordingState, RecordingStatus } from './types.js';
import { waitForState } from './wait-for-state.js';
import { WarningCollector } from './warnings.js';
import { UnsupportedFeatureError } from './errors.js';
import { assertFreshTimestamp, headerValue, rawBodyText } from './webhook.js';

function fakeProvider(states: RecordingState[]): RecordingProvider & { calls: number } {
  const p = {
    calls: 0,
    vendor: 'agora' as const,
    capabilities: {} as never,
    start: async () => ({}) as never,
    updateLayout: async () => ({}) as never,
    stop: async () => ({}) as never,
    query: async (): Promise<RecordingStatus> => {
      const state = states[Math.min(p.calls++, states.length - 1)]!;
      return { state, vendorState: state, files: [], raw: {} };
    },
  };
  return p;
}

describe('waitForState', () => {
  it('polls until the state is reached', async () => {
    const p = fakeProvider(['starting', 'starting', 'recording']);
    const status = await waitForState(p, 'h', 'recording', { intervalMs: 1 });
    expect(status.state).toBe('recording');
    expect(p.calls).toBe(3);
  });

  it('returns early on a terminal state', async () => {
    const status = await waitForState(fakeProvider(['starting', 'failed']), 'h', 'recording', {
      intervalMs: 1,
    });
    expect(status.state).toBe('failed');
  });

  it('times out', async () => {
    await expect(
      waitForState(fakeProvider(['starting']), 'h', 'recording', { intervalMs: 5, timeoutMs: 30 }),
    ).rejects.toBeInstanceOf(TimeoutError);
  });
});

describe('deepMerge', () => {
  it('merges objects, replaces arrays and ignores prototype keys', () => {
    const merged = deepMerge(
      { a: { b: 1, c: [1, 2] }, d: 1 },
      JSON.parse('{"a":{"c":[3],"e":2},"__proto__":{"x":1}}'),
    );
    expect(merged).toEqual({ a: { b: 1, c: [3], e: 2 }, d: 1 });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('WarningCollector', () => {
  it('collects, or throws under strict', () => {
    const w = new WarningCollector(false, 'zego', 'start');
    w.add('layout.alpha', 'alpha is dropped');
    w.add('layout.alpha', 'alpha is dropped');
    expect(w.warnings).toEqual([{ feature: 'layout.alpha', message: 'alpha is dropped' }]);
    expect(() => new WarningCollector(true, 'zego', 'start').add('layout.alpha', 'x')).toThrow(
      UnsupportedFeatureError,
    );
  });
});

describe('webhook helpers', () => {
  it('reads headers case-insensitively and bodies as text', () => {
    expect(headerValue({ 'agora-signature-v2': 'a' }, 'Agora-Signature-V2')).toBe('a');
    expect(headerValue({ 'X-Y': ['1', '2'] }, 'x-y')).toBe('1');
    expect(rawBodyText(new TextEncoder().encode('{"a":"é"}'))).toBe('{"a":"é"}');
  });

  it('checks the timestamp window', () => {
    expect(() => assertFreshTimestamp('zego', 1_000_000, 300, 1_000_000 + 299_000)).not.toThrow();
    expect(() => assertFreshTimestamp('zego', 1_000_000, 300, 1_000_000 + 301_000)).toThrow(/window/);
    expect(() => assertFreshTimestamp('zego', Number.NaN, 300, 0)).toThrow(/timestamp/);
  });
});
