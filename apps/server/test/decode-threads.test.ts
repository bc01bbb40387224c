// DECODE_THREADS: a replay decoded and analysed on threads gives the windows of one decoded on the
// main thread alone, window for window, on the demo and on real recordings with problem lines.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, TEST_DATA } from './support/paths.js';
import { runtimeWindows } from './support/runtime-windows.js';

const WINDOW = { BATCH_INTERVAL: '1s', WINDOW_LENGTH: '60s', SLIDE: '10s' };

describe('decode threads (DECODE_THREADS)', () => {
  it('give the windows of the main thread alone on the demo stream', async () => {
    const demo = {
      DATA_DIR: path.join(REPO_ROOT, 'data'),
      DEMO_FILES: 'demo/tweets.jsonl.gz',
      PROFILES_FILE: path.join(REPO_ROOT, 'data/demo/users.jsonl'),
      ...WINDOW,
    };
    const alone = await runtimeWindows({ ...demo, DECODE_THREADS: '0' });
    const threaded = await runtimeWindows({ ...demo, DECODE_THREADS: '2' });
    expect(alone.length).toBeGreaterThan(50);
    expect(alone.reduce((sum, w) => sum + w.tweets, 0)).toBeGreaterThan(12_000 * 5);
    expect(threaded).toEqual(alone);
  }, 120_000);

  it('give the windows of the main thread alone on every bundled X API recording, problem lines and all', async () => {
    const files = readdirSync(path.join(TEST_DATA, 'x-api-v2'))
      .filter((name) => name.endsWith('.jsonl') && !['users.jsonl', 'tweets_compliance.jsonl'].includes(name))
      .map((name) => `x-api-v2/${name}`);
    const recordings = { DATA_DIR: TEST_DATA, DEMO_FILES: files.join(','), ...WINDOW };
    const alone = await runtimeWindows({ ...recordings, DECODE_THREADS: '0' });
    const threaded = await runtimeWindows({ ...recordings, DECODE_THREADS: '1' });
    expect(alone.some((w) => w.tweets > 0)).toBe(true);
    expect(threaded).toEqual(alone);
  }, 120_000);
});
