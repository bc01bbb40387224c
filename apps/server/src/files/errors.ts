// Typed errors for opening and reading files under the data directory; each message says what is
// allowed or what to do next.
import type { DataFileKind } from '@hashpulse/protocol';
import { HashpulseError } from '../errors.js';

/** A requested path is not a file inside the configured data directory. */
export class PathOutsideDataDirError extends HashpulseError {
  override readonly name = 'PathOutsideDataDirError';
  override readonly code = 'HP_ERR_SERVER_PATH_OUTSIDE_DATA_DIR';
}

/** The data directory itself is missing or not a directory. */
export class DataDirNotFoundError extends HashpulseError {
  override readonly name = 'DataDirNotFoundError';
  override readonly code = 'HP_ERR_SERVER_DATA_DIR_NOT_FOUND';
}

/** A path inside the data directory that does not name a readable regular file. */
export class DataFileNotFoundError extends HashpulseError {
  override readonly name = 'DataFileNotFoundError';
  override readonly code = 'HP_ERR_SERVER_DATA_FILE_NOT_FOUND';
}

/**
 * Reading a file failed part-way (a truncated gzip stream, an I/O error). Every line before the
 * failure has already been delivered; `linesRead` says how many.
 */
export class LineReadError extends HashpulseError {
  override readonly name = 'LineReadError';
  override readonly code = 'HP_ERR_SERVER_LINE_READ';
  constructor(
    message: string,
    readonly file: string,
    readonly linesRead: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Which bound of a limited read was reached (see ReadLimits in line-reader.ts). */
export type ReadLimit = 'file-bytes' | 'bytes' | 'ratio';

/**
 * A limited read (listing, kind detection) reached one of its bounds; every complete line before
 * it has been delivered. Not a failure of the file: only the part read can be judged.
 */
export class ReadLimitError extends HashpulseError {
  override readonly name = 'ReadLimitError';
  override readonly code = 'HP_ERR_SERVER_READ_LIMIT';
  constructor(
    message: string,
    readonly file: string,
    readonly limit: ReadLimit,
    readonly fileBytesRead: number,
    readonly bytesRead: number,
    /** The start of the unterminated line held when reading stopped ('' when there was none). */
    readonly rest: string = '',
  ) {
    super(message);
  }
}

/**
 * A command was given a file of the wrong kind (profiles where tweets belong, binary data...). The
 * message says what the file holds and what to do; the API answers 400 with it.
 */
export class WrongFileKindError extends HashpulseError {
  override readonly name = 'WrongFileKindError';
  override readonly code = 'HP_ERR_SERVER_WRONG_FILE_KIND';
  readonly statusCode = 400;
  constructor(
    message: string,
    readonly kind: DataFileKind,
  ) {
    super(message);
  }
}
