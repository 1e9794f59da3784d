/**
 * A provider registered without its SDK installed: the join fails with an error that names the
 * package (for the UI's sentence and on the console, once); a download that fails is a network
 * failure the user can retry.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultErrorMessage } from '../../../src/core/errors';
import type { CallProvider } from '../../../src/core/provider';
import { agora } from '../../../src/providers/agora';
import { hms } from '../../../src/providers/hms';
import { HMS_CALL, joinOptions } from './agora/session-helpers';

/** Imports a package that is not installed, as the app's bundle would (the runtime's own error). */
const notInstalled = () => import(/* @vite-ignore */ `not-installed-sdk-${Date.now()}`);

/** What Chromium says for a bare specifier a bundler left in the build. */
const chromiumUnresolved = (name: string) => () =>
  Promise.reject(
    new TypeError(
      `Failed to resolve module specifier "${name}". Relative references must start with either "/", "./", or "../".`,
    ),
  );

const cases: [string, (sdk: () => Promise<never>) => CallProvider, string, object][] = [
  ['agora()', (sdk) => agora({ sdk }), 'agora-rtc-sdk-ng', {}],
  ['hms()', (sdk) => hms({ sdk }), '@100mslive/hms-video-store', { call: HMS_CALL }],
];

describe.each(cases)('%s without its SDK installed', (factory, create, pkg, overrides) => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    ['the runtime cannot find the package', notInstalled],
    ['Chromium cannot resolve the specifier', chromiumUnresolved(pkg)],
  ])('fails the join naming %s → the package to install', async (_why, load) => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const provider = create(load as () => Promise<never>);
    const error = await provider.join(joinOptions(overrides)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      name: 'CallKitError',
      code: 'provider-sdk-missing',
      recoverable: false,
      values: { package: pkg },
    });
    expect((error as Error).message).toBe(
      `${factory} needs the ${pkg} package, which this app does not include: npm install ${pkg}`,
    );
    // The sentence the UI translates, with the package in it.
    expect(defaultErrorMessage('provider-sdk-missing')).toContain('{{ package }}');
    expect(consoleError).not.toHaveBeenCalledWith(expect.stringContaining('undefined'));
  });

  it('says so on the console once per page, however often a join fails', async () => {
    vi.resetModules();
    const fresh = {
      'agora()': (await import('../../../src/providers/agora')).agora,
      'hms()': (await import('../../../src/providers/hms')).hms,
    }[factory] as (o: object) => CallProvider;
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const provider = fresh({ sdk: chromiumUnresolved(pkg) });
    await provider.join(joinOptions(overrides)).catch(() => {});
    await provider.join(joinOptions(overrides)).catch(() => {});
    expect(consoleError.mock.calls).toEqual([
      [
        `[stream-chat-calls] ${factory} needs the ${pkg} package, which this app does not include: npm install ${pkg}`,
      ],
    ]);
  });

  it('treats a failed download as a network failure worth a retry', async () => {
    const provider = create(() =>
      Promise.reject(
        new TypeError('Failed to fetch dynamically imported module: https://app/assets/sdk.js'),
      ),
    );
    await expect(provider.join(joinOptions(overrides))).rejects.toMatchObject({
      code: 'provider-join-failed',
      recoverable: true,
    });
  });
});
