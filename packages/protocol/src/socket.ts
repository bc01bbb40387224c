// socket.io events between the server and dashboards. The server validates what it receives;
// the dashboard validates what it receives.
import { z } from 'zod';
import { FeedTweetSchema, WindowUpdateSchema } from './analytics.js';
import { PublicConfigSchema } from './rest.js';
import { BatchMetricsSchema, SourceStatusSchema } from './status.js';

/** Everything a new tab needs at once, so it is never empty; also GET /api/snapshot. */
export const SnapshotSchema = z.object({
  config: PublicConfigSchema,
  /** Recent window updates, oldest first; the last one is the current window (if any). */
  windows: z.array(WindowUpdateSchema),
  metrics: z.array(BatchMetricsSchema),
  feed: z.array(FeedTweetSchema),
  status: SourceStatusSchema,
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

/**
 * The engine.io transports a dashboard tries, in order: a WebSocket first, long-polling only where
 * one cannot be opened (a proxy that refuses upgrades). Polling first, socket.io's default, costs
 * the server a handshake, a poll and an upgrade probe per connection; in a storm of new tabs during
 * a `max` replay those requests were most of its work (see `npm run bench -- load`).
 */
export const DASHBOARD_TRANSPORTS = ['websocket', 'polling'] as const;

export const SOCKET_EVENTS = {
  snapshot: SnapshotSchema,
  window: WindowUpdateSchema,
  metrics: BatchMetricsSchema,
  tweets: z.array(FeedTweetSchema),
  status: SourceStatusSchema,
  config: PublicConfigSchema,
} as const;

export interface ServerToClientEvents {
  snapshot(snapshot: Snapshot): void;
  window(update: z.infer<typeof WindowUpdateSchema>): void;
  metrics(metrics: z.infer<typeof BatchMetricsSchema>): void;
  tweets(tweets: z.infer<typeof FeedTweetSchema>[]): void;
  status(status: z.infer<typeof SourceStatusSchema>): void;
  config(config: z.infer<typeof PublicConfigSchema>): void;
}

/** Clients only ask for the current snapshot; changes go through the REST API. */
export interface ClientToServerEvents {
  'snapshot:get'(reply: (snapshot: Snapshot) => void): void;
}
