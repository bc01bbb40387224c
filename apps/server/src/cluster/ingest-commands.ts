// The ingest node's side of the control plane: source controls from any web node, read from
// Redis, validated and applied in the order sent; start, live, restart and stop are answered (in
// the ingest's status) so the web node that sent one can tell the dashboard how it went.
import { IngestControlSchema, type IngestControl } from '@hashpulse/protocol';
import type { Redis } from 'ioredis';
import { RequestRefusedError, type ReplayStart } from '../runtime/dashboard-runtime.js';
import type { ClusterKeys } from './cluster-keys.js';
import type { RoleLog } from './role-log.js';

/** Pause, resume and speed of a live stream: it comes as X sends it. */
export const LIVE_NOT_CONTROLLED =
  'the live X API stream cannot be paused, resumed or slowed (it comes as X sends it): stop it, or start a replay';

/** What the controls do on the ingest node; a refusal throws (RequestRefusedError says its status). */
export interface IngestCommands {
  pause(): void;
  resume(): void;
  setSpeed(speed: ReplayStart['speed']): void;
  start(request: ReplayStart): Promise<void>;
  /** The live X API stream in a new run. */
  live(stream: 'filtered' | 'sample'): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** The outcome of a start, restart or stop, for the web node waiting on `id`. */
  answered(id: string, refused: RequestRefusedError | null): void;
}

/** Reads one control entry: the control, or why it is refused. */
export function parseIngestControl(fields: readonly string[]) {
  let json: unknown = null;
  try {
    json = JSON.parse(fields[fields.indexOf('d') + 1] ?? '');
  } catch {
    // refused below
  }
  return IngestControlSchema.safeParse(json);
}

/** The entry fields a web node appends to send a control. */
export function ingestControlFields(control: IngestControl): string[] {
  return ['d', JSON.stringify(control)];
}

/** Applies one control; the refusal of a start, live, restart or stop goes into its answer. */
export async function applyIngestControl(
  commands: IngestCommands,
  control: ReturnType<typeof IngestControlSchema.parse>,
): Promise<void> {
  switch (control.kind) {
    case 'pause':
      return commands.pause();
    case 'resume':
      return commands.resume();
    case 'speed':
      return commands.setSpeed(control.speed);
    default:
  }
  try {
    if (control.kind === 'start') await commands.start(control.replay);
    else if (control.kind === 'live') await commands.live(control.stream);
    else if (control.kind === 'restart') await commands.restart();
    else await commands.stop();
    commands.answered(control.id, null);
  } catch (error) {
    commands.answered(
      control.id,
      error instanceof RequestRefusedError ? error : new RequestRefusedError((error as Error).message, 400),
    );
    throw error;
  }
}

/**
 * Follows the control stream from now on: a control sent while this node is down is not kept
 * (the web node that sent it says the ingest node did not answer).
 */
export function followIngestControls(
  redis: Redis,
  keys: ClusterKeys,
  commands: IngestCommands,
  log: RoleLog,
) {
  let running = true;
  let lastId = '$';
  const loop = (async () => {
    while (running) {
      try {
        const reply = (await redis.xread('BLOCK', 500, 'STREAMS', keys.ingestControl, lastId)) as Array<
          [string, Array<[string, string[]]>]
        > | null;
        for (const [, entries] of reply ?? []) {
          for (const [id, fields] of entries) {
            lastId = id;
            const parsed = parseIngestControl(fields);
            if (!parsed.success) {
              log('warn', `source control ${id} refused: ${parsed.error.message}`);
              continue;
            }
            const control = parsed.data;
            try {
              await applyIngestControl(commands, control);
              log('info', `source control: ${describe(control)}`);
            } catch (error) {
              log('warn', `source control ${control.kind} refused: ${(error as Error).message}`);
            }
          }
        }
      } catch (error) {
        if (running) log('warn', `reading source controls failed: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}

function describe(control: ReturnType<typeof IngestControlSchema.parse>): string {
  if (control.kind === 'speed') return `speed ${control.speed}`;
  if (control.kind === 'start') return `start ${control.replay.files.join(', ')}`;
  if (control.kind === 'live') return `live ${control.stream} stream`;
  return control.kind;
}
