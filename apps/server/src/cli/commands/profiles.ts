// `hashpulse profiles import FILE [--db URL]`: loads a JSONL/CSV profiles file into PostgreSQL in
// batches, printing malformed lines and (for large files) progress on stderr, the count on stdout.
// The stores load when the command runs, so `hashpulse --help` stays fast.
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import type { ImportProgress, MalformedProfileLine, ProfileFileFormat } from '../../profiles/index.js';
import { printable } from '../printable.js';

/** Files at least this big get a progress line. */
export const PROGRESS_MIN_BYTES = 1024 * 1024;
/** Malformed lines printed one by one; the rest are only counted. */
const MAX_PRINTED_MALFORMED = 20;

interface ImportFlags {
  db?: string;
  schema: string;
  format?: ProfileFileFormat;
  batch: number;
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < 1) {
    throw new InvalidArgumentError('expected a whole number of at least 1.');
  }
  return number;
}

function fileFormat(value: string): ProfileFileFormat {
  if (value !== 'jsonl' && value !== 'csv') throw new InvalidArgumentError('expected jsonl or csv.');
  return value;
}

function progressPrinter(file: string): (progress: ImportProgress) => void {
  const tty = process.stderr.isTTY === true;
  let last = Number.NEGATIVE_INFINITY;
  return (progress) => {
    if (progress.totalBytes < PROGRESS_MIN_BYTES) return;
    const now = Date.now();
    const done = progress.bytesRead >= progress.totalBytes;
    // One line a second at most (the first and the last always), so a log is not flooded.
    if (now - last < 1000 && !done) return;
    last = now;
    const percent = Math.min(100, Math.floor((100 * progress.bytesRead) / progress.totalBytes));
    const line = `importing ${file}: ${percent}% (${progress.imported} profiles, ${progress.skipped} lines skipped)`;
    process.stderr.write(tty ? `\r${line}\x1b[K${done ? '\n' : ''}` : `${line}\n`);
  };
}

export function registerProfilesCommand(program: Command): void {
  const profiles = program.command('profiles').description('profile stores for the author join');
  profiles
    .command('import')
    .description(
      'import a profiles file (JSONL user objects or user-lookup pages, or CSV with a header row; .gz accepted) into PostgreSQL',
    )
    .argument('<file>', 'profiles file: .jsonl (default) or .csv, optionally .gz')
    .option('--db <url>', 'PostgreSQL URL, postgres://user@host:5432/db (default: $DATABASE_URL)')
    .option('--schema <name>', 'schema holding the profiles table', 'hashpulse')
    .option('--format <format>', 'jsonl or csv (default: from the file name)', fileFormat)
    .option('--batch <n>', 'profiles per upsert statement', positiveInteger, 1000)
    .action(async (file: string, flags: ImportFlags) => {
      const {
        assertProfilesFile,
        assertReadableProfileFile,
        importProfiles,
        InvalidProfileStoreConfigError,
        PostgresProfileStore,
      } = await import('../../profiles/index.js');
      // Configuration enters here, once: the flag, else the environment.
      const url = flags.db ?? (process.env.DATABASE_URL?.trim() || undefined);
      if (url === undefined) {
        throw new InvalidProfileStoreConfigError(
          'no database to import into: pass --db postgres://user@host:5432/db or set DATABASE_URL',
        );
      }
      await assertReadableProfileFile(file);
      // A tweet recording, binary data or an empty file is refused (exit 2) before the database is touched.
      await assertProfilesFile(file);
      const store = await PostgresProfileStore.open(url, { schema: flags.schema, cacheSize: 0 });
      let printed = 0;
      try {
        const result = await importProfiles(file, store, {
          ...(flags.format === undefined ? {} : { format: flags.format }),
          batchSize: flags.batch,
          onMalformed: (malformed: MalformedProfileLine) => {
            printed += 1;
            if (printed <= MAX_PRINTED_MALFORMED) {
              process.stderr.write(
                `${printable(`${malformed.path}:${malformed.line}: skipped: ${malformed.reason}`)}\n`,
              );
            }
          },
          onProgress: progressPrinter(file),
        });
        await store.analyze();
        if (result.skipped > MAX_PRINTED_MALFORMED) {
          process.stderr.write(
            `... and ${result.skipped - MAX_PRINTED_MALFORMED} more malformed lines skipped\n`,
          );
        }
        process.stdout.write(`imported ${result.imported} profiles (${result.skipped} lines skipped)\n`);
      } finally {
        await store.close();
      }
    });
}
