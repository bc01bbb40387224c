// With RECORD_DIR, everything the live stream delivers is also written to replayable files: in
// one process (ROLE=all) and on a cluster's ingest node alike.
import { StreamRecorder, type LiveSource, type LiveStream } from '../sources/index.js';

/** The recorder of `source` (null without RECORD_DIR); a write failure stops it and is reported. */
export function recordLive(
  source: LiveSource,
  stream: LiveStream,
  recordDir: string | null,
  failed: (error: Error) => void,
): StreamRecorder | null {
  if (recordDir === null) return null;
  const recorder = new StreamRecorder({ dir: recordDir, prefix: `live-${stream}` });
  recorder.on('failure', failed);
  source.on('message', (line) => recorder.write(line));
  return recorder;
}
