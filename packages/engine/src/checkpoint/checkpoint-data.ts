// What a checkpoint holds: everything needed to resume exactly after the batch it was taken at.
import type { SourceOffset } from '../source/source.js';
import type { WindowConfig } from '../window/window-spec.js';

export const CHECKPOINT_VERSION = 1;

export interface CheckpointData {
  version: number;
  /** The graph's shape: recovery refuses a checkpoint of a different job. */
  fingerprint: string;
  /** The last batch fully processed. */
  batchTime: number;
  batchIntervalMs: number;
  pendingBatchIntervalMs: number | null;
  /** Each window spec in creation order: the configuration in effect and a pending update. */
  windows: Array<{ active: WindowConfig; pending: WindowConfig | null }>;
  /** Per source: its offset and the records it had pushed that no processed batch holds yet. */
  sources: Array<{ name: string; offset: SourceOffset | null; pending: Array<[number, number, unknown]> }>;
  /** Batches closed but not processed yet, with their records per source. */
  queued: Array<{ time: number; batchIntervalMs: number; records: unknown[][] }>;
  lastBatchTime: number | null;
  latestRecordBatch: number | null;
  /** State of each stateful node, by node id. */
  nodes: Array<{ id: number; kind: string; state: unknown }>;
}
