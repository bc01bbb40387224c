// Does the dashboard stay responsive at 10,000 tweets/s? Replays a generated 1,000 tweets/s
// stream at 10x through the real server and measures, in headless Chromium, frames per second,
// the longest gap between frames and the main thread's long tasks, plus the rate the server
// actually processed.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { machineInfo } from './machine.js';
import { launchBrowser } from '../e2e/support/browser.js';
import { writeGeneratedStream } from '../apps/server/src/generate/index.js';
import { startTestServer } from '../apps/server/test/support/test-server.js';

const MEASURE_MS = 15_000;
const WARM_UP_MS = 5_000;

interface PageFigures {
  frames: number;
  maxFrameGapMs: number;
  longTasks: number;
  longTaskMs: number;
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-dashboard-bench-'));
try {
  const generated = await writeGeneratedStream({
    out: path.join(dataDir, 'busy.jsonl.gz'),
    profilesOut: path.join(dataDir, 'busy.users.jsonl'),
    minutes: 4,
    rate: 1000,
    seed: 11,
    startMs: Date.UTC(2024, 2, 1, 12, 0, 0),
  });
  const server = await startTestServer({
    DATA_DIR: dataDir,
    DEMO_FILES: 'busy.jsonl.gz',
    PROFILES_FILE: path.join(dataDir, 'busy.users.jsonl'),
    REPLAY_SPEED: '10',
    BATCH_INTERVAL: '1s',
    WINDOW_LENGTH: '1m',
    SLIDE: '1s',
    LOG_LEVEL: 'error',
  });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await page.waitForTimeout(WARM_UP_MS);
    const recordsBefore = await processedRecords(server.url);
    const startedAt = Date.now();
    const figures = (await page.evaluate(measureInPage(MEASURE_MS))) as PageFigures;
    const seconds = (Date.now() - startedAt) / 1000;
    const processed = (await processedRecords(server.url)) - recordsBefore;
    console.log(
      JSON.stringify(
        {
          benchmark: 'dashboard responsiveness under a 10x replay of a 1,000 tweets/s stream',
          setup: {
            generatedTweets: generated.tweets,
            replaySpeed: 10,
            batchInterval: '1s',
            window: '1m',
            slide: '1s',
          },
          serverTweetsPerSecond: Math.round(processed / seconds),
          page: {
            fps: Math.round((figures.frames / seconds) * 10) / 10,
            maxFrameGapMs: Math.round(figures.maxFrameGapMs),
            longTasks: figures.longTasks,
            longTaskMsPerSecond: Math.round(figures.longTaskMs / seconds),
          },
          machine: machineInfo(),
        },
        null,
        2,
      ),
    );
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

/**
 * The in-page measurement, as source text: tsx would wrap a function literal with helpers that
 * do not exist in the page.
 */
function measureInPage(measureMs: number): string {
  return `new Promise((resolve) => {
    const result = { frames: 0, maxFrameGapMs: 0, longTasks: 0, longTaskMs: 0 };
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) { result.longTasks++; result.longTaskMs += entry.duration; }
    });
    observer.observe({ type: 'longtask', buffered: false });
    let last = performance.now();
    const end = last + ${measureMs};
    const frame = (now) => {
      result.frames++;
      result.maxFrameGapMs = Math.max(result.maxFrameGapMs, now - last);
      last = now;
      if (now < end) requestAnimationFrame(frame);
      else { observer.disconnect(); resolve(result); }
    };
    requestAnimationFrame(frame);
  })`;
}

async function processedRecords(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = /^hashpulse_records_total (\d+)/m.exec(text);
  return match ? Number(match[1]) : 0;
}
process.exit(0);
