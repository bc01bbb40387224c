// Entry point of each pool worker: imports task modules on demand and runs chunks, one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { runStages } from './run-stages.js';
import type { ChunkReply, ChunkRequest, Stage, WorkerStart } from './task.js';
import { lowerThreadPriority } from './thread-niceness.js';

const start = workerData as WorkerStart | undefined;
if (start?.niceness) lowerThreadPriority(start.niceness);

const loaded = new Map<string, (...args: never[]) => unknown>();

async function resolve(stage: Stage): Promise<(...args: never[]) => unknown> {
  const key = `${stage.module}#${stage.export}`;
  let fn = loaded.get(key);
  if (!fn) {
    const mod = (await import(stage.module)) as Record<string, unknown>;
    const candidate = mod[stage.export];
    if (typeof candidate !== 'function') {
      throw new Error(
        `${stage.module} has no exported function "${stage.export}" (exports: ${Object.keys(mod).join(', ') || 'none'})`,
      );
    }
    fn = candidate as (...args: never[]) => unknown;
    loaded.set(key, fn);
  }
  return fn;
}

async function runChunk(request: ChunkRequest): Promise<void> {
  let reply: ChunkReply;
  let current = request.stages[0];
  try {
    const result = await runStages(request.records, request.stages, request.combine, async (stage) => {
      current = stage;
      return resolve(stage);
    });
    reply = { id: request.id, ok: true, result };
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    reply = {
      id: request.id,
      ok: false,
      error: {
        name: err.name,
        message: err.message,
        task: current ? `${current.export} from ${current.module}` : 'none',
      },
    };
  }
  parentPort!.postMessage(reply);
}

// runChunk never rejects: every failure becomes an error reply.
parentPort!.on('message', (request: ChunkRequest) => void runChunk(request));
