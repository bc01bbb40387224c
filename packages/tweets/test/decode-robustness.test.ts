// decodeLine never throws and never invents tweets, whatever the input line holds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLine, decodeRecord } from '../src/index.js';
import { recordingLines } from './recordings.js';

const KINDS = ['tweets', 'notice', 'rejected'];

describe('decoding arbitrary input', () => {
  it('any string decodes to a tweets, notice or rejected result without throwing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.nat(), (line, n) => {
        const decoded = decodeLine(line, n + 1);
        expect(KINDS).toContain(decoded.kind);
        if (decoded.kind === 'rejected') {
          expect(decoded.line).toBe(n + 1);
          expect(decoded.reason).not.toMatch(/decoder failure/);
        }
        // Only a blank line (or a JSON value that is a notice) is a notice, never counted.
        if (decoded.kind === 'notice' && line.trim() === '') expect(decoded.notice).toBe('other');
      }),
      { numRuns: 2000 },
    );
  });

  it('any JSON value decodes without throwing; tweets always have an id and a time', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const decoded = decodeLine(JSON.stringify(value), 1);
        expect(KINDS).toContain(decoded.kind);
        if (decoded.kind === 'rejected') expect(decoded.reason).not.toMatch(/decoder failure/);
        if (decoded.kind === 'rejected') expect(decoded.reason.length).toBeGreaterThan(0);
        if (decoded.kind === 'notice') expect(decoded.message.length).toBeGreaterThan(0);
        if (decoded.kind === 'tweets') {
          for (const tweet of decoded.tweets) {
            expect(typeof tweet.id).toBe('string');
            expect(tweet.id).not.toBe('');
            expect(Number.isFinite(tweet.createdAt)).toBe(true);
            expect(typeof tweet.text).toBe('string');
            // Counted keys are never empty: an empty tag or name would be counted as one.
            for (const tag of tweet.hashtags) expect(tag).not.toBe('');
            for (const name of tweet.mentions) expect(name).not.toBe('');
            expect(
              [tweet.isRetweet, tweet.isQuote, tweet.isReply].every((flag) => typeof flag === 'boolean'),
            ).toBe(true);
          }
          for (const profile of decoded.profiles) expect(profile.id).not.toBe('');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('every prefix of a real stream message is rejected or decoded, never thrown', () => {
    const line = recordingLines('streaming_output_with_error.jsonl')[0] as string;
    for (let cut = 0; cut < line.length; cut += 7) {
      const decoded = decodeLine(line.slice(0, cut), 5);
      expect(KINDS).toContain(decoded.kind);
    }
  });

  it('real records with fields of the wrong type are decoded or rejected, never thrown', () => {
    const record = JSON.parse(recordingLines('streaming_output_with_error.jsonl')[0] as string) as {
      data: Record<string, unknown>;
    };
    const junk: unknown[] = [null, 42, 'x', [], {}, [null], true];
    for (const key of Object.keys(record.data)) {
      for (const value of junk) {
        const broken = { ...record, data: { ...record.data, [key]: value } };
        const decoded = decodeRecord(broken, 1);
        expect(KINDS).toContain(decoded.kind);
        if (decoded.kind === 'rejected') expect(decoded.reason).not.toMatch(/decoder failure/);
      }
    }
  });
});
