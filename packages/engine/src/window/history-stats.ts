// What the window operators of a graph retain, per history tier: the figures /metrics reports, since
// memory is bounded by the tiers (partials × keys per partial) rather than by the stream's length.
import type { Graph } from '../graph/node.js';

export interface HistoryTierStats {
  /** 0: per-batch partials; i: the i-th roll-up tier. */
  tier: number;
  /** Bucket width; null for the per-batch tier (its width is the batch interval). */
  resolutionMs: number | null;
  retentionMs: number;
  /** Window operators keeping this tier (their figures are summed). */
  operators: number;
  /** Partials (batches or buckets) retained. */
  partials: number;
  /** Keys held over all retained partials: the tier's memory in entries. */
  keys: number;
  /** Keys left out of roll-up buckets by a key limit, since the start. */
  keysTrimmed: number;
}

interface HistoryHolder {
  historyStats(): HistoryTierStats[];
}

function holdsHistory(node: object): node is HistoryHolder {
  return typeof (node as Partial<HistoryHolder>).historyStats === 'function';
}

/** Sums the window operators' tiers, tier by tier. */
export function sumHistoryStats(graph: Graph): HistoryTierStats[] {
  const sums: HistoryTierStats[] = [];
  for (const node of graph.nodes) {
    if (!holdsHistory(node)) continue;
    for (const stats of node.historyStats()) {
      const sum = sums[stats.tier];
      if (sum === undefined) sums[stats.tier] = { ...stats };
      else {
        sum.operators += stats.operators;
        sum.partials += stats.partials;
        sum.keys += stats.keys;
        sum.keysTrimmed += stats.keysTrimmed;
      }
    }
  }
  return sums;
}
