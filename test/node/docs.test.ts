/**
 * docs/customization.md lists the kit's CSS variables with their defaults: this holds that table
 * equal to the stylesheets (a variable added, renamed or given another default fails here, with
 * the rows to paste).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const STYLES = join(ROOT, 'src/react/styles');

/**
 * `--str-call__*` set by the stylesheets for every theme (dark-theme overrides aside): each at
 * its first definition (later ones are per-layout or per-size variants), whitespace collapsed.
 */
function cssDefaults(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(STYLES).filter((f) => f.endsWith('.css'))) {
    const css = readFileSync(join(STYLES, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const [, selector, body] of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
      if (selector.includes('theme-dark') && !selector.includes('.str-chat,')) continue;
      for (const [, name, value] of body.matchAll(/(--str-call__[\w-]+)\s*:\s*([^;]+);/g)) {
        if (!out.has(name))
          out.set(
            name,
            value.trim().replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')'),
          );
      }
    }
  }
  return out;
}

/** The table between the css-variables markers: variable → default. */
function documented(): Map<string, string> {
  const doc = readFileSync(join(ROOT, 'docs/customization.md'), 'utf8');
  const start = doc.indexOf('<!-- css-variables:start');
  const end = doc.indexOf('<!-- css-variables:end -->');
  expect(start, 'the css-variables markers in docs/customization.md').toBeGreaterThan(-1);
  const out = new Map<string, string>();
  for (const [, name, value] of doc
    .slice(start, end)
    .matchAll(/^\|\s*`(--str-call__[\w-]+)`\s*\|\s*`([^`]+)`\s*\|/gm)) {
    out.set(name, value);
  }
  return out;
}

describe('docs/customization.md', () => {
  it('lists every CSS variable of the kit with its default', () => {
    const css = cssDefaults();
    expect(css.size).toBeGreaterThan(5);
    const rows = [...css].map(([name, value]) => `| \`${name}\` | \`${value}\` | … |`).join('\n');
    expect(
      Object.fromEntries(documented()),
      `the table should have these rows (in any order):\n${rows}`,
    ).toEqual(Object.fromEntries(css));
  });
});
