// Replay of recorded files: the ordered tweet reader (also used by the offline analysis) and the
// engine source that plays it on the replay clock.
export { ReplaySource } from './replay-source';
export type { ReplaySourceOptions, ReplaySpeed, ReplayOffset } from './replay-options';
export { OrderedTweetReader } from './ordered-reader';
export type { OrderedReaderOptions, FileScan, OrderedReadProgress } from './ordered-reader';
export type { OrderedRecord } from './ordered-record';
export type { LineProblem, Decoder } from './decode-file';
export { inputFilesInDataDir, inputFilesFromPaths } from './input-file';
export type { InputFile } from './input-file';
export type { PlaybackClock, TimeSource, WallTimer } from './playback-clock';
export { systemWall } from './playback-clock';
export { ReplayConfigError, ReplayOffsetError } from './errors';
