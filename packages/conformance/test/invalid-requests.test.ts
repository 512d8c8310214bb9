import {
  ValidationError,
  parseOrThrow,
  startRecordingRequestSchema,
  type StartRecordingRequest,
} from '@unirec/core';
import { describe, expect, it } from 'vitest';
import { invalidRequests } from '../src/invalid-requests.js';

const storage = { vendor: 's3', region: 'us-east-1', bucket: 'b', accessKey: 'AK', secretKey: 'SK' } as const;
const composite: StartRecordingRequest = {
  room: 'room-1',
  mode: 'composite',
  participants: { include: ['1001', '1002'] },
  layout: { preset: 'grid' },
  storage: { ...storage },
};
const individual: StartRecordingRequest = { room: 'room-1', mode: 'individual', storage: { ...storage } };

describe('invalidRequests', () => {
  it('starts from requests the core schema accepts', () => {
    expect(() => parseOrThrow(startRecordingRequestSchema, composite, { what: 'request' })).not.toThrow();
    expect(() => parseOrThrow(startRecordingRequestSchema, individual, { what: 'request' })).not.toThrow();
  });

  it('every case is rejected by the neutral schema, naming its field', () => {
    const cases = invalidRequests(composite, individual);
    expect(cases.length).toBeGreaterThanOrEqual(10);
    for (const c of cases) {
      let error: unknown;
      try {
        parseOrThrow(startRecordingRequestSchema, c.request, { what: 'request' });
      } catch (e) {
        error = e;
      }
      expect(error, c.name).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).message, c.name).toContain(c.field);
    }
  });

  it('does not mutate the base requests', () => {
    const before = JSON.stringify(composite);
    invalidRequests(composite, individual);
    expect(JSON.stringify(composite)).toBe(before);
  });
});
