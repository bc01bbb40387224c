import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Tweet } from '@hashpulse/tweets';
import type { OrderedRecord } from './ordered-record.js';
import { TempFileRun } from './runs.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-runs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function record(i: number): OrderedRecord {
  const tweet = {
    id: String(i),
    createdAt: Date.UTC(2024, 0, 1) + i,
    text: `tweet ${i} `.padEnd(1000, 'x'),
    hashtags: [],
  } as unknown as Tweet;
  return { tweet, profiles: [], fileIndex: 0, line: i + 1, tie: i };
}

describe('temporary sort runs', () => {
  it('write many megabytes without leaving a listener per write behind, and read back in order', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      // About 24 MiB: every 1 MiB write waits for a drain, far more than the 10 listeners Node warns at.
      const records = Array.from({ length: 24_000 }, (_, i) => record(i));
      const run = await TempFileRun.write(path.join(dir, 'run.jsonl'), records);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
      const ids: string[] = [];
      for await (const batch of run.batches(undefined, () => {})) for (const r of batch) ids.push(r.tweet.id);
      expect(ids).toEqual(records.map((r) => r.tweet.id));
    } finally {
      process.off('warning', onWarning);
    }
  });
});
