import { createRequire } from 'node:module';
import { jwtVerify } from 'jose';
import { afterEach, describe, expect, it, test } from 'vitest';
import { agoraUid } from '../src';
import { AGORA_APP_ID, AGORA_CERT, API_SECRET, type Harness, startService } from './helpers';
import { HmsApiDouble } from './hms-double';

// agora-token does not export AccessToken2 from its root: its parser lives in src/.
interface ParsedAccessToken2 {
  from_string(token: string): boolean;
  verifySignature(appCertificate: string): boolean;
  appId: string | Buffer;
  expire: number;
  services: Array<{
    service_type(): number;
    __channel_name: string | Buffer;
    __uid: string | Buffer;
    __privileges: Record<number, number>;
  }>;
}
const require = createRequire(import.meta.url);
const { AccessToken2 } = require('agora-token/src/AccessToken2.js') as {
  AccessToken2: new () => ParsedAccessToken2;
};

const HMS = {
  accessKey: 'hms-access-key',
  secret: 'hms-app-secret-0123456789',
  templateId: 'tmpl-1',
};
const key = (s: string) => new TextEncoder().encode(s);

let h: Harness | undefined;
let hms: HmsApiDouble | undefined;
afterEach(async () => {
  await h?.close();
  await hms?.close();
  h = hms = undefined;
});

describe('Agora', () => {
  test.each(['alice', 'bob', 'user-with-a-long-id_123', ''])(
    'derives a stable uid in 1…2^32−1 (%j)',
    (id) => {
      const uid = agoraUid(id);
      expect(uid).toBe(agoraUid(id));
      expect(Number.isInteger(uid) && uid >= 1 && uid <= 2 ** 32 - 1).toBe(true);
    },
  );

  it('issues an AccessToken2 RTC token for the call channel and the member uid', async () => {
    h = await startService({
      providers: {
        agora: { appId: AGORA_APP_ID, appCertificate: AGORA_CERT, tokenTtlSeconds: 600 },
      },
    });
    const created = await h.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id: 'agora-call', type: 'video' },
    });
    expect(created.status).toBe(201);
    expect(created.body.call).toEqual({
      id: 'agora-call',
      provider: 'agora',
      type: 'video',
      agora: { channel: 'agora-call' },
    });
    expect(created.body.agora_app_id).toBe(AGORA_APP_ID);
    expect(created.body.agora_uid).toBe(agoraUid('alice'));

    const bob = await h.request('POST', '/calls/agora-call', { user: 'bob', body: {} });
    expect(bob.body.agora_uid).toBe(agoraUid('bob'));
    const token = new AccessToken2();
    expect(token.from_string(bob.body.token as string)).toBe(true);
    expect(token.verifySignature(AGORA_CERT)).toBe(true);
    expect(token.verifySignature('00000000000000000000000000000000')).toBe(false);
    expect(String(token.appId)).toBe(AGORA_APP_ID);
    expect(token.expire).toBe(600);
    const rtc = token.services.find((s) => s.service_type() === 1)!;
    expect(String(rtc.__channel_name)).toBe('agora-call');
    expect(String(rtc.__uid)).toBe(String(agoraUid('bob')));
    // Publisher: join channel (1) plus publish audio (2), video (3) and data (4).
    expect(Object.keys(rtc.__privileges).map(Number).sort()).toEqual([1, 2, 3, 4]);
  });

  it('refuses credentials that are not 32 hex characters at startup', async () => {
    await expect(
      startService({ providers: { agora: { appId: 'x', appCertificate: 'y' } } }),
    ).rejects.toThrow(/32 hexadecimal/);
  });
});

describe('100ms', () => {
  it('creates the room once with a valid management token and issues app tokens', async () => {
    hms = await new HmsApiDouble().start();
    h = await startService({ providers: { hms: { ...HMS, apiBase: hms.base, role: 'guest' } } });
    const created = await h.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id: 'Hms-Call', type: 'video' },
    });
    expect(created.status).toBe(201);
    const call = created.body.call as { hms: { room_id: string; room_name: string } };
    expect(call).toEqual({
      id: 'hms-call',
      provider: 'hms',
      type: 'video',
      hms: { room_id: expect.stringMatching(/^[0-9a-f]{24}$/), room_name: 'hms-call' },
    });

    expect(hms.requests).toHaveLength(1);
    const [req] = hms.requests;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v2/rooms');
    expect(req.body).toEqual({ name: 'hms-call', template_id: 'tmpl-1' });
    const management = req.authorization!.replace(/^Bearer /, '');
    const { payload: m, protectedHeader } = await jwtVerify(management, key(HMS.secret), {
      algorithms: ['HS256'],
    });
    expect(protectedHeader.alg).toBe('HS256');
    expect(m).toMatchObject({ access_key: HMS.accessKey, type: 'management', version: 2 });
    expect(typeof m.jti).toBe('string');
    expect(m.nbf).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(m.exp).toBeGreaterThan(Math.floor(Date.now() / 1000));

    // Same id again: same call, no second room.
    const again = await h.request('POST', '/channels/messaging/general/call', {
      user: 'bob',
      body: { id: 'hms-call', type: 'video' },
    });
    expect(again.body.call).toEqual(call);
    expect(hms.requests).toHaveLength(1);

    const bob = await h.request('POST', '/calls/hms-call', { user: 'bob', body: {} });
    const { payload: app } = await jwtVerify(bob.body.token as string, key(HMS.secret), {
      algorithms: ['HS256'],
    });
    expect(app).toMatchObject({
      access_key: HMS.accessKey,
      room_id: call.hms.room_id,
      user_id: 'bob',
      role: 'guest',
      type: 'app',
      version: 2,
    });
    expect(typeof app.jti).toBe('string');
    expect(typeof app.iat).toBe('number');
    expect(typeof app.nbf).toBe('number');
    expect(app.exp).toBe((app.iat as number) + 3600);
    expect(bob.body).not.toHaveProperty('agora_uid');
  });

  it('answers 502 and stores nothing when 100ms refuses to create the room', async () => {
    hms = await new HmsApiDouble().start();
    hms.failWith = 401;
    h = await startService({ providers: { hms: { ...HMS, apiBase: hms.base } } });
    const res = await h.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id: 'no-room', type: 'video' },
    });
    expect(res.status).toBe(502);
    expect((await h.request('GET', '/calls/no-room', { user: 'alice' })).status).toBe(404);
    hms.failWith = undefined;
    const retry = await h.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id: 'no-room', type: 'video' },
    });
    expect(retry.status).toBe(201);
  });
});

describe('local', () => {
  it('signs a room token with the local secret, carrying the member display data', async () => {
    h = await startService({
      providers: { local: { secret: 'local-secret-xyz', tokenTtlSeconds: 120 } },
    });
    const res = await h.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id: 'room-1', type: 'audio' },
    });
    const { payload } = await jwtVerify(res.body.token as string, key('local-secret-xyz'), {
      algorithms: ['HS256'],
    });
    expect(payload).toMatchObject({
      room: 'room-1',
      user_id: 'alice',
      sub: 'alice',
      aud: 'stream-chat-calls:local',
      name: 'Alice',
      image: 'https://example.test/a.png',
    });
    expect((payload.exp as number) - (payload.iat as number)).toBe(120);
    await expect(jwtVerify(res.body.token as string, key(API_SECRET))).rejects.toThrow();
  });

  it('defaults the local secret to the API secret', async () => {
    h = await startService();
    const res = await h.request('POST', '/channels/messaging/general/call', {
      user: 'bob',
      body: { id: 'room-2', type: 'audio' },
    });
    const { payload } = await jwtVerify(res.body.token as string, key(API_SECRET));
    expect(payload).toMatchObject({ room: 'room-2', user_id: 'bob', name: 'Bob' });
    expect(payload).not.toHaveProperty('image');
  });
});

describe('provider choice', () => {
  it('uses options.provider when configured, else the default', async () => {
    hms = await new HmsApiDouble().start();
    h = await startService({
      providers: {
        agora: { appId: AGORA_APP_ID, appCertificate: AGORA_CERT },
        hms: { ...HMS, apiBase: hms.base },
        local: {},
      },
      defaultProvider: 'local',
    });
    const make = async (id: string, options?: object) =>
      (
        await h!.request('POST', '/channels/messaging/general/call', {
          user: 'alice',
          body: { id, type: 'video', ...(options ? { options } : {}) },
        })
      ).body.call as { provider: string };
    expect((await make('d')).provider).toBe('local');
    expect((await make('a', { provider: 'agora' })).provider).toBe('agora');
    expect((await make('h', { provider: 'hms' })).provider).toBe('hms');
  });

  it('defaults to the first configured provider (agora, hms, local)', async () => {
    h = await startService({
      providers: { agora: { appId: AGORA_APP_ID, appCertificate: AGORA_CERT }, local: {} },
    });
    const res = await h.request('POST', '/channels/messaging/general/call', {
      user: 'alice',
      body: { id: 'first', type: 'video' },
    });
    expect((res.body.call as { provider: string }).provider).toBe('agora');
  });
});
