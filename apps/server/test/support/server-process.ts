// The hashpulse server in a child process, run from its TypeScript source as `npm run dev` does,
// for tests that kill it for real (kill -9) and start it again. Every log line is kept.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './paths.js';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the server printed (pino's JSON lines and the rest), in order. */
  lines: string[];
  /** The pino records among the lines (level 30 info, 40 warn, 50 error). */
  logs(): Array<{ level: number; msg: string }>;
  /** Sends the signal and resolves when the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

// The working directory is the test's own (no .env of the checkout), so tsx is named by its path.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Starts `apps/server/src/main.ts` with only `env` (plus PATH and HOME) in `cwd`. */
export function startServerProcess(env: Record<string, string>, cwd: string): Promise<ServerProcess> {
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
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within 60 s:\n${lines.join('\n')}`));
    }, 60_000);
    const collect = (stream: NodeJS.ReadableStream) => {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const parts = (rest + chunk).split('\n');
        rest = parts.pop()!;
        for (const line of parts) {
          lines.push(line);
          const started = /hashpulse dashboard: (http:\/\/\S+)/.exec(line);
          if (started) {
            clearTimeout(timer);
            resolve({
              url: started[1]!,
              child,
              lines,
              logs: () =>
                lines.flatMap((text) => {
                  if (!text.startsWith('{')) return [];
                  const record = JSON.parse(text) as { level?: unknown; msg?: unknown };
                  return typeof record.level === 'number' && typeof record.msg === 'string'
                    ? [{ level: record.level, msg: record.msg }]
                    : [];
                }),
              async kill(signal) {
                if (child.exitCode === null && child.signalCode === null) child.kill(signal);
                await exited;
              },
            });
          }
        }
      });
    };
    collect(child.stdout!);
    collect(child.stderr!);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${signal ?? code}) before it started:\n${lines.join('\n')}`));
    });
  });
}
