// Streams of real-size X API v2 messages for the benches, made from the bundled recordings by
// repeating them with fresh ids and times: the demo stream (one filtered-stream message per tweet,
// with includes) and the test-data recordings (search pages with full expansions).
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Every numeric id gets the copy's suffix (ids stay unique and consistent within a copy), every
 * created_at the given time.
 */
function rewrite(value: unknown, suffix: string, created: string): unknown {
  if (Array.isArray(value)) return value.map((item) => rewrite(item, suffix, created));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if ((key === 'id' || key.endsWith('_id')) && typeof item === 'string' && /^\d+$/.test(item))
      out[key] = item + suffix;
    else if (key === 'created_at' && typeof item === 'string') out[key] = created;
    else out[key] = rewrite(item, suffix, created);
  }
  return out;
}

/** Writes copies of `sources` (lists of parsed records) until `enough(written)`; each copy's clock follows on. */
async function writeCopies(
  file: string,
  sources: unknown[][],
  enough: (bytes: number, tweets: number) => boolean,
  stepMs: (record: unknown) => number,
): Promise<string> {
  if (existsSync(file)) return file;
  const out = createWriteStream(`${file}.part`);
  let bytes = 0;
  let tweets = 0;
  let clock = Date.UTC(2024, 0, 1);
  for (let copy = 0; !enough(bytes, tweets); copy++) {
    for (const [index, records] of sources.entries()) {
      const suffix = String(copy * sources.length + index).padStart(6, '0');
      for (const record of records) {
        const data = (record as { data?: unknown }).data;
        tweets += Array.isArray(data) ? data.length : 1;
        const line = JSON.stringify(rewrite(record, suffix, new Date(clock).toISOString())) + '\n';
        clock += stepMs(record);
        bytes += Buffer.byteLength(line);
        if (!out.write(line)) await once(out, 'drain');
      }
    }
  }
  out.end();
  await once(out, 'close');
  const { rename } = await import('node:fs/promises');
  await rename(`${file}.part`, file);
  return file;
}

/**
 * The test-data recordings (flat + noflat: search pages with full expansions) repeated to about
 * `targetMiB`, about 1,000 tweets a second.
 */
export function realRecording(dir: string, targetMiB: number): Promise<string> {
  const sources = ['flat.jsonl', 'noflat.jsonl'].map((name) =>
    readFileSync(path.join(root, 'test-data/x-api-v2', name), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as unknown),
  );
  return writeCopies(
    path.join(dir, `real-recordings-${targetMiB}.jsonl`),
    sources,
    (bytes) => bytes >= targetMiB * 2 ** 20,
    (record) => {
      const data = (record as { data?: unknown }).data;
      return Array.isArray(data) ? data.length : 1;
    },
  );
}

/**
 * The demo stream (data/demo: filtered-stream messages with includes, 20 tweets a second) repeated
 * to at least `tweets` tweets, each copy's 10 minutes after the last.
 */
export async function demoStream(dir: string, tweets: number): Promise<string> {
  const records: unknown[] = [];
  const lines = createInterface({
    input: createReadStream(path.join(root, 'data/demo/tweets.jsonl.gz')).pipe(createGunzip()),
  });
  for await (const line of lines) if (line.trim() !== '') records.push(JSON.parse(line));
  // The demo's own spacing: 20 tweets a second.
  return writeCopies(
    path.join(dir, `demo-stream-${tweets}.jsonl`),
    [records],
    (_, n) => n >= tweets,
    () => 50,
  );
}
