// The file store: a JSONL or CSV profiles file loaded into memory at start, then filled further by
// the stream like the in-memory store (file profiles are never evicted). What was skipped while loading stays on `report`.
import { MemoryProfileStore } from './memory-profile-store.js';
import type { MemoryProfileStoreOptions } from './memory-profile-store.js';
import { readProfileFile } from './profile-file-reader.js';
import type { MalformedProfileLine, ProfileFileFormat } from './profile-file-reader.js';

export interface ProfileLoadReport {
  path: string;
  lines: number;
  /** Profile records read (a repeated id counts each time; the last non-null values win). */
  records: number;
  /** Malformed lines (or bad users inside a JSONL page), each reported once. */
  skipped: number;
  /** The first `maxKeptMalformed` of them, for a status page or log. */
  malformed: MalformedProfileLine[];
}

export interface FileProfileStoreOptions extends MemoryProfileStoreOptions {
  format?: ProfileFileFormat;
  /** Called once per malformed line as it is met (e.g. to log it). */
  onMalformed?: (malformed: MalformedProfileLine) => void;
  /** How many malformed-line details `report` keeps (default 100); `skipped` counts them all. */
  maxKeptMalformed?: number;
}

export class FileProfileStore extends MemoryProfileStore {
  override readonly kind = 'file';

  private constructor(
    readonly report: ProfileLoadReport,
    options: MemoryProfileStoreOptions,
  ) {
    super([], options);
  }

  /** Loads the file; a missing or unreadable file (or unusable CSV header) throws ProfileFileError. */
  static async load(path: string, options: FileProfileStoreOptions = {}): Promise<FileProfileStore> {
    const keep = options.maxKeptMalformed ?? 100;
    const report: ProfileLoadReport = { path, lines: 0, records: 0, skipped: 0, malformed: [] };
    const store = new FileProfileStore(report, options);
    const batches = readProfileFile(path, {
      ...(options.format === undefined ? {} : { format: options.format }),
      batchSize: 10_000,
      onMalformed: (malformed) => {
        report.skipped += 1;
        if (report.malformed.length < keep) report.malformed.push(malformed);
        options.onMalformed?.(malformed);
      },
    });
    for await (const batch of batches) {
      report.records += batch.profiles.length;
      report.lines = batch.lines;
      store.pin(batch.profiles);
    }
    return store;
  }
}
