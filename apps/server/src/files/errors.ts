// Typed errors for opening and reading files under the data directory; each message says what is
// allowed or what to do next.
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
