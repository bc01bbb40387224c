// Waits and reads on the dashboard by its data-testid attributes (apps/web/README.md lists them).
// Every wait is bounded; a timeout fails with what was awaited and what the page showed instead.
import type { Page } from 'playwright-core';
import { pollUntil as pollWithin, WaitTimeoutError } from '../../apps/server/test/support/eventually.js';
import { UI_TIMEOUT_MS } from './browser.js';
import type { PageGlobals } from './page-globals.js';

export { WaitTimeoutError };

/** Text of the first element with this test id ('' when absent), read in one step so it never races a re-render. */
export async function textOf(page: Page, testId: string): Promise<string> {
  return page.evaluate(
    (id) =>
      (globalThis as unknown as PageGlobals).document
        .querySelector(`[data-testid="${id}"]`)
        ?.textContent?.trim() ?? '',
    testId,
  );
}

/** Waits until the first element with `testId` has text matching `pattern`; returns that text. */
export async function waitForText(
  page: Page,
  testId: string,
  pattern: RegExp,
  timeoutMs = UI_TIMEOUT_MS,
): Promise<string> {
  try {
    const handle = await page.waitForFunction(
      ([id, source, flags]) => {
        const { document } = globalThis as unknown as PageGlobals;
        const element = document.querySelector(`[data-testid="${id}"]`);
        const text = element?.textContent?.trim() ?? null;
        return text !== null && new RegExp(source, flags).test(text) ? text : null;
      },
      [testId, pattern.source, pattern.flags] as const,
      { timeout: timeoutMs },
    );
    return (await handle.jsonValue()) as string;
  } catch (error) {
    throw new WaitTimeoutError(
      `"${testId}" never matched ${String(pattern)} within ${timeoutMs} ms; it shows "${await textOf(page, testId)}" (${(error as Error).message.split('\n')[0]})`,
    );
  }
}

/** Waits until the first element with `testId` has `attribute` equal to `value`. */
export async function waitForAttribute(
  page: Page,
  testId: string,
  attribute: string,
  value: string,
  timeoutMs = UI_TIMEOUT_MS,
): Promise<void> {
  try {
    await page.waitForFunction(
      ([id, name, expected]) =>
        (globalThis as unknown as PageGlobals).document
          .querySelector(`[data-testid="${id}"]`)
          ?.getAttribute(name) === expected,
      [testId, attribute, value] as const,
      { timeout: timeoutMs },
    );
  } catch {
    const actual = await page
      .getByTestId(testId)
      .first()
      .getAttribute(attribute, { timeout: 1000 })
      .catch(() => null);
    throw new WaitTimeoutError(
      `"${testId}" never had ${attribute}="${value}" within ${timeoutMs} ms (it has ${JSON.stringify(actual)})`,
    );
  }
}

/** Waits until the first element with `testId` takes input (a control, or a fieldset of them). */
export async function waitForEnabled(page: Page, testId: string, timeoutMs = UI_TIMEOUT_MS): Promise<void> {
  try {
    await page.waitForFunction(
      (id) =>
        (globalThis as unknown as PageGlobals).document.querySelector(`[data-testid="${id}"]:enabled`) !==
        null,
      testId,
      { timeout: timeoutMs },
    );
  } catch {
    throw new WaitTimeoutError(`"${testId}" was absent or disabled for ${timeoutMs} ms`);
  }
}

/** Waits until at least `min` elements carry `testId`; returns how many there are. */
export async function waitForCount(
  page: Page,
  testId: string,
  min: number,
  timeoutMs = UI_TIMEOUT_MS,
): Promise<number> {
  try {
    const handle = await page.waitForFunction(
      ([id, least]) => {
        const { document } = globalThis as unknown as PageGlobals;
        const count = document.querySelectorAll(`[data-testid="${id}"]`).length;
        return count >= least ? count : null;
      },
      [testId, min] as const,
      { timeout: timeoutMs },
    );
    return (await handle.jsonValue()) as number;
  } catch {
    const found = await page.getByTestId(testId).count();
    throw new WaitTimeoutError(`expected at least ${min} "${testId}" within ${timeoutMs} ms, found ${found}`);
  }
}

/** Waits until no element carries `testId`. */
export async function waitForAbsent(page: Page, testId: string, timeoutMs = UI_TIMEOUT_MS): Promise<void> {
  await page.getByTestId(testId).first().waitFor({ state: 'detached', timeout: timeoutMs });
}

/** The value shown on a summary tile, by its label ("Tweets in window" → "1,234"); '' when absent. */
export async function summaryTile(page: Page, label: string): Promise<string> {
  return page.evaluate((wanted) => {
    const { document } = globalThis as unknown as PageGlobals;
    const tiles = Array.from(document.querySelectorAll('[data-testid="summary"] .tile'));
    const tile = tiles.find((t) => t.querySelector('.tile-label')?.textContent?.trim() === wanted);
    return tile?.querySelector('.tile-value')?.textContent?.trim() ?? '';
  }, label);
}

/** Parses a count as the dashboard formats it (en locale): "1,234", "12.3K", "4.5M". */
export function parseCount(text: string): number {
  const match = /^([\d,.]+)\s*([KMB]?)$/.exec(text.trim());
  if (!match) return Number.NaN;
  const base = Number(match[1]!.replaceAll(',', ''));
  const scale = { '': 1, K: 1e3, M: 1e6, B: 1e9 }[match[2] as '' | 'K' | 'M' | 'B'];
  return base * scale;
}

/** Polls `probe` (a server read, say) until `accept` holds; bounded, for state outside the page. */
export function pollUntil<T>(
  what: string,
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = UI_TIMEOUT_MS,
): Promise<T> {
  return pollWithin(what, probe, accept, { timeoutMs });
}
