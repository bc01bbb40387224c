import { describe, expect, it } from 'vitest';
import type { Tweet } from '@hashpulse/tweets';
import { END_OF_STREAM } from './cluster-keys.js';
import { PartitionBatcher, sourcePosition } from './partition-batcher.js';
import type { StreamEntry } from './stream-entry.js';

const tweet = (id: string, createdAt: number): Tweet => ({
  id,
  createdAt,
  text: `tweet ${id}`,
  lang: 'en',
  authorId: null,
  hashtags: [],
  mentions: [],
  isRetweet: false,
  isQuote: false,
  isReply: false,
  author: null,
});

let seq = 0;
const record = (time: number, n = ++seq): StreamEntry => ({
  kind: 'record',
  id: `${n}-0`,
  seq: n,
  time,
  offset: `0:${n}`,
  tweet: tweet(String(n), time),
});
const mark = (time: number, n = ++seq): StreamEntry => ({ kind: 'mark', id: `${n}-0`, seq: n, time });

describe('a partition cut into batches', () => {
  it('closes a batch when a later batch starts, with the entries to acknowledge and the new watermark', () => {
    seq = 0;
    const batcher = new PartitionBatcher(1000, { wm: Number.NEGATIVE_INFINITY, seq: 0 });
    expect(batcher.handle(mark(5000))).toMatchObject({ batch: null, wm: 5000, ids: ['1-0'] });
    expect(batcher.handle(record(5100))).toBeNull();
    expect(batcher.handle(record(5999))).toBeNull();
    const flush = batcher.handle(record(6000))!;
    expect(flush.batch!.time).toBe(6000);
    expect(flush.batch!.tweets.map((t) => t.id)).toEqual(['2', '3']);
    // The record that closed it belongs to the next batch: not acknowledged, not counted yet.
    expect(flush.ids).toEqual(['2-0', '3-0']);
    expect(flush.seq).toBe(3);
    expect(flush.wm).toBe(6000);
    const end = batcher.handle({ kind: 'end', id: '5-0', seq: 5 })!;
    expect(end.batch!.tweets.map((t) => t.id)).toEqual(['4']);
    expect(end.ids).toEqual(['4-0', '5-0']);
    expect(end.wm).toBe(END_OF_STREAM);
    expect(batcher.ended).toBe(true);
  });

  it('counts entries trimmed before they were read (gaps in the numbers), once', () => {
    const batcher = new PartitionBatcher(1000, { wm: 0, seq: 10 });
    expect(batcher.handle(record(1500, 11))).toBeNull();
    const flush = batcher.handle(mark(3000, 15))!;
    expect(flush.dropped).toBe(3);
    expect(batcher.handle(mark(4000, 16))!.dropped).toBe(0);
  });

  it('resumes from published progress: entries handled before are acknowledged, not added again', () => {
    // A new owner claims entries 3 and 4 again after a publish that covered up to entry 3.
    const batcher = new PartitionBatcher(1000, { wm: 6000, seq: 3 });
    expect(batcher.handle(record(5999, 3))).toBeNull();
    expect(batcher.handle(record(6100, 4))).toBeNull();
    const flush = batcher.handle(mark(8000, 5))!;
    expect(flush.batch!.tweets.map((t) => t.id)).toEqual(['4']);
    expect(flush.ids).toEqual(['3-0', '4-0', '5-0']);
  });

  it('counts a record behind the watermark as late and an undecodable entry as rejected', () => {
    const batcher = new PartitionBatcher(1000, { wm: 5000, seq: 0 });
    expect(batcher.handle(record(4000, 1))).toBeNull();
    expect(batcher.handle({ kind: 'bad', id: '2-0', seq: 2, reason: 'not JSON' })).toBeNull();
    const flush = batcher.handle(mark(6000, 3))!;
    expect(flush).toMatchObject({ late: 1, rejected: 1, reasons: ['not JSON'], batch: null });
  });

  it('orders records by pass, then position', () => {
    expect(sourcePosition('1:0')).toBeGreaterThan(sourcePosition('0:999999'));
    expect(sourcePosition('')).toBe(0);
  });
});
