// Locates the reference data copied into the repository (test-data/, with its licences).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const X_API_V2 = path.resolve(repoRoot, 'test-data/x-api-v2');
export const SENTIMENT_SET = path.resolve(repoRoot, 'test-data/sentiment/vader_tweets_groundtruth.tsv');

/** The lines of a recording, without the empty string after the final newline. */
export function recordingLines(file: string): string[] {
  const lines = readFileSync(path.join(X_API_V2, file), 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
