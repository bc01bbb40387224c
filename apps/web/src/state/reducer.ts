// The dashboard's state and the one reducer that changes it. History is bounded so the page holds
// steady memory and chart sizes however long it runs and however fast tweets arrive.
import type {
  BatchMetrics,
  FeedTweet,
  PublicConfig,
  Snapshot,
  SourceStatus,
  WindowUpdate,
} from '@hashpulse/protocol';

export const LIMITS = {
  /** Window updates kept for the trend charts (oldest dropped first). */
  windows: 120,
  /** Batch metrics kept for the engine-health charts. */
  metrics: 300,
  /** Tweets kept in the live feed (newest first). */
  feed: 500,
  /** Rejected payloads remembered for the notice. */
  rejections: 5,
} as const;

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

/** A payload that failed the protocol's schema: reported, never applied. */
export interface PayloadRejection {
  event: string;
  message: string;
  at: number;
}

export interface DashboardState {
  connection: ConnectionState;
  /** True once the first connection succeeded: before it we are "connecting", after it "reconnecting". */
  everConnected: boolean;
  config: PublicConfig | null;
  /** Oldest first; the last is the current window. */
  windows: WindowUpdate[];
  /** Oldest first. */
  metrics: BatchMetrics[];
  /** Newest first. */
  feed: FeedTweet[];
  status: SourceStatus | null;
  rejections: PayloadRejection[];
  rejectedTotal: number;
}

export type DashboardAction =
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'window'; update: WindowUpdate }
  | { type: 'metrics'; metrics: BatchMetrics }
  | { type: 'tweets'; tweets: FeedTweet[] }
  | { type: 'status'; status: SourceStatus }
  | { type: 'config'; config: PublicConfig }
  | { type: 'connection'; connection: ConnectionState }
  | { type: 'rejected'; rejection: PayloadRejection }
  | { type: 'dismissRejections' }
  | { type: 'batch'; actions: DashboardAction[] };

export const initialState: DashboardState = {
  connection: 'connecting',
  everConnected: false,
  config: null,
  windows: [],
  metrics: [],
  feed: [],
  status: null,
  rejections: [],
  rejectedTotal: 0,
};

/**
 * Adds an update to a time-ordered history. The same time again (a resent or recomputed update)
 * replaces the old entry. A time earlier than the history and not in it means the stream's clock
 * went back (a replay restarted or looped into a new session): the old timeline is dropped rather
 * than interleaved with the new one.
 */
function addToTimeline<T>(list: T[], item: T, key: (value: T) => number, limit: number): T[] {
  const k = key(item);
  const last = list[list.length - 1];
  if (last === undefined || key(last) < k) {
    const next = [...list, item];
    return next.length > limit ? next.slice(next.length - limit) : next;
  }
  const index = list.findIndex((entry) => key(entry) === k);
  if (index === -1) return [item];
  const next = [...list];
  next[index] = item;
  return next;
}

function keepLast<T>(list: T[], limit: number): T[] {
  return list.length > limit ? list.slice(list.length - limit) : list;
}

/** Newest first, without tweets already shown (a recovered connection may resend some). */
function prependTweets(feed: FeedTweet[], incoming: FeedTweet[]): FeedTweet[] {
  if (incoming.length === 0) return feed;
  const seen = new Set(feed.map((tweet) => tweet.id));
  const fresh: FeedTweet[] = [];
  for (let i = incoming.length - 1; i >= 0 && fresh.length < LIMITS.feed; i -= 1) {
    const tweet = incoming[i]!;
    if (seen.has(tweet.id)) continue;
    seen.add(tweet.id);
    fresh.push(tweet);
  }
  if (fresh.length === 0) return feed;
  const next = fresh.concat(feed);
  return next.length > LIMITS.feed ? next.slice(0, LIMITS.feed) : next;
}

export function reducer(state: DashboardState, action: DashboardAction): DashboardState {
  switch (action.type) {
    case 'batch':
      return action.actions.reduce(reducer, state);
    case 'snapshot': {
      // A snapshot is the server's whole truth (a new tab or a reconnect without recovery): replace, don't merge.
      const { snapshot } = action;
      return {
        ...state,
        config: snapshot.config,
        windows: keepLast(
          [...snapshot.windows].sort((a, b) => a.end - b.end),
          LIMITS.windows,
        ),
        metrics: keepLast(
          [...snapshot.metrics].sort((a, b) => a.batchTime - b.batchTime),
          LIMITS.metrics,
        ),
        feed: prependTweets([], snapshot.feed),
        status: snapshot.status,
      };
    }
    case 'window':
      return { ...state, windows: addToTimeline(state.windows, action.update, (w) => w.end, LIMITS.windows) };
    case 'metrics':
      return {
        ...state,
        metrics: addToTimeline(state.metrics, action.metrics, (m) => m.batchTime, LIMITS.metrics),
      };
    case 'tweets': {
      const feed = prependTweets(state.feed, action.tweets);
      return feed === state.feed ? state : { ...state, feed };
    }
    case 'status':
      return { ...state, status: action.status };
    case 'config':
      return { ...state, config: action.config };
    case 'connection':
      if (state.connection === action.connection) return state;
      return {
        ...state,
        connection: action.connection,
        everConnected: state.everConnected || action.connection === 'connected',
      };
    case 'rejected':
      return {
        ...state,
        rejections: keepLast([...state.rejections, action.rejection], LIMITS.rejections),
        rejectedTotal: state.rejectedTotal + 1,
      };
    case 'dismissRejections':
      return { ...state, rejections: [] };
  }
}
