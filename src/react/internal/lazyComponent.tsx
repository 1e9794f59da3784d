import {
  type ComponentType,
  forwardRef,
  type ReactElement,
  type Ref,
  useEffect,
  useSyncExternalStore,
} from 'react';
import { type LazyModule, lazyModule } from '../../core/lazy';

export type LazyComponent<P> = ((props: P & { ref?: Ref<unknown> }) => ReactElement | null) & {
  displayName?: string;
  /** Loads the component's code (shared; a failed load is tried again on the next call). */
  load(): Promise<unknown>;
  /** Loads it once the page has settled; returns a cancel. */
  preload(): () => void;
};

const noop = () => {};

/**
 * A component whose code loads on first render (or on `load()` / `preload()`), through the one
 * lazy-module loader. Until it has loaded it renders nothing; once loaded it renders at once, with
 * no Suspense round trip. A load that fails (offline) is tried again the next time the part
 * renders, so the next ring or click works once the network is back. Keeps parts that only a call
 * needs (the ringing dialog, the call room) out of what a chat page loads up front.
 */
export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  displayName: string,
): LazyComponent<P> {
  const code: LazyModule<ComponentType<P & { ref?: Ref<unknown> }>> = lazyModule(
    load as () => Promise<ComponentType<P & { ref?: Ref<unknown> }>>,
  );
  const getSnapshot = () => code.current;
  const getServerSnapshot = () => undefined;
  // biome-ignore lint/correctness/noComponentHookFactories: a factory called once per module, never during render.
  const Part = forwardRef<unknown, P>(function LazyPart(props, ref) {
    const Loaded = useSyncExternalStore(code.subscribe, getSnapshot, getServerSnapshot);
    // After every render that found no code: a failed load is tried again by the next render.
    useEffect(() => {
      if (!code.current) void code.load().catch(noop);
    });
    return Loaded ? <Loaded {...(props as P)} ref={ref} /> : null;
  });
  Part.displayName = displayName;
  return Object.assign(Part as unknown as LazyComponent<P>, {
    load: code.load,
    preload: code.preload,
  });
}

/** Preloads lazy parts once the page has settled, so the first use does not wait for them. */
export function usePreload(...parts: { preload(): () => void }[]): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the parts are module constants.
  useEffect(() => {
    const cancels = parts.map((part) => part.preload());
    return () => {
      for (const cancel of cancels) cancel();
    };
  }, []);
}
