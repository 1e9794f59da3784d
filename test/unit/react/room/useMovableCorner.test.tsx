import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, test, vi } from 'vitest';
import { type Corner, useMovableCorner } from '../../../../src/react/room';
import { cornerForKey, nearestCorner } from '../../../../src/react/room/useMovableCorner';

function Floating({
  storageKey,
  onClick,
  defaultCorner,
}: {
  storageKey?: string;
  onClick?: () => void;
  defaultCorner?: Corner;
}) {
  const { props } = useMovableCorner({ storageKey, defaultCorner });
  return (
    // biome-ignore lint/a11y/useSemanticElements: a movable group, as the picture-in-picture is.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: it is operable: the arrow keys move it.
    <div {...props} role="group" tabIndex={0} aria-label="Self view">
      <button type="button" onClick={onClick}>
        Inside
      </button>
    </div>
  );
}

const box = (left: number, top: number, width: number, height: number) =>
  DOMRect.fromRect({ x: left, y: top, width, height });

afterEach(() => localStorage.clear());

describe('useMovableCorner', () => {
  it('moves with the arrow keys and remembers the corner per key', async () => {
    const view = render(<Floating storageKey="test:pip" />);
    const el = screen.getByRole('group', { name: 'Self view' });
    expect(el).toHaveAttribute('data-corner', 'bottom-right');
    el.focus();
    await userEvent.keyboard('{ArrowUp}');
    expect(el).toHaveAttribute('data-corner', 'top-right');
    await userEvent.keyboard('{ArrowLeft}');
    expect(el).toHaveAttribute('data-corner', 'top-left');
    expect(localStorage.getItem('test:pip')).toBe('top-left');
    view.unmount();
    render(<Floating storageKey="test:pip" />);
    expect(screen.getByRole('group', { name: 'Self view' })).toHaveAttribute(
      'data-corner',
      'top-left',
    );
    render(<Floating storageKey="test:dock" />);
    expect(screen.getAllByRole('group', { name: 'Self view' })[1]).toHaveAttribute(
      'data-corner',
      'bottom-right',
    );
  });

  it('leaves arrow keys on the elements inside it alone', async () => {
    render(<Floating />);
    screen.getByRole('button', { name: 'Inside' }).focus();
    await userEvent.keyboard('{ArrowUp}');
    expect(screen.getByRole('group', { name: 'Self view' })).toHaveAttribute(
      'data-corner',
      'bottom-right',
    );
  });

  it('ignores a remembered value that is not a corner, and storage that throws', () => {
    localStorage.setItem('test:pip', 'middle');
    render(<Floating storageKey="test:pip" />);
    expect(screen.getByRole('group')).toHaveAttribute('data-corner', 'bottom-right');
    const spy = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new Error('blocked');
    });
    fireEvent.keyDown(screen.getByRole('group'), { key: 'ArrowLeft' });
    expect(screen.getByRole('group')).toHaveAttribute('data-corner', 'bottom-left');
    spy.mockRestore();
  });

  it('follows a changing default corner until the user picks one', async () => {
    const view = render(<Floating defaultCorner="bottom-right" />);
    const el = screen.getByRole('group', { name: 'Self view' });
    view.rerender(<Floating defaultCorner="top-right" />);
    expect(el).toHaveAttribute('data-corner', 'top-right');
    el.focus();
    await userEvent.keyboard('{ArrowLeft}');
    expect(el).toHaveAttribute('data-corner', 'top-left');
    view.rerender(<Floating defaultCorner="bottom-right" />);
    expect(el).toHaveAttribute('data-corner', 'top-left');
  });

  it('keeps a remembered corner whatever the default says', () => {
    localStorage.setItem('test:dock', 'bottom-left');
    const view = render(<Floating storageKey="test:dock" defaultCorner="top-right" />);
    view.rerender(<Floating storageKey="test:dock" defaultCorner="bottom-right" />);
    expect(screen.getByRole('group')).toHaveAttribute('data-corner', 'bottom-left');
  });

  it('keeps a short press a click on the button inside', async () => {
    const onClick = vi.fn();
    render(<Floating onClick={onClick} />);
    await userEvent.click(screen.getByRole('button', { name: 'Inside' }));
    expect(onClick).toHaveBeenCalledOnce();
    expect(screen.getByRole('group')).not.toHaveAttribute('data-dragging');
  });
});

describe('corner geometry', () => {
  const area = box(0, 0, 1000, 600);
  test.each<[string, DOMRect, Corner]>([
    ['dropped top left', box(10, 10, 200, 120), 'top-left'],
    ['dropped top right', box(700, 50, 200, 120), 'top-right'],
    ['dropped bottom left', box(100, 400, 200, 120), 'bottom-left'],
    ['centre just right of the middle, low', box(420, 300, 200, 120), 'bottom-right'],
  ])('%s', (_, rect, corner) => {
    expect(nearestCorner(rect, area)).toBe(corner);
  });

  test.each<[Corner, string, Corner | undefined]>([
    ['bottom-right', 'ArrowUp', 'top-right'],
    ['top-right', 'ArrowLeft', 'top-left'],
    ['top-left', 'ArrowDown', 'bottom-left'],
    ['bottom-left', 'ArrowRight', 'bottom-right'],
    ['bottom-left', 'ArrowDown', 'bottom-left'],
    ['top-left', 'Enter', undefined],
  ])('from %s, %s goes to %s', (from, key, to) => {
    expect(cornerForKey(from, key)).toBe(to);
  });
});
