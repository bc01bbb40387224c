// Headless Debian Chromium driven by playwright-core, and dashboard pages that record every console
// error, uncaught page error and Content-Security-Policy violation, so a test can assert a clean run.
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { recordSocket, type SocketLog } from './socket-log.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** How long any single wait for the page may take before the test fails (well under vitest's 60 s). */
export const UI_TIMEOUT_MS = 15_000;

export class BrowserUnavailableError extends Error {
  override name = 'BrowserUnavailableError';
}

/** One browser per test file: launch it in beforeAll, close it in afterAll. */
export async function launchBrowser(): Promise<Browser> {
  try {
    return await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      timeout: 30_000,
    });
  } catch (error) {
    throw new BrowserUnavailableError(
      `could not start Chromium at ${CHROMIUM_PATH} (${(error as Error).message}); install it with "apt-get install chromium" (.ci/run does)`,
    );
  }
}

export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  cspViolations: string[];
}

export interface DashboardTab {
  page: Page;
  problems: PageProblems;
  /** What the page received over socket.io, recorded from before its first connection. */
  socket: SocketLog;
}

export interface DashboardPage extends DashboardTab {
  context: BrowserContext;
}

// The page reports CSP violations to the test through an exposed binding; the init script runs
// before any of the dashboard's own scripts, so nothing is missed from the first request on.
const CSP_LISTENER = `
  document.addEventListener('securitypolicyviolation', (event) => {
    const text = event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') +
      ' (' + (event.sourceFile || 'unknown source') + ':' + event.lineNumber + ')';
    window.__hashpulseReport(window.location.href, text);
  });
`;

/** A fresh context (own storage, theme, network) whose pages report CSP violations. */
export async function newDashboardContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    colorScheme: 'light',
    ...options,
  });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  await context.exposeBinding('__hashpulseReport', ({ page }, _href: string, text: string) => {
    cspReports.get(page)?.push(text);
  });
  await context.addInitScript(CSP_LISTENER);
  return context;
}

const cspReports = new WeakMap<Page, string[]>();

/** Opens the dashboard in a new tab of `context` and waits until it shows `readyTestId`. */
export async function openTab(
  context: BrowserContext,
  url: string,
  readyTestId: string | null = 'window-label',
): Promise<DashboardTab> {
  const page = await context.newPage();
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], cspViolations: [] };
  cspReports.set(page, problems.cspViolations);
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));
  const socket = recordSocket(page);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  if (readyTestId !== null) await page.getByTestId(readyTestId).first().waitFor({ timeout: UI_TIMEOUT_MS });
  return { page, problems, socket };
}

/** A fresh context with one dashboard tab: what most tests need. */
export async function openDashboard(
  browser: Browser,
  url: string,
  options: BrowserContextOptions & { readyTestId?: string | null } = {},
): Promise<DashboardPage> {
  const { readyTestId = 'window-label', ...contextOptions } = options;
  const context = await newDashboardContext(browser, contextOptions);
  return { context, ...(await openTab(context, url, readyTestId)) };
}
