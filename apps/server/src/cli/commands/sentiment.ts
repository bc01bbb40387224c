// `hashpulse sentiment`: scores lines of text (or JSON objects with "text" and optional "lang")
// from stdin and writes one {"score","label"} JSON line per input line, in order, streaming.
//
// Exit code: 0 when every line was scored; 1 when some lines were bad (each one gets an
// {"error": ...} output line, so output lines still match input lines, and a message with its
// line number on stderr) or the run failed. A reader that closes our stdout early (`| head`)
// ends the run quietly with the lines already written.
import { once } from 'node:events';
import { StringDecoder } from 'node:string_decoder';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import type { scoreSentiment as ScoreSentiment, SentimentScorerName } from '@hashpulse/tweets';
import { printable } from '../printable.js';

export interface SentimentStreamOptions {
  /** Language for lines that do not name one (plain text, JSON without "lang"). */
  lang?: string;
  /** The scorer: the learned model (default) or the lexicon alone. */
  scorer?: SentimentScorerName;
  /** Called once per bad line with a message that names the line. */
  onBadLine?: (message: string) => void;
}

export interface SentimentStreamResult {
  lines: number;
  badLines: number;
}

/** One bad input line; its message is written to stderr and into the output line. */
class BadLineError extends Error {
  override name = 'BadLineError';
}

function textAndLang(
  line: string,
  lineNumber: number,
  defaultLang: string | undefined,
): [string, string | null | undefined] {
  const first = line.trimStart().charCodeAt(0);
  if (first !== 123 /* { */) return [line, defaultLang];
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    throw new BadLineError(
      `line ${lineNumber}: invalid JSON (${(error as Error).message}); send plain text or a JSON object with a string "text"`,
    );
  }
  const { text, lang } = record as { text?: unknown; lang?: unknown };
  if (typeof text !== 'string')
    throw new BadLineError(`line ${lineNumber}: the JSON object has no string "text" member`);
  if (lang !== undefined && lang !== null && typeof lang !== 'string') {
    throw new BadLineError(`line ${lineNumber}: "lang" must be a language tag such as "en", or null`);
  }
  return [text, lang ?? defaultLang];
}

/** The output line (without newline) for one input line. */
function scoreLine(
  scoreSentiment: typeof ScoreSentiment,
  line: string,
  lineNumber: number,
  options: SentimentStreamOptions,
  result: SentimentStreamResult,
): string {
  if (line.endsWith('\r')) line = line.slice(0, -1);
  result.lines++;
  try {
    const [text, lang] = textAndLang(line, lineNumber, options.lang);
    const { score, label } = scoreSentiment(text, lang);
    return JSON.stringify({ score: Math.round(score * 1e4) / 1e4, label });
  } catch (error) {
    if (!(error instanceof BadLineError)) throw error;
    result.badLines++;
    options.onBadLine?.(error.message);
    return JSON.stringify({ error: error.message });
  }
}

function isBrokenPipe(error: unknown): boolean {
  return (
    (error as NodeJS.ErrnoException | null)?.code === 'EPIPE' ||
    (error as NodeJS.ErrnoException | null)?.code === 'ERR_STREAM_DESTROYED'
  );
}

/**
 * Scores `input` line by line into `output`. Each input chunk becomes one write, and the next
 * chunk is not read while `output` is over its high-water mark: memory stays bounded whatever
 * the input size and however slow the reader.
 */
export async function scoreSentimentStream(
  input: AsyncIterable<string | Buffer>,
  output: Writable,
  options: SentimentStreamOptions = {},
): Promise<SentimentStreamResult> {
  // Loaded here, not at the top, so `hashpulse --help` does not pay for the lexicons.
  const tweets = await import('@hashpulse/tweets');
  const scorer = options.scorer ?? 'model';
  const scoreSentiment: typeof ScoreSentiment = (text, lang) => tweets.scoreSentiment(text, lang, scorer);
  const result: SentimentStreamResult = { lines: 0, badLines: 0 };
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let closed = false;
  const onError = (error: unknown) => {
    if (isBrokenPipe(error)) closed = true;
  };
  output.on('error', onError);
  try {
    for await (const chunk of input) {
      pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      const end = pending.lastIndexOf('\n');
      if (end < 0) continue;
      let out = '';
      let from = 0;
      while (from <= end) {
        const to = pending.indexOf('\n', from);
        out += scoreLine(scoreSentiment, pending.slice(from, to), result.lines + 1, options, result) + '\n';
        from = to + 1;
      }
      pending = pending.slice(end + 1);
      if (closed) return result;
      if (!output.write(out)) {
        try {
          await once(output, 'drain');
        } catch (error) {
          if (isBrokenPipe(error)) return result;
          throw error;
        }
      }
      if (closed) return result;
    }
    pending += decoder.end();
    // A last line without a newline is still a line.
    if (pending !== '' && !closed)
      output.write(scoreLine(scoreSentiment, pending, result.lines + 1, options, result) + '\n');
    return result;
  } finally {
    output.off('error', onError);
  }
}

export function registerSentimentCommand(program: Command): void {
  program
    .command('sentiment')
    .description(
      'score lines of text (or JSON objects with "text" and optional "lang") from stdin; writes one {"score","label"} JSON line per input line',
    )
    .option(
      '--lang <tag>',
      'language of lines that do not give one (default: scored as English when written mostly in Latin script)',
    )
    .option(
      '--scorer <name>',
      'sentiment scorer: model (the lexicon plus a learned layer) or lexicon (the rules alone)',
      'model',
    )
    .addHelpText(
      'after',
      '\nLabels: positive, neutral, negative (the model: its most probable class, score P(positive) - P(negative); the lexicon: score >= 0.05, <= -0.05, between), or unscored (a language the lexicon does not cover).\nExit code: 0 when every line was scored, 1 when some lines were bad (each answered by an {"error"} line and reported on stderr).',
    )
    .action(async (flags: { lang?: string; scorer: string }) => {
      if (flags.lang !== undefined && flags.lang.trim() === '')
        throw new Error('--lang needs a language tag such as "en"');
      const { SentimentScorerSchema } = await import('@hashpulse/protocol');
      const scorer = SentimentScorerSchema.safeParse(flags.scorer.trim());
      if (!scorer.success) {
        throw new Error(`--scorer ${flags.scorer}: write one of ${SentimentScorerSchema.options.join(', ')}`);
      }
      // A reader that goes away (`| head`) may still be reported after the last write.
      process.stdout.on('error', (error) => {
        if (!isBrokenPipe(error)) throw error;
      });
      const result = await scoreSentimentStream(process.stdin, process.stdout, {
        ...(flags.lang !== undefined ? { lang: flags.lang } : {}),
        scorer: scorer.data,
        onBadLine: (message) => process.stderr.write(`hashpulse sentiment: ${printable(message)}\n`),
      });
      if (result.badLines > 0) {
        process.stderr.write(`hashpulse sentiment: ${result.badLines} of ${result.lines} lines were bad\n`);
        process.exitCode = 1;
      }
    });
}
