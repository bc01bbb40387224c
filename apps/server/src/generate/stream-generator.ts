// Generates the synthetic stream second by second (a Poisson count per second at the trend-shaped
// rate), and writes it as JSONL (gzip for .gz names) with the profiles file beside it.
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createGzip, type Gzip } from 'node:zlib';
import { authorAt, populationSize, userObject } from './authors.js';
import { hashtagVocabulary } from './hashtags.js';
import { validateStreamOptions, type StreamOptions } from './options.js';
import { Random, ZipfSampler } from './random.js';
import { burstRate, planTrends } from './trends.js';
import { buildMessage, type FactoryContext } from './tweet-factory.js';

export interface GeneratedTweet {
  timeMs: number;
  message: Record<string, unknown>;
}

const HASHTAG_VOCABULARY = 1000;
/** Zipf exponents: hashtags a little steeper than authors, as observed on real streams. */
const HASHTAG_EXPONENT = 1.1;
const AUTHOR_EXPONENT = 0.7;
/** A v2 user lookup returns at most 100 users per page; the profiles file keeps that shape. */
const PROFILES_PER_PAGE = 100;

/** The number of tweets a stream is expected to hold (the actual count is Poisson around it). */
export function expectedTweets(options: StreamOptions): number {
  return Math.round(options.minutes * 60 * options.rate);
}

/** The stream's messages in created_at order. */
export function* generateMessages(input: StreamOptions): Generator<GeneratedTweet> {
  const options = validateStreamOptions(input);
  const durationMs = Math.round(options.minutes * 60_000);
  const ctx: FactoryContext = {
    seed: options.seed,
    random: new Random(options.seed, 0x73747265616d),
    authors: new ZipfSampler(populationSize(expectedTweets(options)), AUTHOR_EXPONENT),
    hashtags: hashtagVocabulary(HASHTAG_VOCABULARY),
    hashtagRanks: new ZipfSampler(HASHTAG_VOCABULARY, HASHTAG_EXPONENT),
    trends: planTrends(options.seed, durationMs, options.rate),
    sequence: 0,
  };
  const offsets: number[] = [];
  for (let second = 0; second * 1000 < durationMs; second++) {
    const span = Math.min(1000, durationMs - second * 1000);
    const middle = second * 1000 + span / 2;
    let rate = ctx.trends.baseRate;
    for (const burst of ctx.trends.bursts) rate += burstRate(burst, middle);
    const count = ctx.random.poisson((rate * span) / 1000);
    offsets.length = 0;
    for (let i = 0; i < count; i++) offsets.push(second * 1000 + ctx.random.int(span));
    offsets.sort((a, b) => a - b);
    for (const offset of offsets) {
      const timeMs = options.startMs + offset;
      yield { timeMs, message: buildMessage(ctx, timeMs, offset) };
    }
  }
}

/** Every author of the population that is in the profiles file, as v2 user objects. */
export function* generateProfiles(input: StreamOptions): Generator<Record<string, unknown>> {
  const options = validateStreamOptions(input);
  const size = populationSize(expectedTweets(options));
  for (let index = 0; index < size; index++) {
    const author = authorAt(options.seed, index);
    if (author.inProfiles) yield userObject(author);
  }
}

/** A text sink that honours backpressure, gzips when asked, and surfaces write errors. */
class LineWriter {
  private buffer = '';
  private failure: Error | null = null;

  private constructor(
    path: string,
    private readonly file: WriteStream,
    private readonly gzip: Gzip | null,
  ) {
    const onError = (error: Error) => {
      this.failure ??= new Error(`cannot write ${path}: ${error.message}`, { cause: error });
    };
    file.on('error', onError);
    gzip?.on('error', onError);
  }

  /** Opens `path` for writing (gzip when it ends in .gz); rejects with a clear error when it cannot. */
  static async open(path: string): Promise<LineWriter> {
    const file = createWriteStream(path);
    try {
      await once(file, 'open');
    } catch (error) {
      throw new Error(`cannot write ${path}: ${(error as Error).message}`, { cause: error });
    }
    const gzip = /\.gz$/i.test(path) ? createGzip({ level: 9 }) : null;
    gzip?.pipe(file);
    return new LineWriter(path, file, gzip);
  }

  private get head(): Gzip | WriteStream {
    return this.gzip ?? this.file;
  }

  async write(line: string): Promise<void> {
    this.buffer += line + '\n';
    if (this.buffer.length >= 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.head.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.head.off('drain', done);
          this.file.off('error', done);
          resolve();
        };
        this.head.on('drain', done);
        this.file.on('error', done);
      });
    }
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    if (this.buffer.length > 0) await this.flush();
    const closed = once(this.file, 'close');
    this.head.end();
    await closed.catch(() => undefined);
    if (this.failure) throw this.failure;
  }

  destroy(): void {
    this.gzip?.destroy();
    this.file.destroy();
  }
}

export interface WriteStreamOptions extends StreamOptions {
  out: string;
  /** Where the profiles go; null writes none. */
  profilesOut: string | null;
  /** Called about every 1% of the expected tweets, and once with `done` at the end. */
  onProgress?: (written: number, expected: number, done: boolean) => void;
}

export interface WriteStreamResult {
  tweets: number;
  profiles: number;
  firstTimeMs: number | null;
  lastTimeMs: number | null;
}

/** Writes the stream (and its profiles) to files; gzip when a name ends in .gz. */
export async function writeGeneratedStream(options: WriteStreamOptions): Promise<WriteStreamResult> {
  validateStreamOptions(options);
  const expected = expectedTweets(options);
  const step = Math.max(1, Math.floor(expected / 100));
  const result: WriteStreamResult = { tweets: 0, profiles: 0, firstTimeMs: null, lastTimeMs: null };
  const writer = await LineWriter.open(options.out);
  try {
    for (const { timeMs, message } of generateMessages(options)) {
      await writer.write(JSON.stringify(message));
      result.tweets++;
      // Reported as created_at says it: X timestamps have whole seconds.
      result.firstTimeMs ??= timeMs - (timeMs % 1000);
      result.lastTimeMs = timeMs - (timeMs % 1000);
      if (result.tweets % step === 0) options.onProgress?.(result.tweets, expected, false);
    }
    await writer.close();
  } catch (error) {
    writer.destroy();
    throw error;
  }
  if (options.profilesOut !== null) {
    const profiles = await LineWriter.open(options.profilesOut);
    try {
      let page: Record<string, unknown>[] = [];
      for (const user of generateProfiles(options)) {
        page.push(user);
        result.profiles++;
        if (page.length === PROFILES_PER_PAGE) {
          await profiles.write(JSON.stringify({ data: page }));
          page = [];
        }
      }
      if (page.length > 0) await profiles.write(JSON.stringify({ data: page }));
      await profiles.close();
    } catch (error) {
      profiles.destroy();
      throw error;
    }
  }
  options.onProgress?.(result.tweets, expected, true);
  return result;
}
