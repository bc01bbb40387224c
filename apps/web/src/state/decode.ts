// Turns a raw socket event into a reducer action, validated by the protocol's schema. A bad
// payload becomes a `rejected` action naming the event and the first problems; it is never applied.
import { SOCKET_EVENTS, FeedTweetSchema, type z } from '@hashpulse/protocol';
import type { DashboardAction } from './reducer';

export type SocketEventName = keyof typeof SOCKET_EVENTS;
export const SOCKET_EVENT_NAMES = Object.keys(SOCKET_EVENTS) as SocketEventName[];

/** "hashtags.0.count: Invalid input: expected number, received string; ..." (first three issues). */
export function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length > 3 ? ` (+${error.issues.length - 3} more)` : '';
  return shown.join('; ') + more;
}

function rejected(event: string, message: string, now: number): DashboardAction {
  return { type: 'rejected', rejection: { event, message, at: now } };
}

/**
 * Decodes one event's payload. For `tweets`, each tweet is checked on its own so one bad tweet
 * costs only itself; the others are kept and the rejection says how many were dropped.
 */
export function decodeEvent(event: SocketEventName, payload: unknown, now = Date.now()): DashboardAction[] {
  if (event === 'tweets') {
    if (!Array.isArray(payload)) return [rejected(event, 'expected an array of tweets', now)];
    const tweets = [];
    let firstProblem: string | null = null;
    let bad = 0;
    for (const [index, item] of payload.entries()) {
      const parsed = FeedTweetSchema.safeParse(item);
      if (parsed.success) tweets.push(parsed.data);
      else {
        bad += 1;
        firstProblem ??= `tweet ${index}: ${describeIssues(parsed.error)}`;
      }
    }
    const actions: DashboardAction[] = [];
    if (tweets.length > 0) actions.push({ type: 'tweets', tweets });
    if (bad > 0)
      actions.push(rejected(event, `${bad} of ${payload.length} tweets dropped; ${firstProblem}`, now));
    return actions;
  }
  switch (event) {
    case 'snapshot':
      return one(
        event,
        SOCKET_EVENTS.snapshot.safeParse(payload),
        (snapshot) => ({ type: 'snapshot', snapshot }),
        now,
      );
    case 'window':
      return one(
        event,
        SOCKET_EVENTS.window.safeParse(payload),
        (update) => ({ type: 'window', update }),
        now,
      );
    case 'metrics':
      return one(
        event,
        SOCKET_EVENTS.metrics.safeParse(payload),
        (metrics) => ({ type: 'metrics', metrics }),
        now,
      );
    case 'status':
      return one(
        event,
        SOCKET_EVENTS.status.safeParse(payload),
        (status) => ({ type: 'status', status }),
        now,
      );
    case 'config':
      return one(
        event,
        SOCKET_EVENTS.config.safeParse(payload),
        (config) => ({ type: 'config', config }),
        now,
      );
  }
}

function one<T>(
  event: string,
  result: z.ZodSafeParseResult<T>,
  toAction: (data: T) => DashboardAction,
  now: number,
): DashboardAction[] {
  return result.success ? [toAction(result.data)] : [rejected(event, describeIssues(result.error), now)];
}
