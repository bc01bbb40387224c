// `npm run screenshot`: starts the real server on the bundled demo, opens the dashboard in headless
// Chromium (1440x900, light theme), waits until the charts hold a minute of data and writes
// docs/screenshot.png, the picture the README shows.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser, openDashboard } from './support/browser.js';
import { pollUntil, waitForCount, waitForText } from './support/dashboard.js';
import type { PageGlobals } from './support/page-globals.js';
import { windowEnds } from './support/socket-log.js';
import { REPO_ROOT, startTestServer } from './support/servers.js';

const OUTPUT = path.join(REPO_ROOT, 'docs/screenshot.png');
const VIEWPORT = { width: 1440, height: 900 };
const MINUTE_MS = 60_000;

async function main(): Promise<void> {
  if (!existsSync(path.join(REPO_ROOT, 'apps/web/dist/index.html'))) {
    throw new Error('the dashboard is not built (apps/web/dist is missing): run "npm run build" first');
  }
  const server = await startTestServer();
  const browser = await launchBrowser();
  try {
    const { page, socket, problems } = await openDashboard(browser, server.url, {
      viewport: VIEWPORT,
      colorScheme: 'light',
      deviceScaleFactor: 1,
    });
    // A minute of windows behind the newest one, so the trend and sentiment lines have a shape.
    await pollUntil(
      'a minute of window updates',
      async () => {
        const ends = windowEnds(socket);
        return ends.length === 0 ? 0 : ends.at(-1)! - ends[0]!;
      },
      (span) => span >= MINUTE_MS,
      60_000,
    );
    await waitForCount(page, 'tag-link', 5);
    await waitForCount(page, 'feed-item', 3);
    await waitForText(page, 'engine-health', /last [1-9]/);
    await waitForText(page, 'source-badge', /replay · running/);
    // Charts redraw at most once a second: let them draw the newest windows before the picture.
    const seen = socket.windows.length;
    await pollUntil(
      'two more window updates',
      async () => socket.windows.length,
      (n) => n >= seen + 2,
    );
    await page.waitForTimeout(1200);

    // Everything above the "Controls" heading: the data panels, not the forms.
    const height = await page.evaluate(() => {
      const { document } = globalThis as unknown as PageGlobals;
      const controls = document.querySelector('.section-title');
      return Math.ceil(controls?.getBoundingClientRect().top ?? document.body.scrollHeight);
    });
    await mkdir(path.dirname(OUTPUT), { recursive: true });
    await page.screenshot({
      path: OUTPUT,
      fullPage: true,
      clip: { x: 0, y: 0, width: VIEWPORT.width, height },
    });
    const trouble = [...problems.consoleErrors, ...problems.pageErrors, ...problems.cspViolations];
    if (trouble.length > 0)
      throw new Error(`the page reported problems while the screenshot was taken: ${trouble.join('; ')}`);
    console.log(
      JSON.stringify({
        screenshot: path.relative(REPO_ROOT, OUTPUT),
        width: VIEWPORT.width,
        height,
        windowsReceived: socket.windows.length,
      }),
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(`screenshot failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
