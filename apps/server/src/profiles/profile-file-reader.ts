// Streams a profiles file (JSONL or CSV, optionally .gz) as batches of profiles, line by line, so a
// store can load it and `profiles import` can send it to PostgreSQL without holding it all.
// A malformed line is reported with its line number and skipped; the rest of the file goes on.
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { createMemberParser } from '@hashpulse/fast-json';
import type { Profile } from '@hashpulse/tweets';
import { LineReadError, readLineBatches } from '../files/index.js';
import type { FileLine, LineEncoding } from '../files/index.js';
import { csvColumns, profileFromCsvFields } from './csv-profiles.js';
import type { CsvColumns } from './csv-profiles.js';
import { splitCsvLine } from './csv-line.js';
import { ProfileFileError } from './errors.js';
import {
  PROFILE_MEMBERS,
  profilesFromJsonLine,
  profilesFromRecord,
  type LineProfiles,
} from './jsonl-profiles.js';

/**
 * JSONL lines are parsed natively from their bytes to the members a profile is made of, where the
 * native parser is built: a profiles file's lines hold characters beyond ASCII, which made each
 * line's UTF-8 string two bytes a character, and JSON.parse built every member of every user.
 * Loading the 184k profiles of the 1M generated stream took 0.40-0.41 CPU s from a cold start
 * against 0.61-0.63 (two runs each). A line the parser leaves (not JSON as simdjson reads it, a
 * byte-order mark, a blank line) is read as text as before.
 */
const profileParser = createMemberParser(PROFILE_MEMBERS);

export type ProfileFileFormat = 'jsonl' | 'csv';
// Either format may be gzip-compressed: the line reader recognises gzip by its magic bytes.

export interface MalformedProfileLine {
  path: string;
  /** 1-based line number in the (decompressed) file. */
  line: number;
  reason: string;
}

export interface ProfileFileReadOptions {
  /** Default: from the name, `.csv` (or `.csv.gz`) is CSV, anything else JSONL. */
  format?: ProfileFileFormat;
  /** Profiles per yielded batch (default 1000). */
  batchSize?: number;
  /** Called once per malformed line (or bad user inside a JSONL page); the line is skipped. */
  onMalformed?: (malformed: MalformedProfileLine) => void;
}

export interface ProfileBatch {
  profiles: Profile[];
  /** Lines read so far. */
  lines: number;
  /** Bytes of the file (compressed, if it is) read so far, and its size: for progress. */
  bytesRead: number;
  totalBytes: number;
}

export function profileFileFormat(path: string): ProfileFileFormat {
  return /\.csv(\.gz)?$/i.test(path) ? 'csv' : 'jsonl';
}

function describeOpenError(path: string, error: NodeJS.ErrnoException): ProfileFileError {
  const why =
    error.code === 'ENOENT'
      ? 'no such file'
      : error.code === 'EACCES' || error.code === 'EPERM'
        ? 'permission denied'
        : error.code === 'EISDIR'
          ? 'it is a directory'
          : error.message;
  return new ProfileFileError(
    path,
    `cannot read profiles file ${path}: ${why}; pass a readable JSONL or CSV file of user profiles`,
    { cause: error },
  );
}

async function openProfileFile(path: string): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw describeOpenError(path, error as NodeJS.ErrnoException);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile())
      throw Object.assign(new Error('not a file'), { code: stat.isDirectory() ? 'EISDIR' : 'EINVAL' });
    return { handle, size: stat.size };
  } catch (error) {
    await handle.close();
    throw describeOpenError(path, error as NodeJS.ErrnoException);
  }
}

/** Fails fast, with the same clear message as reading would, when the file cannot be read. */
export async function assertReadableProfileFile(path: string): Promise<void> {
  const { handle } = await openProfileFile(path);
  await handle.close();
}

/**
 * Yields the file's lines with their numbers through the server's shared line reader (bounded
 * memory, gzip recognised by its magic bytes); read errors become ProfileFileError.
 */
async function* fileLines(
  path: string,
  progress: { bytesRead: number; totalBytes: number },
  encoding: LineEncoding,
): AsyncGenerator<FileLine> {
  const { handle, size } = await openProfileFile(path);
  await handle.close();
  progress.totalBytes = size;
  try {
    for await (const batch of readLineBatches(path, { encoding })) {
      for (const line of batch) {
        progress.bytesRead = line.bytesRead;
        yield line;
      }
    }
  } catch (error) {
    if (error instanceof LineReadError) {
      throw new ProfileFileError(path, `cannot read profiles file ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/** A line's text, without a byte-order mark opening the file. */
function textOf({ lineNumber, text, bytes, start, end }: FileLine): string {
  const whole = bytes === null ? text : bytes.toString('utf8', start, end);
  return lineNumber === 1 && whole.charCodeAt(0) === 0xfeff ? whole.slice(1) : whole;
}

/** A JSONL line's profiles and problems, parsed natively from its bytes or from its text; null when blank. */
function jsonlProfiles(fileLine: FileLine): LineProfiles | null {
  const { bytes, start, end } = fileLine;
  const record = bytes === null ? undefined : profileParser?.parse(bytes, start, end);
  if (record !== undefined) return profilesFromRecord(record);
  const line = textOf(fileLine);
  return line.trim() === '' ? null : profilesFromJsonLine(line);
}

export async function* readProfileFile(
  path: string,
  options: ProfileFileReadOptions = {},
): AsyncGenerator<ProfileBatch> {
  const format = options.format ?? profileFileFormat(path);
  const batchSize = Math.max(1, options.batchSize ?? 1000);
  const report = (line: number, reason: string): void => options.onMalformed?.({ path, line, reason });
  const progress = { bytesRead: 0, totalBytes: 0 };
  let columns: CsvColumns | undefined;
  let batch: Profile[] = [];
  let lines = 0;

  const encoding = format === 'jsonl' && profileParser !== null ? 'bytes' : 'utf8';
  for await (const fileLine of fileLines(path, progress, encoding)) {
    const { lineNumber: number, oversized } = fileLine;
    lines = number;
    if (oversized) {
      report(number, 'line longer than 16 MiB, not read');
      continue;
    }
    if (format === 'jsonl') {
      const found = jsonlProfiles(fileLine);
      if (found === null) continue;
      for (const profile of found.profiles) batch.push(profile);
      for (const problem of found.problems) report(number, problem);
    } else {
      const line = textOf(fileLine);
      if (line.trim() === '') continue;
      const split = splitCsvLine(line);
      if (!split.ok) {
        if (columns === undefined) {
          throw new ProfileFileError(
            path,
            `${path}:${number}: cannot read the CSV header row: ${split.reason}`,
          );
        }
        report(number, split.reason);
        continue;
      }
      if (columns === undefined) {
        const header = csvColumns(split.fields);
        if ('reason' in header) throw new ProfileFileError(path, `${path}:${number}: ${header.reason}`);
        columns = header;
        continue;
      }
      const decoded = profileFromCsvFields(split.fields, columns);
      if (decoded.ok) batch.push(decoded.profile);
      else report(number, decoded.reason);
    }
    if (batch.length >= batchSize) {
      yield { profiles: batch, lines, ...progress };
      batch = [];
    }
  }
  // Always a last batch, even empty, so callers learn the final line count and byte position.
  yield { profiles: batch, lines, ...progress };
}
