// The hashpulse server in a child process (node-process.ts), for tests that kill it for real
// (kill -9) and start it again: its dashboard URL and its pino log records.
import { startNodeProcess, type NodeProcess } from './node-process.js';

export interface ServerProcess extends Pick<NodeProcess, 'child' | 'lines' | 'kill'> {
  url: string;
  /** The pino records among the lines (level 30 info, 40 warn, 50 error). */
  logs(): Array<{ level: number; msg: string }>;
}

const STARTED = /hashpulse dashboard: (http:\/\/\S+)/;

/** Starts `apps/server/src/main.ts` with only `env` (plus PATH and HOME) in `cwd`. */
export async function startServerProcess(env: Record<string, string>, cwd: string): Promise<ServerProcess> {
  const node = await startNodeProcess(env, STARTED, cwd);
  const started = STARTED.exec(await node.waitFor(STARTED))!;
  return {
    url: started[1]!,
    child: node.child,
    lines: node.lines,
    kill: node.kill,
    logs: () =>
      node.lines.flatMap((text) => {
        if (!text.startsWith('{')) return [];
        const record = JSON.parse(text) as { level?: unknown; msg?: unknown };
        return typeof record.level === 'number' && typeof record.msg === 'string'
          ? [{ level: record.level, msg: record.msg }]
          : [];
      }),
  };
}
