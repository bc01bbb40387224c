// The recorder: live stream messages into replayable, size-rotated .jsonl.gz files.
// Wire it to the live source with `source.on('message', (line) => recorder.write(line))`.
export {
  StreamRecorder,
  type StreamRecorderOptions,
  type StreamRecorderEvents,
  type RecordingFile,
} from './stream-recorder.js';
export { RecorderClosedError, RecorderConfigError, RecorderWriteError } from './errors.js';
