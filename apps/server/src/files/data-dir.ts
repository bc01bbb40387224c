// Confines every file the server opens to the configured data directory: real paths (symlinks
// resolved) must stay inside it, and `..`, NUL bytes and outside absolute paths are refused.
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DataFile } from '@hashpulse/protocol';
import { DataDirNotFoundError, DataFileNotFoundError, PathOutsideDataDirError } from './errors.js';
import { detectFileKind } from './recording-kind.js';

const RECORDING_SUFFIXES = ['.jsonl', '.jsonl.gz', '.json'];
/** Bounds the directory walk so a huge or cyclic tree cannot stall a request. */
export const LISTING_LIMITS = { maxDepth: 8, maxFiles: 10_000 } as const;

export interface ListingLimits {
  /** Directories below the data directory that are walked (0: only its own files). */
  maxDepth: number;
  /** Files listed at most; the walk stops once it has them. */
  maxFiles: number;
}

/** Whether a file name looks like a recording the replay can play. */
export function isRecordingName(name: string): boolean {
  const lower = name.toLowerCase();
  return RECORDING_SUFFIXES.some((suffix) => lower.endsWith(suffix));
}

/** The real path of the data directory, or DataDirNotFoundError. */
export async function realDataDir(dataDir: string): Promise<string> {
  let real: string;
  try {
    real = await realpath(path.resolve(dataDir));
  } catch (error) {
    throw new DataDirNotFoundError(
      `data directory ${path.resolve(dataDir)} does not exist: create it or set DATA_DIR to an existing directory`,
      { cause: error },
    );
  }
  if (!(await stat(real)).isDirectory()) {
    throw new DataDirNotFoundError(`data directory ${real} is not a directory: set DATA_DIR to a directory`);
  }
  return real;
}

function isInside(dir: string, candidate: string): boolean {
  const relative = path.relative(dir, candidate);
  // `..` as a whole segment leaves the directory; a name that merely starts with dots does not.
  const leaves = relative === '..' || relative.startsWith(`..${path.sep}`);
  return relative !== '' && !leaves && !path.isAbsolute(relative);
}

/**
 * Resolves `name` (relative to the data directory, or absolute inside it) to the real path of a
 * regular file inside the data directory. Throws PathOutsideDataDirError for anything that would
 * leave it and DataFileNotFoundError for a missing file or a directory.
 */
export async function resolveDataFile(dataDir: string, name: string): Promise<string> {
  const root = await realDataDir(dataDir);
  const allowed = `only files under the data directory ${root} can be opened (names relative to it, without "..")`;
  if (typeof name !== 'string' || name.trim() === '') {
    throw new PathOutsideDataDirError(`an empty file name was given: ${allowed}`);
  }
  if (name.includes('\0')) {
    throw new PathOutsideDataDirError(`file name ${JSON.stringify(name)} contains a NUL byte: ${allowed}`);
  }
  if (name.split(/[\\/]/).includes('..')) {
    throw new PathOutsideDataDirError(`file name ${JSON.stringify(name)} contains "..": ${allowed}`);
  }
  const requested = path.resolve(root, name);
  // Checked before touching the file system, so probing outside paths reveals nothing about them.
  if (!isInside(root, requested) && !isInside(path.resolve(dataDir), requested)) {
    throw new PathOutsideDataDirError(`${JSON.stringify(name)} is outside the data directory: ${allowed}`);
  }
  let real: string;
  try {
    real = await realpath(requested);
  } catch (error) {
    throw new DataFileNotFoundError(
      `${JSON.stringify(name)} does not exist in the data directory ${root}: list the files with GET /api/replay/files`,
      { cause: error },
    );
  }
  if (!isInside(root, real)) {
    throw new PathOutsideDataDirError(
      `${JSON.stringify(name)} resolves (through a symbolic link) to ${real}, outside the data directory: ${allowed}`,
    );
  }
  if (!(await stat(real)).isFile()) {
    throw new DataFileNotFoundError(`${JSON.stringify(name)} is not a regular file: name a recording file`);
  }
  return real;
}

/** The display name of a resolved file: its path relative to the data directory, with `/`. */
export function dataFileName(realRoot: string, realFile: string): string {
  return path.relative(realRoot, realFile).split(path.sep).join('/');
}

/**
 * The recordings under the data directory (.jsonl, .jsonl.gz, .json), sorted by name, each with
 * what it holds. Symbolic links are listed only when their target stays inside the directory;
 * hidden entries are skipped.
 */
export async function listDataFiles(
  dataDir: string,
  limits: ListingLimits = LISTING_LIMITS,
): Promise<DataFile[]> {
  const root = await realDataDir(dataDir);
  const files: DataFile[] = [];
  async function walk(dir: string, depth: number): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (files.length >= limits.maxFiles) return;
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      let target = full;
      // Stryker disable next-line ConditionalExpression: speed only, the real path of an entry that is no link (in a directory walked without following links) is the entry itself
      if (entry.isSymbolicLink()) {
        try {
          target = await realpath(full);
        } catch {
          continue; // a dangling link names nothing that could be replayed
        }
        if (!isInside(root, target)) continue;
      }
      const info = entry.isSymbolicLink() ? await stat(target) : await lstat(full);
      if (info.isDirectory()) {
        if (depth < limits.maxDepth && !entry.isSymbolicLink()) await walk(full, depth + 1);
      } else if (info.isFile() && isRecordingName(entry.name)) {
        // Bounded (a sample of the file) and cached by size and mtime: a listing stays cheap.
        const { kind, records, complete, summary } = await detectFileKind(target);
        files.push({
          name: dataFileName(root, full),
          kind,
          bytes: info.size,
          modifiedAt: Math.round(info.mtimeMs),
          records: complete ? records : null,
          summary,
        });
      }
    }
  }
  await walk(root, 0);
  // Names are unique paths, so no two compare equal; V8's sort reads only whether the result is
  // below zero, so 0 or 1 for "after" orders alike.
  // Stryker disable next-line EqualityOperator,ConditionalExpression: equivalent (see above)
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
