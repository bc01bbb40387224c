// Copies a profiles file into a store in batches (what `hashpulse profiles import` runs), reporting
// progress per batch and every malformed line, so a large file never sits in memory whole. A file
// that holds something else (a tweet recording, binary data, nothing) is refused before any write.
import { resolve } from 'node:path';
import { assertFileKind } from '../files/index.js';
import type { ProfileStore } from './profile-store.js';
import { readProfileFile } from './profile-file-reader.js';
import { profilesInput } from './profiles-input.js';
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

export const PROFILES_IMPORT_INPUT = profilesInput(
  'profiles import',
  'replay it or pass it to `hashpulse analyze`',
);

/**
 * Refuses (WrongFileKindError) a file that holds no profiles. Needed because a tweet object passes
 * as a profile with only an id: unchecked, a recording imports as thousands of empty profiles.
 */
export async function assertProfilesFile(path: string): Promise<void> {
  await assertFileKind(resolve(path), path, PROFILES_IMPORT_INPUT);
}

export async function importProfiles(
  path: string,
  store: ProfileStore,
  options: ImportProfilesOptions = {},
): Promise<ImportResult> {
  await assertProfilesFile(path);
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
