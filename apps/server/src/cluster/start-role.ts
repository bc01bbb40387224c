// Starts what ROLE names besides `all` and `web` (which serve HTTP, see start.ts): the ingest node
// or a worker, each closed cleanly on shutdown.
import type { ServerConfig } from '../config/server-config.js';
import { startIngestNode } from './ingest-node.js';
import { consoleLog } from './role-log.js';
import { WorkerNode } from './worker-node.js';

export interface RunningRole {
  describe: string;
  close(): Promise<void>;
}

export async function startBackgroundRole(config: ServerConfig): Promise<RunningRole> {
  const cluster = config.cluster!;
  if (config.role === 'ingest') {
    const node = await startIngestNode(config, consoleLog('ingest'));
    return {
      describe: `ingest into ${cluster.partitions} partitions (${cluster.prefix})`,
      close: () => node.close(),
    };
  }
  const worker = await WorkerNode.start(config, consoleLog('worker'));
  return { describe: `worker ${worker.id} (${cluster.prefix})`, close: () => worker.close() };
}
