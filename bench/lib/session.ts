/** Pages of the join harness (bench/harness/join.tsx) driven from Node. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { JoinBench } from '../harness/join';

export interface HarnessPage {
  context: BrowserContext;
  page: Page;
  errors: string[];
  close(): Promise<void>;
}

export async function openHarness(
  browser: Browser,
  url: string,
  { initScript }: { initScript?: string } = {},
): Promise<HarnessPage> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  if (initScript) await context.addInitScript({ content: initScript });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(
    () => {
      const b = (window as unknown as { __bench?: JoinBench }).__bench;
      return b?.ready || b?.error;
    },
    null,
    { timeout: 30_000 },
  );
  const error = await page.evaluate(
    () => (window as unknown as { __bench: JoinBench }).__bench.error,
  );
  if (error) throw new Error(`harness: ${error}`);
  return { context, page, errors, close: () => context.close() };
}

export const readBench = (page: Page) =>
  page.evaluate(() => (window as unknown as { __bench: JoinBench }).__bench);

/** Waits until `key` of the page's bench record is set; returns the record. */
export async function waitForMark(
  page: Page,
  key: 'localFrame' | 'remoteFrame',
  timeoutMs = 20_000,
) {
  await page.waitForFunction((k) => (window as unknown as { __bench: JoinBench }).__bench[k], key, {
    timeout: timeoutMs,
  });
  return readBench(page);
}

/** The Join (or Rejoin) button of the only call card on the page. */
export const joinButton = (page: Page) => page.locator('.str-call__card button.str-call__button');
export const leaveButton = (page: Page) => page.locator('.str-call__leave');

/** The click-relative breakdown marks (probes + resource timing) of the page, sorted. */
export const readMarks = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as {
      __bench: JoinBench;
      __requestMarks: (clickAt: number) => { name: string; at: number }[];
    };
    const clickAt = w.__bench.clickAt ?? 0;
    return [...w.__bench.marks, ...w.__requestMarks(clickAt)].sort((a, b) => a.at - b.at);
  });
