import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Lazy = typeof import('../../../src/core/lazy');

/** A fresh copy of the loader module: the "settled" signal is once per page. */
async function fresh(): Promise<Lazy> {
  vi.resetModules();
  return import('../../../src/core/lazy');
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('lazyModule', () => {
  it('shares one load between callers', async () => {
    const { lazyModule } = await fresh();
    const importer = vi.fn(async () => ({ answer: 42 }));
    const part = lazyModule(importer);
    const [a, b] = await Promise.all([part.load(), part.load()]);
    expect(a).toBe(b);
    expect(await part.load()).toBe(a);
    expect(importer).toHaveBeenCalledTimes(1);
    expect(part.current).toBe(a);
  });

  it('loads again after a failed load: an offline click, then a click online works', async () => {
    const { lazyModule } = await fresh();
    const importer = vi
      .fn<() => Promise<{ ok: true }>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValueOnce({ ok: true });
    const part = lazyModule(importer);
    await expect(part.load()).rejects.toThrow('Failed to fetch');
    expect(part.current).toBeUndefined();
    await expect(part.load()).resolves.toStrictEqual({ ok: true });
    expect(importer).toHaveBeenCalledTimes(2);
  });

  it('tells subscribers once, when the module has loaded', async () => {
    const { lazyModule } = await fresh();
    const part = lazyModule(async () => ({}));
    const listener = vi.fn();
    part.subscribe(listener);
    await part.load();
    await part.load();
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('whenSettled', () => {
  it('preloads every part on one signal, a moment after the page has loaded', async () => {
    const { lazyModule } = await fresh();
    const a = vi.fn(async () => 'a');
    const b = vi.fn(async () => 'b');
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    lazyModule(a).preload();
    lazyModule(b).preload();
    // One timer for both, not one per part.
    expect(setTimeoutSpy).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(a).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(1);
  });

  it('waits for an idle moment where the browser offers one', async () => {
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (cb: () => void) => idle.push(cb));
    const { whenSettled } = await fresh();
    const run = vi.fn();
    whenSettled(run);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(run).not.toHaveBeenCalled();
    for (const cb of idle) cb();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs late callers on the next task, and a cancelled one never', async () => {
    const { whenSettled } = await fresh();
    const early = vi.fn();
    const cancelled = vi.fn();
    whenSettled(early);
    whenSettled(cancelled)();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(early).toHaveBeenCalledTimes(1);
    expect(cancelled).not.toHaveBeenCalled();
    const late = vi.fn();
    whenSettled(late);
    expect(late).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(0);
    expect(late).toHaveBeenCalledTimes(1);
  });

  it('does not retry a failed preload on its own', async () => {
    const { lazyModule } = await fresh();
    const importer = vi.fn(async () => {
      throw new TypeError('offline');
    });
    lazyModule(importer).preload();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(importer).toHaveBeenCalledTimes(1);
  });
});
