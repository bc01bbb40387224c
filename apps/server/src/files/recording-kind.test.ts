import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { recordingKind } from './recording-kind.js';

const SHARED = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../..',
  'test-data/x-api-v2',
);

describe('telling tweet recordings from other files', () => {
  it.each([
    ['streaming_output_with_error.jsonl', 'tweets'],
    ['brexit.jsonl', 'tweets'],
    ['flat.jsonl', 'tweets'],
    ['tweets_compliance.jsonl', 'notices'],
    ['users.jsonl', 'profiles'],
  ])('%s holds %s', async (name, kind) => {
    expect(await recordingKind(path.join(SHARED, name))).toBe(kind);
  });

  it('calls an empty, garbage or missing file "other"', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'hashpulse-kind-'));
    try {
      await writeFile(path.join(dir, 'empty.jsonl'), '');
      await writeFile(path.join(dir, 'garbage.jsonl'), 'not json at all\n');
      expect(await recordingKind(path.join(dir, 'empty.jsonl'))).toBe('other');
      expect(await recordingKind(path.join(dir, 'garbage.jsonl'))).toBe('other');
      expect(await recordingKind(path.join(dir, 'missing.jsonl'))).toBe('other');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
