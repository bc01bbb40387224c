// Typed errors for opening and reading files under the data directory; each message says what is
// allowed or what to do next.

/** A requested path is not a file inside the configured data directory. */
export class PathOutsideDataDirError extends Error {
  override name = 'PathOutsideDataDirError';
}

/** The data directory itself is missing or not a directory. */
export class DataDirNotFoundError extends Error {
  override name = 'DataDirNotFoundError';
}

/** A path inside the data directory that does not name a readable regular file. */
export class DataFileNotFoundError extends Error {
  override name = 'DataFileNotFoundError';
}

/**
 * Reading a file failed part-way (a truncated gzip stream, an I/O error). Every line before the
 * failure has already been delivered; `linesRead` says how many.
 */
export class LineReadError extends Error {
  override name = 'LineReadError';
  constructor(
    message: string,
    readonly file: string,
    readonly linesRead: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
