// Files under the data directory: confinement, listing and streaming line reading.
export {
  PathOutsideDataDirError,
  DataDirNotFoundError,
  DataFileNotFoundError,
  LineReadError,
} from './errors';
export { resolveDataFile, listDataFiles, realDataDir, dataFileName, isRecordingName } from './data-dir';
export { readLines, readLineBatches, isGzipFile } from './line-reader';
export type { FileLine, LineReaderOptions } from './line-reader';
export { recordingKind } from './recording-kind';
