// The `hashpulse` command line: each command lives in cli/commands/<name>.ts and registers itself
// here, so adding one touches one line.
import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands/index.js';

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
    // One clear message where the run cannot go on; the stack only when asked for.
    console.error(`hashpulse: ${(error as Error).message}`);
    if (process.env.HASHPULSE_DEBUG) console.error(error);
    return 1;
  }
}
