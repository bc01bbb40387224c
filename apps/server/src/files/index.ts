// Files under the data directory: confinement, listing and streaming line reading, and the line
// splitter the live stream shares.
export {
  PathOutsideDataDirError,
  DataDirNotFoundError,
  DataFileNotFoundError,
  LineReadError,
} from './errors.js';
export { resolveDataFile, listDataFiles, realDataDir, dataFileName, isRecordingName } from './data-dir.js';
export { readLines, readLineBatches, isGzipFile } from './line-reader.js';
export type { FileLine, LineReaderOptions } from './line-reader.js';
export { LineSplitter, DEFAULT_MAX_LINE_BYTES, type LineCallback } from './line-splitter.js';
export { recordingKind } from './recording-kind.js';
