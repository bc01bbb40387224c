// A task names a function by module and export, because functions cannot cross threads: the
// worker imports the module itself. The type parameters only keep the stream types honest.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TaskError } from '../errors.js';

export interface Task<In, Out> {
  /** A file: URL (or an absolute path, normalised to one) of a module the worker can import. */
  readonly module: string;
  readonly export: string;
  /** Phantom field for the record types; never set. */
  readonly types?: (input: In) => Out;
}

/**
 * Names `exportName` of `module` as a task, e.g.
 * `defineTask<string, string[]>(new URL('./tasks.ts', import.meta.url), 'hashtags')`.
 * The module must be importable on its own in a worker (no closures over main-thread state).
 */
export function defineTask<In, Out>(module: string | URL, exportName: string): Task<In, Out> {
  let url: string;
  if (module instanceof URL) url = module.href;
  else if (module.startsWith('file:')) url = module;
  else if (path.isAbsolute(module)) url = pathToFileURL(module).href;
  else {
    throw new TaskError(
      `task module "${module}" must be a file: URL or an absolute path (e.g. new URL('./tasks.ts', import.meta.url))`,
    );
  }
  if (!exportName) throw new TaskError(`task in ${url} needs the name of an exported function`);
  return { module: url, export: exportName };
}

/** How a stage applies its function: per record, or to the whole chunk of records. */
export type StageKind = 'map' | 'flatMap' | 'filter' | 'partition';

export interface Stage {
  kind: StageKind;
  module: string;
  export: string;
}

/** What a worker does with a chunk after its stages: nothing, or count values (map-side combine). */
export type Combine = 'none' | 'count';

/** What a pool gives each worker it starts (its workerData). */
export interface WorkerStart {
  /** Steps of Linux niceness the worker adds to its own thread's; 0 leaves it as it is. */
  niceness: number;
}

export interface ChunkRequest {
  id: number;
  stages: Stage[];
  combine: Combine;
  records: unknown[];
}

export type ChunkReply =
  | { id: number; ok: true; result: unknown[] | [unknown[], number[]] }
  | { id: number; ok: false; error: { name: string; message: string; task: string } };
