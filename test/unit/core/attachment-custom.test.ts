/**
 * Open providers: a call of a provider the app registered is read through that provider's own
 * `parseRoom` (and keeps only what it returns); a call of any provider nobody registered is
 * still refused, as is every malformed one.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallProvider } from '../../../src/core/provider';
import { hostileProxy, throwingGetter } from './attachment-fixtures';

type Attachment = typeof import('../../../src/core/attachment');
let m: Attachment;
// Registrations are module state: each test starts from a fresh module.
beforeEach(async () => {
  vi.resetModules();
  m = await import('../../../src/core/attachment');
});

/** A made-up SFU provider: its calls carry `sfu: { room, region }`. */
const sfu: Pick<CallProvider, 'name' | 'parseRoom'> = {
  name: 'sfu',
  parseRoom(data) {
    if (data === null || typeof data !== 'object') return undefined;
    const { room, region } = data as { room?: unknown; region?: unknown };
    if (typeof room !== 'string' || !/^[a-z0-9-]{1,40}$/.test(room)) return undefined;
    if (region !== 'eu' && region !== 'us') return undefined;
    return { room, region };
  },
};
const sfuCall = (room: unknown = { room: 'r-1', region: 'eu' }) => ({
  id: 'abc',
  provider: 'sfu',
  type: 'video',
  sfu: room,
});

describe('a custom provider', () => {
  it('is refused while nobody registered it', () => {
    expect(m.parseCallAttachment({ type: 'call', call: sfuCall() })).toEqual({
      ok: false,
      reason: 'invalid-provider',
    });
  });

  it('is read through its parseRoom once registered, keeping only what that returns', () => {
    m.registerCallProviders([sfu]);
    const hostile = { room: 'r-1', region: 'eu', token: 'secret', html: '<img onerror=x>' };
    expect(
      m.parseCallAttachment({ type: 'call', call: { ...sfuCall(hostile), agora: {} } }),
    ).toEqual({
      ok: true,
      call: { id: 'abc', provider: 'sfu', type: 'video', sfu: { room: 'r-1', region: 'eu' } },
    });
    expect(m.buildCallAttachment(sfuCall() as never)).toEqual({
      type: 'call',
      call: { id: 'abc', provider: 'sfu', type: 'video', sfu: { room: 'r-1', region: 'eu' } },
    });
  });

  it.each([
    ['no room', undefined, 'missing-room'],
    ['a null room', null, 'missing-room'],
    ['a room its parser refuses', { room: 'R 1', region: 'eu' }, 'invalid-room'],
    ['a room in another region', { room: 'r-1', region: 'mars' }, 'invalid-room'],
    ['markup as the room', { room: '<script>', region: 'eu' }, 'invalid-room'],
    ['a 1 MB room name', { room: 'a'.repeat(1024 * 1024), region: 'eu' }, 'invalid-room'],
    ['a Proxy whose every trap throws', hostileProxy(), 'unreadable'],
    [
      'a room whose getter throws',
      throwingGetter({ room: 'r', region: 'eu' }, 'room'),
      'unreadable',
    ],
  ])('refuses %s', (_name, room, reason) => {
    m.registerCallProviders([sfu]);
    expect(m.parseCall({ ...sfuCall(), sfu: room })).toEqual({ ok: false, reason });
  });

  it.each([
    ['undefined', undefined],
    ['an array', [{ room: 'r' }]],
    ['a string', 'r-1'],
    ['a class instance', new (class Room {})()],
  ])('refuses a room its parser returns as %s', (_name, returned) => {
    m.registerCallProviders([{ name: 'odd', parseRoom: () => returned as never }]);
    expect(m.parseCall({ ...sfuCall(), provider: 'odd', odd: { room: 'r' } })).toEqual({
      ok: false,
      reason: 'invalid-room',
    });
  });

  it('still checks the id and the type before its parser sees anything', () => {
    const parseRoom = vi.fn(sfu.parseRoom);
    m.registerCallProviders([{ name: 'sfu', parseRoom }]);
    expect(m.parseCall({ ...sfuCall(), id: '../x' })).toEqual({ ok: false, reason: 'invalid-id' });
    expect(m.parseCall({ ...sfuCall(), type: 'screen' })).toEqual({
      ok: false,
      reason: 'invalid-type',
    });
    expect(parseRoom).not.toHaveBeenCalled();
  });

  it('reads another provider’s data under its name only', () => {
    m.registerCallProviders([sfu]);
    // The room must sit under the provider's own name, not under a built-in's.
    expect(
      m.parseCall({ id: 'abc', provider: 'sfu', type: 'video', local: { room: 'abc' } }),
    ).toEqual({
      ok: false,
      reason: 'missing-room',
    });
  });

  it('calls parseRoom as a method of its provider', () => {
    const provider = {
      name: 'withthis',
      region: 'eu',
      parseRoom(this: { region: string }, data: unknown) {
        return { region: this.region, data: String((data as { x?: unknown }).x) };
      },
    };
    m.registerCallProviders([provider]);
    expect(m.parseCall({ ...sfuCall(), provider: 'withthis', withthis: { x: 1 } })).toMatchObject({
      ok: true,
      call: { withthis: { region: 'eu', data: '1' } },
    });
  });
});

describe('registering providers', () => {
  it.each([
    'Sfu',
    '1sfu',
    '-sfu',
    'my sfu',
    'a'.repeat(33),
    '',
    'id',
    'type',
    'provider',
    'session',
    '__proto__',
  ])('refuses the name %j', (name) => {
    expect(() => m.registerCallProviders([{ ...sfu, name }])).toThrow(/not a valid provider name/);
  });

  it('refuses a custom provider without parseRoom (its calls could never be read)', () => {
    expect(() => m.registerCallProviders([{ name: 'daily' }])).toThrow(
      'The provider "daily" has no parseRoom: the kit could never read its calls.',
    );
  });

  it('needs no parseRoom for the built-in providers', () => {
    expect(() =>
      m.registerCallProviders([{ name: 'agora' }, { name: 'hms' }, { name: 'local' }]),
    ).not.toThrow();
    expect(m.parseCall({ ...sfuCall(), provider: 'local', local: { room: 'abc' } })).toMatchObject({
      ok: true,
    });
  });

  it('lets a provider with a built-in name bring its own parseRoom', () => {
    m.registerCallProviders([{ name: 'local', parseRoom: () => ({ room: 'fixed' }) }]);
    expect(m.parseCall({ ...sfuCall(), provider: 'local', local: { room: 'x' } })).toMatchObject({
      ok: true,
      call: { local: { room: 'fixed' } },
    });
  });

  it('happens when a call controller is created with the providers', async () => {
    const { CallController } = await import('../../../src/core/controller');
    new CallController({
      api: {} as never,
      providers: [{ ...sfu, join: async () => ({}) as never }],
      user: { id: 'alice' },
    });
    expect(m.parseCall(sfuCall())).toMatchObject({ ok: true });
    expect(
      () =>
        new CallController({
          api: {} as never,
          providers: [{ name: 'daily', join: async () => ({}) as never }],
          user: { id: 'alice' },
        }),
    ).toThrow(/has no parseRoom/);
  });
});
