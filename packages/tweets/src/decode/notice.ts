// Recognises the non-tweet messages of the X APIs: compliance events, limit notices, errors and
// control messages. They are reported, never counted as tweets.
import type { DecodedLine } from '../tweet.js';
import { type JsonObject, arr, isObject, num, obj, recordText, str } from './json.js';

type Notice = Extract<DecodedLine, { kind: 'notice' }>;

function notice(kind: Notice['notice'], message: string): Notice {
  return { kind: 'notice', notice: kind, message };
}

/** Events of the v2 compliance stream (`{"data": {"delete": ...}}`) and v1.1 deletions/withholdings. */
export const COMPLIANCE_EVENTS: ReadonlySet<string> = new Set([
  'delete',
  'withheld',
  'drop',
  'undrop',
  'scrub_geo',
  'user_delete',
  'user_undelete',
  'user_withheld',
  'user_suspend',
  'user_unsuspend',
  'user_protect',
  'user_unprotect',
  'user_profile_modification',
  'status_withheld',
]);

/** One line per API problem: "title: detail". */
export function describeErrors(errors: unknown[]): string {
  return errors
    .map((error) => {
      if (!isObject(error)) return recordText(String(error));
      const title =
        str(error.title) ?? str(error.code) ?? (num(error.code) !== null ? `code ${num(error.code)}` : null);
      const detail = str(error.detail) ?? str(error.message) ?? str(error.reason);
      return [title, detail].filter((part) => part !== null).join(': ') || recordText(JSON.stringify(error));
    })
    .join('; ');
}

/** A compliance event object inside v2 `data`, or null when `data` is something else. */
export function complianceInData(data: JsonObject): Notice | null {
  if (typeof data.text === 'string') return null;
  for (const key of Object.keys(data)) {
    if (COMPLIANCE_EVENTS.has(key)) return notice('compliance', `${key}: ${JSON.stringify(data[key])}`);
  }
  return null;
}

/** The notice a record without `data` stands for, or null when it is not one. */
export function noticeOf(record: JsonObject): Notice | null {
  const errors = arr(record.errors);
  if (errors !== undefined) return notice('error', describeErrors(errors));
  // A v2 problem object ({"title", "detail", "type"}) returned instead of a stream message.
  if (typeof record.title === 'string' && typeof record.type === 'string' && record.text === undefined) {
    return notice('error', describeErrors([record]));
  }
  const limit = obj(record.limit);
  if (limit !== undefined) {
    const track = num(limit.track);
    return notice(
      'limit',
      track !== null
        ? `rate limit: ${track} matching tweets not delivered`
        : `limit: ${JSON.stringify(limit)}`,
    );
  }
  if (isObject(record.disconnect))
    return notice('error', `disconnect: ${describeErrors([record.disconnect])}`);
  if (isObject(record.warning)) return notice('other', `warning: ${describeErrors([record.warning])}`);
  if (record.text === undefined && record.full_text === undefined) {
    for (const key of Object.keys(record)) {
      if (COMPLIANCE_EVENTS.has(key)) return notice('compliance', `${key}: ${JSON.stringify(record[key])}`);
    }
    // A batch compliance job result line: {"id", "action", "created_at", "reason"}.
    const action = str(record.action);
    if (action !== null && record.id !== undefined) {
      const reason = str(record.reason);
      return notice('compliance', `${action} ${String(record.id)}${reason !== null ? ` (${reason})` : ''}`);
    }
    for (const key of ['friends', 'friends_str', 'event', 'control']) {
      if (record[key] !== undefined) return notice('other', `${key} message`);
    }
    // The last page of a search: meta.result_count 0 and no data.
    const meta = obj(record.meta);
    if (meta !== undefined && num(meta.result_count) === 0)
      return notice('other', 'empty page (result_count 0)');
  }
  return null;
}
