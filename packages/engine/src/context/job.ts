// A batch job: one closed batch's records per source and its metrics record, as the job generator
// hands it to the scheduler (and as a checkpoint keeps the batches still queued).
import type { BatchInfo } from '../metrics/batch-info.js';

export interface Job {
  time: number;
  /** Per source, in registration order. */
  records: unknown[][];
  info: BatchInfo;
}

/** A submitted batch's info, before it starts. */
export function newBatchInfo(
  time: number,
  batchIntervalMs: number,
  records: unknown[][],
  perSource: BatchInfo['perSource'],
  submittedAt: number,
): BatchInfo {
  let late = 0;
  let dropped = 0;
  for (const counts of Object.values(perSource)) {
    late += counts.lateRecords;
    dropped += counts.droppedRecords;
  }
  return {
    batchTime: time,
    batchIntervalMs,
    records: records.reduce((n, r) => n + r.length, 0),
    lateRecords: late,
    droppedRecords: dropped,
    perSource,
    submittedAt,
    startedAt: null,
    completedAt: null,
    schedulingDelayMs: null,
    processingTimeMs: null,
    totalDelayMs: null,
    operatorMs: {},
    error: null,
  };
}

/** Plain record counts per source (nothing late or dropped), for batches restored from a checkpoint. */
export function recordCounts(names: readonly string[], records: unknown[][]): BatchInfo['perSource'] {
  const perSource: BatchInfo['perSource'] = {};
  names.forEach((name, i) => {
    perSource[name] = { records: records[i]?.length ?? 0, lateRecords: 0, droppedRecords: 0, paused: false };
  });
  return perSource;
}
