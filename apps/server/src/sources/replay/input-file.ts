// The files a replay or an offline analysis reads: resolved once, with a display name and size.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { realDataDir, resolveDataFile, dataFileName, DataFileNotFoundError } from '../../files/index.js';

export interface InputFile {
  /** Real path to open. */
  path: string;
  /** Name shown in progress, problems and checkpoints (relative to the data directory when confined). */
  name: string;
  bytes: number;
}

/** Files named relative to the data directory; anything outside it is refused (PathOutsideDataDirError). */
export async function inputFilesInDataDir(dataDir: string, names: readonly string[]): Promise<InputFile[]> {
  const root = await realDataDir(dataDir);
  const files: InputFile[] = [];
  for (const name of names) {
    const real = await resolveDataFile(dataDir, name);
    files.push({ path: real, name: dataFileName(root, real), bytes: (await stat(real)).size });
  }
  return files;
}

/** Files given on a command line, not confined (the offline CLI reads what its user names). */
export async function inputFilesFromPaths(paths: readonly string[]): Promise<InputFile[]> {
  const files: InputFile[] = [];
  for (const file of paths) {
    const info = await stat(file).catch((error: unknown) => {
      throw new DataFileNotFoundError(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
    });
    if (!info.isFile())
      throw new DataFileNotFoundError(`${file} is not a regular file: name a recording file`);
    files.push({ path: path.resolve(file), name: file, bytes: info.size });
  }
  return files;
}
