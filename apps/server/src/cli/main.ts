// The `hashpulse` command line: each command lives in cli/commands/<name>.ts and registers itself
// here, so adding one touches one line. Exit codes: 0 done; 1 the run failed (or a usage error
// commander reports); 2 the command was given input it does not take: a file of the wrong kind, an
// output it does not write.
import { Command, CommanderError } from 'commander';
import { WrongFileKindError } from '../files/errors.js';
import { GenerateOutputError } from '../generate/options.js';
import { COMMANDS } from './commands/index.js';
import { printable } from './printable.js';

export const EXIT_WRONG_INPUT = 2;

export async function runCli(argv: string[]): Promise<number> {
  const program = new Command('hashpulse')
    .description('Real-time tweet analytics on a micro-batch stream engine')
    .exitOverride()
    .showHelpAfterError('(run `hashpulse --help` or `hashpulse <command> --help` for usage)');
  for (const register of COMMANDS) register(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    // One clear message where the run cannot go on (escaped: it may quote a file); the stack only
    // when asked for.
    const message = (error as Error).message.split('\n').map((line) => printable(line));
    console.error(`hashpulse: ${message.join('\n')}`);
    if (process.env.HASHPULSE_DEBUG) console.error(error);
    return error instanceof WrongFileKindError || error instanceof GenerateOutputError ? EXIT_WRONG_INPUT : 1;
  }
}
