import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallRoom } from '../../../../src/react/room';
import { createFakeRoom, createHarness, HarnessProvider } from '../../../../stories/room/fixtures';
import { expectNoAxeViolations } from '../../../helpers/axe';

const KEY = 'str-call:dock-corner';

async function renderDocked(strict = false) {
  const harness = await createHarness({ behaviour: createFakeRoom({ count: 3, speaking: 2 }) });
  const ui = (
    <HarnessProvider harness={harness}>
      <CallRoom defaultMinimized />
    </HarnessProvider>
  );
  const view = render(strict ? <StrictMode>{ui}</StrictMode> : ui);
  const dock = await screen.findByRole('region', { name: 'Minimized call' });
  return { harness, dock, ...view };
}

afterEach(() => localStorage.removeItem(KEY));

describe('CallDock', { timeout: 20_000 }, () => {
  it('is a labelled, focusable region that says how to move it, and axe-clean', async () => {
    const { dock } = await renderDocked();
    expect(dock).toHaveAttribute('tabindex', '0');
    expect(dock).toHaveAccessibleDescription(
      'Drag it, or focus it and use the arrow keys, to move it to another corner.',
    );
    // No message list on the page: the viewport's bottom right, as a picture-in-picture sits.
    expect(dock).toHaveAttribute('data-corner', 'bottom-right');
    await expectNoAxeViolations(dock);
  });

  it('moves with the arrow keys, says so, and remembers the corner for the next call', async () => {
    const { dock, unmount } = await renderDocked();
    act(() => dock.focus());
    await userEvent.keyboard('{ArrowUp}');
    expect(dock).toHaveAttribute('data-corner', 'top-right');
    await userEvent.keyboard('{ArrowLeft}');
    expect(dock).toHaveAttribute('data-corner', 'top-left');
    await waitFor(() =>
      expect(within(dock).getByRole('status')).toHaveTextContent('Moved to the top left corner'),
    );
    expect(localStorage.getItem(KEY)).toBe('top-left');
    unmount();
    const again = await renderDocked();
    expect(again.dock).toHaveAttribute('data-corner', 'top-left');
    // The corner it opens in is not read out.
    expect(within(again.dock).getByRole('status')).toHaveTextContent('');
  });

  it('leaves the arrow keys of its buttons alone, and its buttons keep working', async () => {
    const { dock } = await renderDocked();
    const expand = within(dock).getByRole('button', { name: 'Expand call' });
    act(() => expand.focus());
    await userEvent.keyboard('{ArrowLeft}');
    expect(dock).toHaveAttribute('data-corner', 'bottom-right');
    await userEvent.click(expand);
    expect(screen.getByRole('region', { name: 'Call' })).not.toHaveAttribute('data-minimized');
  });

  it('mounts twice under StrictMode with one dock and the same behaviour', async () => {
    const { dock } = await renderDocked(true);
    expect(screen.getAllByRole('region', { name: 'Minimized call' })).toHaveLength(1);
    act(() => dock.focus());
    await userEvent.keyboard('{ArrowLeft}');
    expect(dock).toHaveAttribute('data-corner', 'bottom-left');
  });

  it('removes every listener and observer it added when it goes (StrictMode)', async () => {
    const add = vi.spyOn(window, 'addEventListener');
    const remove = vi.spyOn(window, 'removeEventListener');
    const observe = vi.spyOn(MutationObserver.prototype, 'observe');
    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    const { unmount } = await renderDocked(true);
    const mine = (calls: unknown[][]) =>
      calls.filter(([type]) => type === 'resize' || type === 'scroll').map(([, fn]) => fn);
    const added = mine(add.mock.calls);
    expect(added.length).toBeGreaterThan(0);
    const observers = observe.mock.contexts.filter(
      (_, i) => observe.mock.calls[i]?.[0] === document.body,
    );
    expect(observers.length).toBeGreaterThan(0);
    unmount();
    const removed = mine(remove.mock.calls);
    for (const fn of added) expect(removed).toContain(fn);
    for (const o of observers) expect(disconnect.mock.contexts).toContain(o);
    vi.restoreAllMocks();
  });
});
