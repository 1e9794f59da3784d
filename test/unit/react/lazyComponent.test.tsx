import { act, render, screen } from '@testing-library/react';
import { forwardRef, StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { lazyComponent } from '../../../src/react/internal/lazyComponent';

const Part = forwardRef<HTMLParagraphElement, { text: string }>(function Part({ text }, ref) {
  return <p ref={ref}>{text}</p>;
});

describe('lazyComponent', () => {
  it('renders nothing while its code loads, then the part, with its ref', async () => {
    const Lazy = lazyComponent(async () => Part, 'Part');
    const ref = { current: null as HTMLParagraphElement | null };
    render(<Lazy text="loaded" ref={ref} />);
    expect(screen.queryByText('loaded')).toBeNull();
    expect(await screen.findByText('loaded')).toBe(ref.current);
  });

  it('tries again after a failed load (offline), the next time it renders', async () => {
    const load = vi
      .fn<() => Promise<typeof Part>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValue(Part);
    const Lazy = lazyComponent(load, 'Part');
    const view = render(
      <StrictMode>
        <Lazy text="first" />
      </StrictMode>,
    );
    await act(() => vi.waitFor(() => expect(load).toHaveBeenCalledTimes(1)));
    await act(async () => {});
    expect(screen.queryByText('first')).toBeNull();
    // The next ring or click renders the part again: its code loads this time.
    view.rerender(
      <StrictMode>
        <Lazy text="second" />
      </StrictMode>,
    );
    expect(await screen.findByText('second')).toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('renders at once, with no empty frame, once its code is there', async () => {
    const Lazy = lazyComponent(async () => Part, 'Part');
    await Lazy.load();
    render(<Lazy text="now" />);
    expect(screen.getByText('now')).toBeInTheDocument();
  });
});
