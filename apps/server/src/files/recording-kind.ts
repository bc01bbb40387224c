// Tells what a file holds (tweets, user profiles, API notices, nothing, binary data, or unknown
// text) from a bounded sample of its start, for every caller that takes a file: the listing,
// replay start, `analyze`, `profiles import`. Results are cached by path, size and mtime.
import { stat } from 'node:fs/promises';
import type { DataFileKind } from '@hashpulse/protocol';
import { decodeLine } from '@hashpulse/tweets';
// The profile readers' own rules (not the profiles index: that imports this module's package).
import { csvColumns } from '../profiles/csv-profiles.js';
import { splitCsvLine } from '../profiles/csv-line.js';
import { profilesFromJsonLine } from '../profiles/jsonl-profiles.js';
import { LineReadError, ReadLimitError, WrongFileKindError } from './errors.js';
import { isGzipFile, readLineBatches, type ReadLimits } from './line-reader.js';

/** What a file holds, judged from at most `limits` of it. */
export interface FileKindReport {
  kind: DataFileKind;
  /** Records of that kind (tweets, profiles, notices) in the part read. */
  records: number;
  /** The whole file was read: `records` is the file's count. */
  complete: boolean;
  gzip: boolean;
  /** Bytes of the file read (compressed, for gzip) and bytes of content examined. */
  fileBytesRead: number;
  bytesExamined: number;
  /** Why the file could not be read to its end within the sample (truncated, corrupt), if so. */
  damage: string | null;
  /** What it holds, to follow the file's name: "holds 2,762 user profiles". */
  summary: string;
}

/**
 * Enough for the first records of any recording (a v2 page of 100 tweets is ~0.5 MB) and the whole
 * of a typical profiles file, small enough that a listing of many files stays cheap.
 */
export const DETECTION_LIMITS: ReadLimits = { maxFileBytes: 2 ** 20, maxBytes: 4 * 2 ** 20, maxRatio: 100 };
/** Recognised records enough to judge a file that cannot be read whole anyway. */
const SAMPLE_RECORD_LINES = 200;
/** Lines examined at most: a file of a million blank lines costs no more than a few records. */
export const MAX_SAMPLE_LINES = 20_000;
const READ_CHUNK_BYTES = 64 * 1024;
/** C0 controls other than tab, LF, VT, FF, CR; DEL; and U+FFFD, which stands for bytes that are not UTF-8. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BINARY_TRAIT = /[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/;

function sizeWords(bytes: number): string {
  const [unit, size] = bytes >= 2 ** 20 ? ['MiB', 2 ** 20] : bytes >= 1024 ? ['KiB', 1024] : ['bytes', 1];
  const value = bytes / size;
  return `${Number.isInteger(value) ? value.toLocaleString('en') : value.toFixed(1)} ${unit}`;
}

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** Tallies of the sample, line by line. */
class Sample {
  tweets = 0;
  profiles = 0;
  notices = 0;
  binary = 0;
  unrecognised = 0;
  /** CSV with a profiles header (id column, no text column). */
  private csv: boolean | null = null;
  private seenContent = false;

  get recognised(): number {
    return this.tweets + this.profiles + this.notices;
  }

  add(text: string, lineNumber: number): void {
    if (text.trim() === '') return;
    if (BINARY_TRAIT.test(text)) {
      this.binary++;
      return;
    }
    const first = !this.seenContent;
    this.seenContent = true;
    if (first) this.csv = looksLikeProfilesCsvHeader(text);
    if (this.csv === true) {
      if (!first) this.profiles++;
      return;
    }
    const decoded = decodeLine(text, lineNumber);
    if (decoded.kind === 'tweets' && decoded.tweets.length > 0) this.tweets += decoded.tweets.length;
    else if (decoded.kind === 'notice') this.notices++;
    else {
      // A tweet object would pass as a profile with only an id: a user has a name to show.
      const users = profilesFromJsonLine(text).profiles.filter((profile) => profile.username !== null);
      if (users.length > 0) this.profiles += users.length;
      else this.unrecognised++;
    }
  }

  /** The unterminated text where reading stopped (a first line longer than the sample, say). */
  addPartial(text: string): void {
    if (text.trim() === '') return;
    if (BINARY_TRAIT.test(text)) this.binary++;
    else this.unrecognised++;
  }

  kind(): DataFileKind {
    if (this.tweets > 0) return 'tweets';
    // A profiles CSV with its header row only is still a profiles file.
    if (this.profiles > 0 || this.csv === true) return 'profiles';
    if (this.notices > 0) return 'notices';
    if (this.binary > 0) return 'binary';
    if (this.unrecognised > 0) return 'unknown';
    return 'empty';
  }
}

function looksLikeProfilesCsvHeader(line: string): boolean {
  const start = line.trimStart()[0];
  if (start === '{' || start === '[') return false;
  const split = splitCsvLine(line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);
  if (!split.ok || split.fields.length < 2) return false;
  const names = split.fields.map((field) => field.trim().toLowerCase());
  return !('reason' in csvColumns(split.fields)) && !names.includes('text');
}

function describeDamage(error: LineReadError): string {
  const message = error.message;
  if (/ends early/.test(message)) return 'it is truncated (the gzip stream ends early)';
  if (/gzip data is corrupt/.test(message)) return 'its gzip data is corrupt';
  const code = (error.cause as NodeJS.ErrnoException | undefined)?.code;
  return `it cannot be read (${code ?? 'read error'})`;
}

/** Where a limited read stopped, in words: which part of the file was judged. */
function stoppedWithin(limit: ReadLimitError, limits: ReadLimits, gzip: boolean): string {
  const first = `in its first ${sizeWords(limit.bytesRead)}`;
  return limit.limit === 'ratio'
    ? `${first} (it decompresses more than ${limits.maxRatio}:1, so reading stopped there)`
    : `${first}${gzip ? ' (decompressed)' : ''}`;
}

/**
 * The summary of a file; `within` says which part was judged when a limit or the line cap stopped
 * the read (null when it read to the end, the damage, or enough records).
 */
function summarise(
  kind: DataFileKind,
  sample: Sample,
  report: Omit<FileKindReport, 'summary' | 'kind' | 'records'>,
  size: number,
  within: string | null,
): string {
  // Read to its end, or to the damage that ends it: what was read is all there is.
  // Stryker disable next-line ConditionalExpression: equivalent, a read ends with damage or a limit (within), never both
  const whole = report.complete || (report.damage !== null && within === null);
  let text: string;
  switch (kind) {
    case 'tweets':
      text = whole
        ? `holds ${count(sample.tweets, 'tweet', 'tweets')}`
        : within === null
          ? 'holds tweets'
          : `holds tweets (${sample.tweets.toLocaleString('en')} ${within})`;
      break;
    case 'profiles':
      text = whole
        ? `holds ${count(sample.profiles, 'user profile', 'user profiles')}`
        : 'holds user profiles';
      break;
    case 'notices':
      text = whole
        ? `holds ${count(sample.notices, 'API notice', 'API notices')} (compliance, limit or error messages) and no tweets`
        : `holds only API notices (compliance, limit or error messages)${within === null ? '' : ` ${within}`}, no tweets`;
      break;
    case 'binary':
      text = 'holds binary data';
      break;
    case 'unknown':
      text = 'holds lines that are neither tweets, user profiles nor API notices';
      break;
    case 'empty':
      text =
        size === 0
          ? 'is empty (0 bytes)'
          : within === null
            ? 'holds only blank lines'
            : `holds only blank lines ${within}`;
      break;
  }
  if (report.damage !== null) {
    // A damaged gzip with nothing readable before the damage is just that.
    text = report.bytesExamined === 0 ? `is unreadable: ${report.damage}` : `${text}, and ${report.damage}`;
  }
  return text;
}

interface CacheEntry {
  size: number;
  mtimeMs: number;
  report: FileKindReport;
}

/** Judges files from a bounded sample, with a cache keyed by path, size and mtime. */
export class FileKindDetector {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly pending = new Map<string, Promise<FileKindReport>>();
  /** Files actually read (cache misses). */
  reads = 0;

  constructor(
    readonly limits: ReadLimits = DETECTION_LIMITS,
    private readonly maxEntries = 10_000,
    private readonly maxLines = MAX_SAMPLE_LINES,
  ) {}

  /** What `filePath` holds. A file that cannot be read is "unknown", saying why. */
  async detect(filePath: string): Promise<FileKindReport> {
    let info;
    try {
      info = await stat(filePath);
    } catch (error) {
      return unreadable(`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    // Opening a FIFO or a device could block or never end: only regular files are read.
    if (!info.isFile()) return unreadable('is not a regular file');
    const cached = this.cache.get(filePath);
    if (cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs) return cached.report;
    const key = `${filePath}\0${info.size}\0${info.mtimeMs}`;
    let running = this.pending.get(key);
    if (running === undefined) {
      running = this.read(filePath, info.size).finally(() => this.pending.delete(key));
      this.pending.set(key, running);
    }
    const report = await running;
    this.cache.delete(filePath);
    this.cache.set(filePath, { size: info.size, mtimeMs: info.mtimeMs, report });
    if (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    return report;
  }

  private async read(filePath: string, size: number): Promise<FileKindReport> {
    this.reads++;
    const gzip = await isGzipFile(filePath).catch(() => false);
    const sample = new Sample();
    let complete = true;
    let damage: string | null = null;
    let fileBytesRead = 0;
    let bytesExamined = 0;
    const lines = readLineBatches(filePath, {
      limits: this.limits,
      chunkBytes: READ_CHUNK_BYTES,
      maxLineBytes: this.limits.maxBytes,
    });
    let within: string | null = null;
    try {
      for await (const batch of lines) {
        for (const line of batch) {
          // A line beyond the cap: the file goes on, and enough of it has been seen.
          if (line.lineNumber > this.maxLines) {
            within = `in its first ${this.maxLines.toLocaleString('en')} lines`;
            break;
          }
          sample.add(line.text, line.lineNumber);
          bytesExamined += Buffer.byteLength(line.text) + 1;
        }
        fileBytesRead = batch.at(-1)!.bytesRead;
        if (within !== null) {
          complete = false;
          break;
        }
        // Stryker disable next-line EqualityOperator: speed only, one record more or less before stopping claims no count either way
        if (size > this.limits.maxFileBytes && sample.recognised >= SAMPLE_RECORD_LINES) {
          complete = false;
          break;
        }
      }
    } catch (error) {
      complete = false;
      if (error instanceof ReadLimitError) {
        within = stoppedWithin(error, this.limits, gzip);
        fileBytesRead = error.fileBytesRead;
        bytesExamined = error.bytesRead;
        sample.addPartial(error.rest);
      } else if (error instanceof LineReadError) {
        damage = describeDamage(error);
      } else {
        throw error;
      }
    }
    const report = { complete, gzip, fileBytesRead, bytesExamined, damage };
    // Damaged before anything could be read: a corrupt gzip is binary data, not an empty file.
    const kind = damage !== null && sample.kind() === 'empty' ? 'binary' : sample.kind();
    const counts: Partial<Record<DataFileKind, number>> = {
      tweets: sample.tweets,
      profiles: sample.profiles,
      notices: sample.notices,
    };
    const records = counts[kind] ?? 0;
    return { kind, records, ...report, summary: summarise(kind, sample, report, size, within) };
  }
}

function unreadable(summary: string): FileKindReport {
  return {
    kind: 'unknown',
    records: 0,
    complete: false,
    gzip: false,
    fileBytesRead: 0,
    bytesExamined: 0,
    damage: null,
    summary,
  };
}

/** The detector every caller shares, so one cache serves the listing, replay and the CLI. */
export const fileKinds = new FileKindDetector();

/** What `filePath` holds, from the shared detector. */
export function detectFileKind(filePath: string): Promise<FileKindReport> {
  return fileKinds.detect(filePath);
}

/** What a command takes, and what to tell its user for each kind it does not take. */
export interface KindExpectation {
  /** What the command takes, for the message: "tweets", "user profiles". */
  takes: string;
  accept: readonly DataFileKind[];
  /** Advice per refused kind; `otherwise` for the kinds not named. */
  advice: Partial<Record<DataFileKind, string>> & { otherwise: string };
}

/** What replay start takes: recordings only. */
export const REPLAY_INPUT: KindExpectation = {
  takes: 'tweets',
  accept: ['tweets'],
  advice: {
    profiles: 'use it as PROFILES_FILE or import it with `hashpulse profiles import`',
    otherwise:
      'name a tweet recording (X API JSON lines, .jsonl or .jsonl.gz); GET /api/replay/files says what each file holds',
  },
};

/**
 * The report for `filePath` when its kind is one `expected` accepts; otherwise WrongFileKindError
 * naming the file as `name` (what its user called it, never a path they did not give).
 */
export async function assertFileKind(
  filePath: string,
  name: string,
  expected: KindExpectation,
  detector: FileKindDetector = fileKinds,
): Promise<FileKindReport> {
  const report = await detector.detect(filePath);
  if (expected.accept.includes(report.kind)) return report;
  const advice = expected.advice[report.kind] ?? expected.advice.otherwise;
  throw new WrongFileKindError(`${name} ${report.summary}, not ${expected.takes}: ${advice}`, report.kind);
}
