// Files under the data directory: confinement, listing and streaming line reading.
export {
  PathOutsideDataDirError,
  DataDirNotFoundError,
  DataFileNotFoundError,
  LineReadError,
} from './errors.js';
export { resolveDataFile, listDataFiles, realDataDir, dataFileName, isRecordingName } from './data-dir.js';
export { readLines, readLineBatches, isGzipFile } from './line-reader.js';
export type { FileLine, LineReaderOptions } from './line-reader.js';
export { recordingKind } from './recording-kind.js';
