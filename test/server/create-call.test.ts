import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startService } from './helpers';

let h: Harness;
beforeEach(async () => {
  h = await startService();
});
afterEach(async () => {
  await h.close();
});

describe('CreateCall', () => {
  it('creates a local call for a channel member and returns the creator token', async () => {
    const res = await h.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id: 'Standup-1', type: 'video' },
    });
    expect(res.status).toBe(201);
    expect(res.body.call).toEqual({
      id: 'standup-1',
      provider: 'local',
      type: 'video',
      local: { room: 'standup-1' },
    });
    expect(typeof res.body.token).toBe('string');
    expect(res.body.duration).toMatch(/^\d+\.\d{2}ms$/);
  });
});
