// Tells tweet recordings from other JSONL files (profile lookups, anything else) by their first
// line, so the dashboard offers only files that replay to tweets.
import { decodeLine } from '@hashpulse/tweets';
import type { DataFileKind } from '@hashpulse/protocol';
import { readLines } from './line-reader.js';

function looksLikeUserPage(text: string): boolean {
  try {
    const record: unknown = JSON.parse(text);
    if (typeof record !== 'object' || record === null) return false;
    const data = (record as { data?: unknown }).data;
    const first: unknown = Array.isArray(data) ? data[0] : record;
    return typeof first === 'object' && first !== null && 'username' in first && !('text' in first);
  } catch {
    return false;
  }
}

/** Reads at most the first non-empty line; an unreadable file is "other". */
export async function recordingKind(filePath: string): Promise<DataFileKind> {
  try {
    for await (const line of readLines(filePath, { maxLineBytes: 4 * 1024 * 1024 })) {
      if (line.text.trim() === '') continue;
      const decoded = decodeLine(line.text, line.lineNumber);
      if (decoded.kind === 'tweets' && decoded.tweets.length > 0) return 'tweets';
      if (decoded.kind === 'notice') return 'notices';
      return looksLikeUserPage(line.text) ? 'profiles' : 'other';
    }
  } catch {
    // A file that cannot be read is listed, but never offered as a recording.
  }
  return 'other';
}
