// `hashpulse generate --out FILE`: writes a synthetic X API v2 filtered-stream recording (gzip for
// .gz names) and, beside it, the profiles of its authors, for demos and benchmarks.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import {
  checkOutputName,
  defaultProfilesPath,
  expectedTweets,
  InvalidGenerateOptionError,
  parseStreamFlags,
  planOutput,
  writeGeneratedStream,
} from '../../generate/index.js';

/** Outputs expected to hold at least this many tweets show progress on stderr. */
export const PROGRESS_MIN_TWEETS = 50_000;

interface GenerateFlags {
  out: string;
  profiles?: string;
  minutes?: string;
  rate?: string;
  seed?: string;
  start?: string;
}

async function assertWritableDirectory(file: string, flag: string): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) {
    throw new InvalidGenerateOptionError(
      `${flag} ${file}: the directory ${dir} does not exist; create it first`,
    );
  }
}

function progressPrinter(out: string): (written: number, expected: number, done: boolean) => void {
  const tty = process.stderr.isTTY === true;
  let lastPercent = -1;
  let lastAt = 0;
  return (written, expected, done) => {
    // The real count is Poisson around the expected one, so the end is 100% whatever it says.
    const percent = done ? 100 : Math.min(99, Math.floor((100 * written) / expected));
    const now = Date.now();
    // A TTY gets a line redrawn at most every 200 ms; a log gets a line every 10%.
    if (tty ? now - lastAt < 200 && percent < 100 : percent < lastPercent + 10 && percent < 100) return;
    if (percent === lastPercent) return;
    lastPercent = percent;
    lastAt = now;
    const line = `generating ${out}: ${percent}% (${written.toLocaleString('en')} of ~${expected.toLocaleString('en')} tweets)`;
    process.stderr.write(tty ? `\r${line}\x1b[K${percent >= 100 ? '\n' : ''}` : `${line}\n`);
  };
}

export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description(
      'write a synthetic X API v2 filtered-stream recording (bursty trends, Zipf hashtags, mixed sentiment and languages) and its profiles',
    )
    .requiredOption('--out <file>', 'stream file to write: .jsonl, or .jsonl.gz for gzip')
    .option(
      '--profiles <file>',
      'profiles file to write (v2 user-lookup pages as JSONL) (default: <out-base>.users.jsonl)',
    )
    .option('--minutes <n>', 'length of the recording in minutes (default: 10)')
    .option('--rate <r>', 'mean tweets per second (default: 20)')
    .option('--seed <s>', 'random seed: the same seed and flags give the same files (default: 1)')
    .option('--start <iso>', 'time of the first tweet, ISO 8601 (default: 2024-03-01T12:00:00Z)')
    .action(async (flags: GenerateFlags) => {
      // A name it would not write is refused (exit 2) before anything else is looked at.
      checkOutputName(flags.out);
      const options = parseStreamFlags(flags);
      const profilesOut = flags.profiles ?? defaultProfilesPath(flags.out);
      if (path.resolve(profilesOut) === path.resolve(flags.out)) {
        throw new InvalidGenerateOptionError(`--profiles must name another file than --out (${flags.out})`);
      }
      await assertWritableDirectory(flags.out, '--out');
      await assertWritableDirectory(profilesOut, '--profiles');
      const { notice } = planOutput(flags.out, options);
      if (notice !== null) process.stderr.write(`hashpulse: ${notice}\n`);
      const showProgress = expectedTweets(options) >= PROGRESS_MIN_TWEETS;
      const result = await writeGeneratedStream({
        ...options,
        out: flags.out,
        profilesOut,
        ...(showProgress ? { onProgress: progressPrinter(flags.out) } : {}),
      });
      const span =
        result.firstTimeMs === null || result.lastTimeMs === null
          ? 'no tweets'
          : `${new Date(result.firstTimeMs).toISOString()} to ${new Date(result.lastTimeMs).toISOString()}`;
      console.log(`wrote ${result.tweets} tweets (${span}) to ${flags.out}`);
      console.log(`wrote ${result.profiles} profiles to ${profilesOut}`);
    });
}
