// Filtered-stream messages built from the real X API v2 recordings in test-data/x-api-v2:
// stream lines as recorded, and search pages split into the one-tweet messages the stream sends.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One `{"data": {...}, "includes": {...}}` stream message, as JSON-compatible data. */
export interface StreamMessage {
  data: { id: string; author_id?: string; referenced_tweets?: { type: string; id: string }[] } & Record<
    string,
    unknown
  >;
  includes?: { users?: { id: string }[]; tweets?: { id: string }[] } & Record<string, unknown>;
  matching_rules?: { id: string; tag: string | null }[];
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root is five levels up (apps/server/test/support/x-api); the recordings are in its test-data/. */
export const X_API_DATA_DIR = path.resolve(here, '../../../../..', 'test-data/x-api-v2');

/** Pages (one API response per line) whose tweets become stream messages, in file order. */
const PAGE_FILES = ['brexit.jsonl', 'media_policy_violation_off.jsonl', 'two_tweets.jsonl', 'cashtags.jsonl'];

let cached: StreamMessage[] | undefined;

/**
 * Every distinct recorded tweet as a stream message: first the complete lines of
 * streaming_output_with_error.jsonl (its cut-off last line is left out), then the tweets of the
 * search pages with their author and referenced tweets moved into `includes`, as the stream does.
 */
export function recordedStreamMessages(): StreamMessage[] {
  cached ??= buildMessages();
  return cached.map((message) => structuredClone(message));
}

function buildMessages(): StreamMessage[] {
  const messages: StreamMessage[] = [];
  const seen = new Set<string>();
  const add = (message: StreamMessage): void => {
    if (seen.has(message.data.id)) return;
    seen.add(message.data.id);
    messages.push(message);
  };
  for (const line of readLines('streaming_output_with_error.jsonl')) {
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      continue; // the recording's last line is cut off mid-record on purpose
    }
    const message = withoutTwarc(record as StreamMessage & { __twarc?: unknown });
    // The 2021 recording has numeric rule ids; the API sends them as strings.
    if (message.matching_rules)
      message.matching_rules = message.matching_rules.map((rule) => ({ id: String(rule.id), tag: rule.tag }));
    add(message);
  }
  for (const file of PAGE_FILES) {
    for (const line of readLines(file)) {
      const page = JSON.parse(line) as {
        data?: StreamMessage['data'][];
        includes?: { users?: { id: string }[]; tweets?: { id: string }[] };
      };
      const users = new Map((page.includes?.users ?? []).map((user) => [user.id, user]));
      const tweets = new Map((page.includes?.tweets ?? []).map((tweet) => [tweet.id, tweet]));
      for (const tweet of page.data ?? []) {
        const author = tweet.author_id === undefined ? undefined : users.get(tweet.author_id);
        const referenced = (tweet.referenced_tweets ?? [])
          .map((ref) => tweets.get(ref.id))
          .filter((t): t is { id: string } => t !== undefined);
        const includes: NonNullable<StreamMessage['includes']> = {};
        if (author) includes.users = [author];
        if (referenced.length > 0) includes.tweets = referenced;
        add({ data: tweet, includes });
      }
    }
  }
  return messages;
}

function readLines(file: string): string[] {
  return readFileSync(path.join(X_API_DATA_DIR, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

function withoutTwarc<T extends { __twarc?: unknown }>(record: T): Omit<T, '__twarc'> {
  const { __twarc: _dropped, ...rest } = record;
  return rest;
}
