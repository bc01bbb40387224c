// A SourceSink that keeps what a source hands it, for tests that watch a source directly.
import type { SourceSink } from '@hashpulse/engine';

export interface CollectingSink<T> extends SourceSink<T> {
  records: { value: T; time: number | undefined }[];
  warnings: string[];
  failures: Error[];
  ended: boolean;
}

export function collectingSink<T>(options: { accept?: (value: T) => boolean } = {}): CollectingSink<T> {
  const sink: CollectingSink<T> = {
    records: [],
    warnings: [],
    failures: [],
    ended: false,
    push(value, time) {
      if (options.accept && !options.accept(value)) return false;
      sink.records.push({ value, time });
      return true;
    },
    now: () => Date.now(),
    warn(message) {
      sink.warnings.push(message);
    },
    fail(error) {
      sink.failures.push(error);
    },
    end() {
      sink.ended = true;
    },
  };
  return sink;
}
