// Records stream messages, one JSON text per line, into gzip files the replay source can play,
// starting a new file at a size limit and closing each one cleanly.
import { EventEmitter } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip, type Gzip } from 'node:zlib';
import { RecorderClosedError, RecorderConfigError, RecorderWriteError } from './errors.js';

export interface StreamRecorderOptions {
  /** Directory of the recording (created if missing); put it under DATA_DIR to replay it. */
  dir: string;
  /** File names are `<prefix>-<UTC time>-<sequence>.jsonl.gz` (default prefix "live"). */
  prefix?: string;
  /**
   * A new file is started before a line would take the current one past this many bytes of
   * lines (uncompressed, so the split does not depend on the compressor); default 64 MiB.
   * A line is never split: a single larger line gets a file of its own.
   */
  rotateBytes?: number;
  /** gzip level 1-9 (default 6). */
  level?: number;
  /**
   * Every this many ms the compressor is flushed to disk, so a crash loses at most this much of
   * the recording (default 10 s; 0 never flushes before a file is closed).
   */
  flushIntervalMs?: number;
  /** The time in file names (default Date.now). */
  now?: () => number;
}

export interface StreamRecorderEvents {
  /** Once per failure to write or finish a file (disk full, directory removed...). */
  failure: [RecorderWriteError];
}

/** A finished recording file. */
export interface RecordingFile {
  path: string;
  lines: number;
  /** Bytes of lines written (uncompressed). */
  bytes: number;
}

interface OpenFile {
  sequence: number;
  finalPath: string;
  partPath: string;
  gzip: Gzip;
  done: Promise<void>;
  lines: number;
  bytes: number;
}

const DEFAULT_ROTATE_BYTES = 64 * 1024 * 1024;
const DEFAULT_FLUSH_INTERVAL_MS = 10_000;

/**
 * Files are written as `<name>.jsonl.gz.part` and renamed to `<name>.jsonl.gz` once complete,
 * so a recording in progress is never listed or replayed half-written. After a crash the
 * `.part` file is a valid gzip prefix: rename it to replay what it holds.
 */
export class StreamRecorder extends EventEmitter<StreamRecorderEvents> {
  private readonly dir: string;
  private readonly prefix: string;
  private readonly rotateBytes: number;
  private readonly level: number;
  private readonly now: () => number;
  private readonly finished: (RecordingFile & { sequence: number })[] = [];
  private readonly closing = new Set<Promise<void>>();
  private readonly errors: Error[] = [];
  private current: OpenFile | undefined;
  private sequence = 0;
  private closed = false;
  private dirReady: Promise<void> | undefined;
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(options: StreamRecorderOptions) {
    super();
    const rotateBytes = options.rotateBytes ?? DEFAULT_ROTATE_BYTES;
    const level = options.level ?? 6;
    const flushIntervalMs = options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
    if (!(rotateBytes > 0))
      throw new RecorderConfigError(`rotateBytes ${rotateBytes} must be a positive number of bytes`);
    if (!Number.isInteger(level) || level < 1 || level > 9) {
      throw new RecorderConfigError(
        `gzip level ${level} must be an integer from 1 (fastest) to 9 (smallest)`,
      );
    }
    if (!(flushIntervalMs >= 0))
      throw new RecorderConfigError(`flushIntervalMs ${flushIntervalMs} must be 0 or more`);
    const prefix = options.prefix ?? 'live';
    if (prefix === '' || /[/\\]/.test(prefix)) {
      throw new RecorderConfigError(`prefix "${prefix}" must be a non-empty file name part without slashes`);
    }
    this.dir = path.resolve(options.dir);
    this.prefix = prefix;
    this.rotateBytes = rotateBytes;
    this.level = level;
    this.now = options.now ?? Date.now;
    if (flushIntervalMs > 0) {
      this.flushTimer = setInterval(() => this.current?.gzip.flush(), flushIntervalMs);
      this.flushTimer.unref();
    }
  }

  /**
   * Appends one message (a JSON text without line break). Buffered: a failure to write arrives
   * through the `failure` event and is thrown again by close().
   */
  write(message: string): void {
    if (this.closed) throw new RecorderClosedError(this.dir);
    if (message.includes('\n')) {
      throw new RecorderWriteError(
        `a message must be one line (JSON text without a line break); got ${message.length} characters with a break`,
      );
    }
    const line = Buffer.from(message + '\n', 'utf8');
    const file =
      this.current && (this.current.bytes === 0 || this.current.bytes + line.length <= this.rotateBytes)
        ? this.current
        : this.rotate();
    // Memory is bounded by the stream rate: gzip consumes faster than a live stream delivers.
    file.gzip.write(line);
    file.lines += 1;
    file.bytes += line.length;
  }

  /** Files completed so far, oldest first (the order to replay them in). */
  files(): RecordingFile[] {
    return this.finished.map(({ path: filePath, lines, bytes }) => ({ path: filePath, lines, bytes }));
  }

  /** Finishes the current file and resolves with every file of the recording; throws the first write failure. */
  async close(): Promise<RecordingFile[]> {
    if (!this.closed) {
      this.closed = true;
      if (this.flushTimer) clearInterval(this.flushTimer);
      if (this.current) this.finish(this.current);
      this.current = undefined;
    }
    while (this.closing.size > 0) await Promise.all([...this.closing]);
    const failure = this.errors[0];
    if (failure) throw failure;
    return this.files();
  }

  private rotate(): OpenFile {
    if (this.current) this.finish(this.current);
    this.dirReady ??= mkdir(this.dir, { recursive: true }).then(() => undefined);
    this.sequence += 1;
    const stamp = new Date(this.now()).toISOString().replace(/[-:]/g, '').replace('.', '');
    const name = `${this.prefix}-${stamp}-${String(this.sequence).padStart(4, '0')}.jsonl.gz`;
    const finalPath = path.join(this.dir, name);
    const partPath = `${finalPath}.part`;
    const gzip = createGzip({ level: this.level });
    const dirReady = this.dirReady;
    const done = (async () => {
      await dirReady;
      // 'wx': never overwrite an existing recording.
      await pipeline(gzip, createWriteStream(partPath, { flags: 'wx' }));
    })();
    // Failures are collected here and reported by finish(); mark them handled meanwhile.
    done.catch(() => undefined);
    this.current = { sequence: this.sequence, finalPath, partPath, gzip, done, lines: 0, bytes: 0 };
    return this.current;
  }

  private finish(file: OpenFile): void {
    file.gzip.end();
    const closing = (async () => {
      try {
        await file.done;
        await rename(file.partPath, file.finalPath);
        this.finished.push({
          sequence: file.sequence,
          path: file.finalPath,
          lines: file.lines,
          bytes: file.bytes,
        });
        // Files can finish out of order; the recording's order is the order they were started.
        this.finished.sort((a, b) => a.sequence - b.sequence);
      } catch (error) {
        const failure = new RecorderWriteError(
          `could not write the recording file ${file.finalPath} (${(error as Error).message}); ` +
            `${file.lines} messages in it may be lost: check free space and permissions of ${this.dir}`,
        );
        this.errors.push(failure);
        this.emit('failure', failure);
      }
    })();
    this.closing.add(closing);
    void closing.then(() => this.closing.delete(closing));
  }
}
