// The replay file picker offers only recordings: a profiles file, binary data or an empty file is
// listed as not startable with the reason inline, and a start the server refuses (a file that
// changed since it was listed) shows the server's reason where the start was made.
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser, openDashboard, UI_TIMEOUT_MS } from './support/browser.js';
import { waitForAttribute, waitForCount, waitForText } from './support/dashboard.js';
import { REPO_ROOT, serverStatus, startTestServer, type RunningHashpulse } from './support/servers.js';

function fileRow(page: Page, name: string): Locator {
  return page.getByTestId('replay-file').filter({ has: page.getByText(name, { exact: true }) });
}

describe('the replay file picker with files that are not recordings', () => {
  let dataDir: string;
  let server: RunningHashpulse;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-e2e-files-'));
    await copyFile(path.join(REPO_ROOT, 'data/demo/tweets.jsonl.gz'), path.join(dataDir, 'demo.jsonl.gz'));
    await copyFile(path.join(REPO_ROOT, 'data/demo/users.jsonl'), path.join(dataDir, 'users.jsonl'));
    await copyFile(
      path.join(REPO_ROOT, 'test-data/x-api-v2/two_tweets.jsonl'),
      path.join(dataDir, 'second.jsonl'),
    );
    await writeFile(
      path.join(dataDir, 'binary.jsonl'),
      Buffer.from([0x00, 0x1b, 0x5b, 0x32, 0x4a, 0xff, 0xfe]),
    );
    await writeFile(path.join(dataDir, 'empty.jsonl'), '');
    [server, browser] = await Promise.all([
      startTestServer({ DATA_DIR: dataDir, DEMO_FILES: 'demo.jsonl.gz', REPLAY_SPEED: '10' }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists non-recordings as not startable with their reason, and shows a refused start inline', async () => {
    const dashboard = await openDashboard(browser, server.url);
    context = dashboard.context;
    const { page } = dashboard;
    await waitForAttribute(page, 'source-state', 'data-state', 'running');
    expect(await waitForCount(page, 'replay-file', 5)).toBe(5);

    const reasons = {
      'users.jsonl': 'Cannot be replayed: it holds 2,762 user profiles.',
      'binary.jsonl': 'Cannot be replayed: it holds binary data.',
      'empty.jsonl': 'Cannot be replayed: it is empty (0 bytes).',
    };
    for (const [name, reason] of Object.entries(reasons)) {
      const row = fileRow(page, name);
      expect(await row.getAttribute('data-startable'), name).toBe('false');
      expect(await row.getByRole('checkbox').isDisabled(), name).toBe(true);
      expect(await row.getByTestId('replay-file-reason').textContent(), name).toBe(reason);
      // The reason is tied to the checkbox, so assistive technology reads it too.
      const describedBy = await row.getByRole('checkbox').getAttribute('aria-describedby');
      expect(await row.getByTestId('replay-file-reason').getAttribute('id')).toBe(describedBy);
    }
    for (const name of ['demo.jsonl.gz', 'second.jsonl']) {
      const row = fileRow(page, name);
      expect(await row.getAttribute('data-startable'), name).toBe('true');
      expect(await row.getByRole('checkbox').isEnabled(), name).toBe(true);
      expect(await row.getByTestId('replay-file-reason').count(), name).toBe(0);
    }

    // A file that held tweets when listed but holds binary data by the time Start is pressed: the
    // server refuses it and the page says why, next to the Start button; the replay plays on.
    await fileRow(page, 'second.jsonl').getByRole('checkbox').check();
    await writeFile(path.join(dataDir, 'second.jsonl'), Buffer.alloc(4096, 0));
    await page.getByTestId('replay-start').click();
    const shown = await waitForText(page, 'replay-error', /second\.jsonl holds binary data, not tweets/);
    expect(shown).not.toContain(dataDir);
    const status = await serverStatus(server.url);
    expect(status.state).toBe('running');
    expect(status.replay?.files).toEqual(['demo.jsonl.gz']);

    // Refreshed, the listing now says so too, and the file can no longer be picked.
    await page.getByRole('button', { name: 'Refresh files' }).click();
    const second = fileRow(page, 'second.jsonl');
    await second.getByTestId('replay-file-reason').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await second.getAttribute('data-startable')).toBe('false');
    expect(await second.getByRole('checkbox').isDisabled()).toBe(true);
    expect(dashboard.problems.pageErrors).toEqual([]);
  });
});
