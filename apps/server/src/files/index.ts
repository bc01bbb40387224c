// Files under the data directory: confinement, listing, streaming line reading (bounded for untrusted
// files), what a file holds, and the line splitter the live stream shares.
export {
  PathOutsideDataDirError,
  DataDirNotFoundError,
  DataFileNotFoundError,
  LineReadError,
  ReadLimitError,
  WrongFileKindError,
  type ReadLimit,
} from './errors.js';
export { resolveDataFile, listDataFiles, realDataDir, dataFileName, isRecordingName } from './data-dir.js';
export { readLines, readLineBatches, readLineBlocks, isGzipFile, RATIO_GRACE_BYTES } from './line-reader.js';
export type { FileLine, FileLineBlock, LineReaderOptions, ReadLimits } from './line-reader.js';
export {
  LineSplitter,
  DEFAULT_MAX_LINE_BYTES,
  blockTransferList,
  type LineBlock,
  type LineCallback,
  type LineEncoding,
} from './line-splitter.js';
export {
  assertFileKind,
  detectFileKind,
  fileKinds,
  FileKindDetector,
  DETECTION_LIMITS,
  REPLAY_INPUT,
} from './recording-kind.js';
export type { FileKindReport, KindExpectation } from './recording-kind.js';
