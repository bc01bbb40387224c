// hashpulse (`apps/server/src/main.ts`) in a child process, run from its TypeScript source as
// `npm run dev` does, for tests that start several nodes or kill one for real (kill -9) and start
// it again: a cluster role, or the server (server-process.ts). Every line it prints is kept.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './paths.js';

export interface NodeProcess {
  child: ChildProcess;
  lines: string[];
  /** Resolves once a printed line matches (lines printed before count too). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends the signal and resolves when the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
  readonly exited: Promise<number | null>;
}

// The working directory may be a test's own (no .env of the checkout), so tsx is named by its path.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * Starts `main.ts` with only `env` (plus PATH and HOME) in `cwd`, and resolves once a printed line
 * matches `ready` (a process that has not printed it within 60 s is killed).
 */
export async function startNodeProcess(
  env: Record<string, string>,
  ready: RegExp,
  cwd = REPO_ROOT,
): Promise<NodeProcess> {
  const child = spawn(process.execPath, ['--import', TSX, path.join(REPO_ROOT, 'apps/server/src/main.ts')], {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_OPTIONS: '--conditions=hashpulse-source',
      PORT: '0',
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const watchers = new Set<() => void>();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const collect = (stream: NodeJS.ReadableStream) => {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop()!;
      lines.push(...parts);
      for (const watcher of watchers) watcher();
    });
  };
  collect(child.stdout!);
  collect(child.stderr!);
  const waitFor = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = lines.find((text) => pattern.test(text));
        if (line === undefined) return;
        done();
        resolve(line);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${lines.join('\n')}`));
      }, timeoutMs);
      const onExit = () => {
        done();
        reject(new Error(`the process exited before a line matched ${pattern}:\n${lines.join('\n')}`));
      };
      const done = () => {
        clearTimeout(timer);
        watchers.delete(check);
        child.off('exit', onExit);
      };
      watchers.add(check);
      child.once('exit', onExit);
      check();
      if (child.exitCode !== null || child.signalCode !== null) onExit();
    });
  const process_: NodeProcess = {
    child,
    lines,
    waitFor,
    exited,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  try {
    await waitFor(ready);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return process_;
}
