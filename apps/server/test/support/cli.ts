// Runs the `hashpulse` CLI as users do, in a child process, and collects what it printed.
import { spawn, type SpawnOptions } from 'node:child_process';
import { CLI_BIN } from './paths.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `hashpulse ...args`, failing the test if it has not finished within 50 s. */
export function runCli(args: string[], options: Pick<SpawnOptions, 'cwd' | 'env'> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], {
      ...options,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`hashpulse ${args.join(' ')} did not finish within 50 s`));
    }, 50_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
