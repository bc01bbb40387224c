// Files under the data directory: confinement, listing and streaming line reading, and the line
// splitter the live stream shares.
export {
  PathOutsideDataDirError,
  DataDirNotFoundError,
  DataFileNotFoundError,
  LineReadError,
} from './errors';
export { resolveDataFile, listDataFiles, realDataDir, dataFileName, isRecordingName } from './data-dir';
export { readLines, readLineBatches, isGzipFile } from './line-reader';
export type { FileLine, LineReaderOptions } from './line-reader';
export { LineSplitter, DEFAULT_MAX_LINE_BYTES, type LineCallback } from './line-splitter';
export { recordingKind } from './recording-kind';
