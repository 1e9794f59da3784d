import {
  type ComponentType,
  forwardRef,
  lazy,
  type ReactElement,
  type Ref,
  Suspense,
  useEffect,
} from 'react';

export type LazyComponent<P> = ((props: P & { ref?: Ref<unknown> }) => ReactElement) & {
  displayName?: string;
  /** Starts loading the component's code (idempotent). */
  preload(): Promise<unknown>;
};

/**
 * A component whose code loads on first render (or on `preload()`), shown through its own
 * Suspense boundary with no fallback. Keeps parts that only a call needs (the ringing dialog,
 * the call room) out of what a chat page loads up front.
 */
export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  displayName: string,
): LazyComponent<P> {
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  // Once loaded, render the component directly: no Suspense round trip, no empty frame.
  let loaded: ComponentType<P & { ref?: Ref<unknown> }> | undefined;
  const preload = () => {
    loading ??= load().then((component) => {
      loaded = component as ComponentType<P & { ref?: Ref<unknown> }>;
      return { default: component };
    });
    return loading;
  };
  const Inner = lazy(preload) as unknown as ComponentType<P & { ref?: Ref<unknown> }>;
  // biome-ignore lint/correctness/noComponentHookFactories: a factory called once per module, never during render.
  const Outer = forwardRef<unknown, P>(function LazyPart(props, ref) {
    if (loaded) {
      const Loaded = loaded;
      return <Loaded {...(props as P)} ref={ref} />;
    }
    return (
      <Suspense fallback={null}>
        <Inner {...(props as P)} ref={ref} />
      </Suspense>
    );
  });
  Outer.displayName = displayName;
  return Object.assign(Outer as unknown as LazyComponent<P>, { preload });
}

/** Preloads lazy parts once the page has settled, so the first use does not wait for them. */
export function usePreload(...parts: { preload(): Promise<unknown> }[]): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the parts are module constants.
  useEffect(() => {
    const timer = setTimeout(() => {
      for (const part of parts) void part.preload().catch(() => {});
    }, 1_000);
    return () => clearTimeout(timer);
  }, []);
}
