// Replay of recorded files: the ordered tweet reader (also used by the offline analysis) and the
// engine source that plays it on the replay clock.
export { ReplaySource } from './replay-source.js';
export type { ReplaySourceOptions, ReplaySpeed, ReplayOffset } from './replay-options.js';
export { OrderedTweetReader } from './ordered-reader.js';
export type { OrderedReaderOptions, OrderedReadProgress } from './ordered-reader.js';
export type { FileScan } from './file-scan.js';
export type { OrderedRecord } from './ordered-record.js';
export type { LineDecoding } from './decode-file.js';
export type { LineProblem, Decoder } from './line-outcome.js';
export { decodeTweetsOnly } from './line-outcome.js';
export { DecodePool } from './decode-pool.js';
export { inputFilesInDataDir, inputFilesFromPaths } from './input-file.js';
export type { InputFile } from './input-file.js';
export type { PlaybackClock, TimeSource, WallTimer } from './playback-clock.js';
export { systemWall } from './playback-clock.js';
export { ReplayConfigError, ReplayOffsetError, ReplayPreparationCancelledError } from './errors.js';
