// What happens to one stream message: decoded with @hashpulse/tweets, repeats dropped by id,
// tweets pushed to the engine, profiles, problems and the message text offered to listeners.
import type { SourceSink } from '@hashpulse/engine';
import { decodeLine, decodeRecord, type DecodedLine, type Profile, type Tweet } from '@hashpulse/tweets';
import type { SourceProblem } from '../tweet-source.js';
import type { LiveStatusBoard } from './live-status.js';
import type { RecentIds } from './recent-ids.js';

/** What a message means for the connection that carried it. */
export type IntakeOutcome =
  /** Tweets: the connection is alive. */
  | { kind: 'tweets' }
  /** A notice, a rejected line, or only repeats: nothing to say about the connection. */
  | { kind: 'other' }
  /** X says it is closing the stream (operational-disconnect). */
  | { kind: 'disconnect'; message: string };

export interface StreamIntakeParts {
  recent: RecentIds;
  status: LiveStatusBoard;
  profiles: (profiles: Profile[]) => void;
  message: (text: string) => void;
  problem: (problem: SourceProblem) => void;
  warn: (message: string) => void;
  /** Push tweets at their created_at instead of their arrival. */
  createdAtTime: boolean;
}

export class StreamIntake {
  private lineNumber = 0;

  constructor(private readonly parts: StreamIntakeParts) {}

  receive(text: string, sink: SourceSink<Tweet> | undefined): IntakeOutcome {
    const { status, warn } = this.parts;
    const lineNumber = ++this.lineNumber;
    let record: unknown;
    let decoded: DecodedLine;
    try {
      record = JSON.parse(text);
      decoded = decodeRecord(record, lineNumber);
    } catch {
      decoded = decodeLine(text, lineNumber); // the decoder words the rejection
    }
    if (decoded.kind === 'rejected') {
      this.reject(lineNumber, decoded.reason);
      this.parts.message(text);
      return { kind: 'other' };
    }
    if (decoded.kind === 'notice') {
      status.count('skipped');
      this.parts.problem({
        file: null,
        line: lineNumber,
        kind: 'notice',
        notice: decoded.notice,
        message: decoded.message,
      });
      this.parts.message(text);
      if (decoded.notice !== 'error') return { kind: 'other' };
      if (isOperationalDisconnect(record)) return { kind: 'disconnect', message: decoded.message };
      status.update({ message: `X API stream error: ${decoded.message}` });
      warn(`X API stream error: ${decoded.message}`);
      return { kind: 'other' };
    }
    const fresh = decoded.tweets.filter((tweet) => !this.parts.recent.seenBefore(tweet.id));
    const repeats = decoded.tweets.length - fresh.length;
    if (repeats > 0) status.count('duplicatesDropped', repeats);
    // A message of repeats only is not recorded: a replay of the recording must count each tweet once.
    if (fresh.length === 0 && repeats > 0) return { kind: 'tweets' };
    this.parts.message(text);
    if (decoded.profiles.length > 0) this.parts.profiles(decoded.profiles);
    for (const warning of decoded.warnings ?? []) {
      this.parts.problem({ file: null, line: lineNumber, kind: 'warning', message: warning });
      warn(`live stream message ${lineNumber}: ${warning}`);
    }
    let dropped = 0;
    for (const tweet of fresh) {
      const accepted = this.parts.createdAtTime ? sink?.push(tweet, tweet.createdAt) : sink?.push(tweet);
      if (accepted === false) dropped += 1;
    }
    if (dropped > 0) status.count('dropped', dropped);
    return { kind: 'tweets' };
  }

  /** A message over the size limit, skipped by the line splitter: a rejected line of its own. */
  receiveOversized(maxLineBytes: number): void {
    this.reject(++this.lineNumber, `message longer than ${maxLineBytes} bytes, skipped`);
  }

  private reject(lineNumber: number, reason: string): void {
    this.parts.status.count('rejected');
    this.parts.problem({ file: null, line: lineNumber, kind: 'rejected', message: reason });
    this.parts.warn(`live stream message ${lineNumber} rejected: ${reason}`);
  }
}

function isOperationalDisconnect(record: unknown): boolean {
  if (typeof record !== 'object' || record === null) return false;
  const errors = (record as { errors?: unknown }).errors;
  return (
    Array.isArray(errors) &&
    errors.some((error: unknown) => {
      const e = error as { title?: unknown; disconnect_type?: unknown } | null;
      return e?.title === 'operational-disconnect' || e?.disconnect_type === 'OperationalDisconnect';
    })
  );
}
