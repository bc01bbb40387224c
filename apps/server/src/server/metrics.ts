// /metrics in Prometheus text format: process metrics plus the engine's per-batch figures, what
// each history tier retains, and the number of connected dashboards.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { HistoryTierStats } from '@hashpulse/engine';
import { type BatchMetrics, type SourceStatus, formatDuration } from '@hashpulse/protocol';
import type { DashboardRuntime } from '../runtime/dashboard-runtime.js';

export function createMetrics(runtime: DashboardRuntime, connectedClients: () => number) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const records = new Counter({
    name: 'hashpulse_records_total',
    help: 'Records processed',
    registers: [registry],
  });
  const batches = new Counter({
    name: 'hashpulse_batches_total',
    help: 'Batches completed',
    registers: [registry],
  });
  const dropped = new Counter({
    name: 'hashpulse_dropped_records_total',
    help: 'Records dropped by full source buffers',
    registers: [registry],
  });
  const processing = new Histogram({
    name: 'hashpulse_batch_processing_seconds',
    help: 'Processing time per batch',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const schedulingDelay = new Gauge({
    name: 'hashpulse_scheduling_delay_seconds',
    help: 'Scheduling delay of the last batch',
    registers: [registry],
  });
  const rejected = new Gauge({
    name: 'hashpulse_rejected_records',
    help: 'Malformed input records rejected by the decoder',
    registers: [registry],
  });
  const unjoined = new Counter({
    name: 'hashpulse_unjoined_tweets_total',
    help: 'Tweets analysed without their author profile because the profile store was unavailable',
    registers: [registry],
  });
  const serviceUp = new Gauge({
    name: 'hashpulse_service_up',
    help: 'Whether a service the server uses is available (1) or down while the server retries (0)',
    labelNames: ['service'],
    registers: [registry],
  });
  let unjoinedSeen = 0;
  const skipped = new Gauge({
    name: 'hashpulse_skipped_records',
    help: 'Notices (compliance, limit, error messages) skipped by the decoder',
    registers: [registry],
  });
  const duplicates = new Gauge({
    name: 'hashpulse_duplicate_records',
    help: 'Tweets dropped because their id was already delivered',
    registers: [registry],
  });
  // On a cluster's web node (ROLE=web): what the cluster lost or merged incomplete, and its workers.
  const cluster = new Gauge({
    name: 'hashpulse_cluster',
    help: 'ROLE=web: dropped_entries (trimmed by CLUSTER_STREAM_MAXLEN unread), late_records, rejected_entries, incomplete_batches (merged without every partition), workers (alive), merging (1 when this node merges)',
    labelNames: ['figure'],
    registers: [registry],
  });
  // Memory is bounded by the history tiers, not the stream's length: these show each tier's share.
  const tierLabels = (tier: HistoryTierStats) => ({
    tier: String(tier.tier),
    resolution: tier.resolutionMs === null ? 'batch' : formatDuration(tier.resolutionMs),
    retention: formatDuration(tier.retentionMs),
  });
  const labelNames = ['tier', 'resolution', 'retention'] as const;
  new Gauge({
    name: 'hashpulse_history_partials',
    help: 'Partials (batches or roll-up buckets) retained per history tier, over all windowed aggregates',
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const tier of runtime.historyStats()) this.set(tierLabels(tier), tier.partials);
    },
  });
  new Gauge({
    name: 'hashpulse_history_keys',
    help: 'Keys held per history tier over its retained partials (its memory in entries)',
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const tier of runtime.historyStats()) this.set(tierLabels(tier), tier.keys);
    },
  });
  new Gauge({
    name: 'hashpulse_history_keys_trimmed',
    help: 'Long-tail keys left out of roll-up buckets (windows past an hour) since the source started',
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const tier of runtime.historyStats()) this.set(tierLabels(tier), tier.keysTrimmed);
    },
  });
  new Gauge({
    name: 'hashpulse_connected_clients',
    help: 'Connected dashboards (socket.io clients)',
    registers: [registry],
    collect() {
      this.set(connectedClients());
    },
  });

  const onMetrics = (metrics: BatchMetrics) => {
    records.inc(metrics.records);
    batches.inc();
    dropped.inc(metrics.droppedRecords);
    processing.observe(metrics.processingTimeMs / 1000);
    schedulingDelay.set(metrics.schedulingDelayMs / 1000);
  };
  const onStatus = (status: SourceStatus) => {
    rejected.set(status.rejected);
    const services = status.services;
    if (services === undefined) return;
    if (services.unjoined > unjoinedSeen) unjoined.inc(services.unjoined - unjoinedSeen);
    unjoinedSeen = services.unjoined;
    for (const name of ['profiles', 'redis'] as const) {
      const health = services[name];
      if (health === null) serviceUp.remove(name);
      else serviceUp.set({ service: name }, health.state === 'ok' ? 1 : 0);
    }
    skipped.set(status.skipped);
    if (status.cluster !== undefined) {
      const c = status.cluster;
      cluster.set({ figure: 'dropped_entries' }, c.droppedEntries);
      cluster.set({ figure: 'late_records' }, c.lateRecords);
      cluster.set({ figure: 'rejected_entries' }, c.rejectedEntries);
      cluster.set({ figure: 'incomplete_batches' }, c.incompleteBatches);
      cluster.set({ figure: 'workers' }, c.workers);
      cluster.set({ figure: 'merging' }, c.merging ? 1 : 0);
    }
    duplicates.set(status.replay?.duplicatesDropped ?? status.live?.duplicatesDropped ?? 0);
  };
  runtime.events.on('metrics', onMetrics);
  runtime.events.on('status', onStatus);

  return {
    registry,
    close() {
      runtime.events.off('metrics', onMetrics);
      runtime.events.off('status', onStatus);
    },
  };
}
