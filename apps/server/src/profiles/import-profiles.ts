// Copies a profiles file into a store in batches (what `hashpulse profiles import` runs), reporting
// progress per batch and every malformed line, so a large file never sits in memory whole.
import type { ProfileStore } from './profile-store.js';
import { readProfileFile } from './profile-file-reader.js';
import type { MalformedProfileLine, ProfileFileFormat } from './profile-file-reader.js';

export interface ImportProgress {
  lines: number;
  imported: number;
  skipped: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ImportProfilesOptions {
  format?: ProfileFileFormat;
  /** Profiles per add() call (default 1000). */
  batchSize?: number;
  onMalformed?: (malformed: MalformedProfileLine) => void;
  /** Called after each stored batch. */
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportResult {
  lines: number;
  /** Profile records stored (a repeated id counts each time it was stored). */
  imported: number;
  skipped: number;
}

export async function importProfiles(
  path: string,
  store: ProfileStore,
  options: ImportProfilesOptions = {},
): Promise<ImportResult> {
  const result: ImportResult = { lines: 0, imported: 0, skipped: 0 };
  const batches = readProfileFile(path, {
    ...(options.format === undefined ? {} : { format: options.format }),
    batchSize: options.batchSize ?? 1000,
    onMalformed: (malformed) => {
      result.skipped += 1;
      options.onMalformed?.(malformed);
    },
  });
  for await (const batch of batches) {
    if (batch.profiles.length > 0) await store.add(batch.profiles);
    result.imported += batch.profiles.length;
    result.lines = batch.lines;
    options.onProgress?.({ ...result, bytesRead: batch.bytesRead, totalBytes: batch.totalBytes });
  }
  return result;
}
