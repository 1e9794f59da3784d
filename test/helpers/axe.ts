import axe from 'axe-core';
import { expect } from 'vitest';

/**
 * Runs axe-core on a rendered element and fails with the violations listed.
 * (jsdom cannot compute colours: colour contrast is checked by the Storybook a11y run in Chromium.)
 */
export async function expectNoAxeViolations(element: Element): Promise<void> {
  const results = await axe.run(element, {
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary).toEqual([]);
}
