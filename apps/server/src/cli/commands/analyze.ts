// `hashpulse analyze FILE...`: runs the analytics job over recordings as fast as possible (arrival
// time = created_at) and prints totals and every window, readable or as one JSON document (--json).
// Problems and progress go to stderr, so stdout holds only the report. The analyser loads when the
// command runs, so `hashpulse --help` stays fast.
import type { Command } from 'commander';
import { DEFAULT_FLAGS, TARGET_WINDOWS, type AnalyzeFlags } from '../../analyze/default-flags.js';
import { printable } from '../printable.js';

/** Inputs at least this big (bytes on disk) get progress on stderr. */
export const PROGRESS_MIN_BYTES = 1024 * 1024;

interface AnalyzeCommandFlags extends AnalyzeFlags {
  profiles?: string;
  schema: string;
  json?: boolean;
  progress: boolean;
}

/**
 * Writes the report to stdout. A reader that closes the pipe early (`| head`) has what it wanted,
 * so EPIPE ends the run quietly; any other write failure is reported and fails the run.
 */
function printReport(text: string): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return;
    process.stderr.write(`hashpulse: cannot write the report to stdout: ${error.message}\n`);
    process.exitCode = 1;
  });
  process.stdout.write(text);
}

export function registerAnalyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description(
      'run the analytics job over recordings as fast as possible (arrival time = created_at, files merged in time order) and report totals and every window',
    )
    .argument(
      '<files...>',
      'recordings: .jsonl or .jsonl.gz (X API v2 stream messages or pages, flattened v2, v1.1)',
    )
    .option('--batch <duration>', 'batch interval (500ms, 1s, ...) (default: the slide, or what divides it)')
    .option(
      '--window <duration>',
      'window length up to 30d, a multiple of the batch interval (default: the slide)',
    )
    .option(
      '--slide <duration>',
      `slide, a multiple of the batch interval (default: a round value giving at most ${TARGET_WINDOWS} windows over the input's span)`,
    )
    .option(
      '--profiles <file|url>',
      'profiles for the author join: a JSONL/CSV file or postgres://user@host:5432/db (default: only profiles the records carry)',
    )
    .option('--schema <name>', 'PostgreSQL schema holding the profiles table', 'hashpulse')
    .option('--json', 'print one JSON document instead of the readable report')
    .option(
      '--max-windows <n>',
      'refuse inputs whose time span gives more windows than this',
      DEFAULT_FLAGS.maxWindows,
    )
    .option(
      '--scorer <name>',
      'sentiment scorer: model (the lexicon plus a learned layer) or lexicon (the rules alone)',
      DEFAULT_FLAGS.scorer,
    )
    .option('--no-progress', 'print no progress on stderr')
    .action(async (paths: string[], flags: AnalyzeCommandFlags) => {
      const [
        {
          analyzeFiles,
          analyzeSettings,
          checkAnalyzeInputs,
          describeWindow,
          formatTextReport,
          MAX_LISTED_PROBLEMS,
          ProblemLog,
          ProgressLine,
        },
        { createProfileStore },
        { inputFilesFromPaths },
      ] = await Promise.all([
        import('../../analyze/index.js'),
        import('../../profiles/index.js'),
        import('../../sources/replay/index.js'),
      ]);
      const settings = analyzeSettings(flags);
      const files = await inputFilesFromPaths(paths);
      // A profiles file, binary data or an empty file is refused here (exit 2), not analysed into 0 tweets.
      await checkAnalyzeInputs(files, flags.profiles);
      const bytes = files.reduce((sum, file) => sum + file.bytes, 0);
      const progress =
        flags.progress && bytes >= PROGRESS_MIN_BYTES ? new ProgressLine(process.stderr) : null;
      // Problems quote the files' own text: escaped, so no raw bytes reach the terminal.
      const say = (line: string): void => {
        progress?.clear();
        process.stderr.write(`${printable(line)}\n`);
      };
      const problems = new ProblemLog(say);
      let badProfiles = 0;
      const profiles = await createProfileStore(flags.profiles, {
        file: {
          onMalformed: (bad) => {
            if (++badProfiles <= MAX_LISTED_PROBLEMS)
              say(`${bad.path}:${bad.line}: profile skipped: ${bad.reason}`);
          },
        },
        postgres: { schema: flags.schema },
      });
      if (badProfiles > MAX_LISTED_PROBLEMS) {
        say(
          `... and ${(badProfiles - MAX_LISTED_PROBLEMS).toLocaleString('en')} more malformed profile lines skipped`,
        );
      }
      const gc = globalThis.gc;
      let result;
      try {
        result = await analyzeFiles({
          files,
          window: settings.window,
          profiles,
          maxWindows: settings.maxWindows,
          sentiment: settings.sentiment,
          // Exposed by the command's --expose-gc (CLI_NODE_FLAGS); absent, V8's schedule stands.
          ...(gc !== undefined ? { collectGarbage: () => gc() } : {}),
          // Not an error, so not prefixed `hashpulse:`; scripts reading stdout are unaffected.
          onWindowPicked: (window, count) =>
            say(
              `window ${describeWindow(window)}: picked from the input's time span (${count.toLocaleString('en')} windows); pass --window and --slide to choose`,
            ),
          onProblem: problems.report,
          onReadError: problems.readError,
          onWarning: (warning) => say(`engine warning: ${warning.message}`),
          ...(progress ? { onProgress: progress.update } : {}),
        });
      } finally {
        progress?.clear();
        await profiles.close();
      }
      problems.finish();
      const { report } = result;
      printReport(
        flags.json
          ? `${JSON.stringify(report)}\n`
          : formatTextReport(report, {
              window: result.window,
              files: files.length,
              first: result.first,
              last: result.last,
            }),
      );
    });
}
