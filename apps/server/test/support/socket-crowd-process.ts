// Starts socket-crowd.ts in a child process and talks to it over IPC (see there for what it does).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { CrowdPlan, CrowdReport } from './socket-crowd.js';

export type { CrowdPlan, CrowdReport } from './socket-crowd.js';

export interface Crowd {
  readonly child: ChildProcess;
  /** Resolves when every client's handshake has ended, connected or failed. */
  settled(): Promise<void>;
  /** Counts window updates afresh from now. */
  mark(): Promise<void>;
  /** What the crowd holds; with `untilEnd`, once every connected client has that window. */
  report(untilEnd?: number): Promise<CrowdReport>;
  close(): Promise<void>;
}

const SCRIPT = path.join(import.meta.dirname, 'socket-crowd.ts');

export function spawnCrowd(plan: CrowdPlan): Crowd {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, JSON.stringify(plan)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let isSettled = false;
  const settledOnce = new Promise<void>((resolve) =>
    child.on('message', (message: { type: string }) => {
      if (message.type === 'settled') {
        isSettled = true;
        resolve();
      }
    }),
  );
  function ask<T>(message: object, answer: string, pick: (reply: Record<string, unknown>) => T): Promise<T> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: Record<string, unknown>) => {
        if (reply.type !== answer) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(pick(reply));
      };
      const onExit = (code: number | null) =>
        reject(new Error(`the socket crowd exited (${code}) before answering`));
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(message);
    });
  }
  return {
    child,
    settled: () => (isSettled ? Promise.resolve() : settledOnce),
    mark: () => ask({ type: 'mark' }, 'marked', () => undefined),
    report: (untilEnd) =>
      ask(
        { type: 'report', ...(untilEnd === undefined ? {} : { untilEnd }) },
        'report',
        (reply) => reply.report as CrowdReport,
      ),
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGCONT');
        child.send({ type: 'close' });
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await exited;
    },
  };
}
