import { type RefObject, useLayoutEffect, useState } from 'react';

export interface ElementSize {
  width: number;
  height: number;
  /** The element's `column-gap` in px (0 when it has none). */
  gap: number;
}

const UNMEASURED: ElementSize = { width: 0, height: 0, gap: 0 };

/**
 * The content-box size of `ref`'s element, kept current with a ResizeObserver (whole pixels, so
 * sub-pixel jitter re-renders nothing). `{ 0, 0 }` until measured and where there is no
 * ResizeObserver (server rendering, jsdom). Internal.
 */
export function useElementSize(ref: RefObject<HTMLElement | null>): ElementSize {
  const [size, setSize] = useState(UNMEASURED);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const width = Math.floor(el.clientWidth);
      const height = Math.floor(el.clientHeight);
      const gap = Number.parseFloat(getComputedStyle(el).columnGap) || 0;
      setSize((s) =>
        s.width === width && s.height === height && s.gap === gap ? s : { width, height, gap },
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
