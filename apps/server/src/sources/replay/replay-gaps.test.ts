// The stretches without tweets a replay passes at once: what counts as a gap, the gaps kept for
// the status, and the playing time still ahead with the gaps left out (the replay's ETA).
import { describe, expect, it } from 'vitest';
import { ReplayGaps } from './replay-gaps.js';

const MINUTE = 60_000;

describe('a gap in a replay', () => {
  it('is a pause between tweets longer than the threshold; one exactly as long is played', () => {
    const gaps = new ReplayGaps(MINUTE);
    expect(gaps.thresholdMs).toBe(MINUTE);
    expect(gaps.isGap(0, MINUTE)).toBe(false);
    expect(gaps.isGap(0, MINUTE + 1)).toBe(true);
    expect(gaps.isGap(5000, 5000)).toBe(false);
    expect(gaps.isGap(10 * MINUTE, 12 * MINUTE)).toBe(true);
    // Measured between the two times, wherever they are in the recording.
    expect(gaps.isGap(30 * MINUTE, 30 * MINUTE + 1000)).toBe(false);
  });

  it('adds up the recording time left out, and lists the passed gaps oldest first', () => {
    const gaps = new ReplayGaps(MINUTE);
    expect(gaps.skippedMs).toBe(0);
    expect(gaps.list()).toEqual([]);
    gaps.passed(0, 5 * MINUTE);
    gaps.passed(10 * MINUTE, 12 * MINUTE);
    expect(gaps.skippedMs).toBe(7 * MINUTE);
    expect(gaps.list()).toEqual([
      { from: 0, to: 5 * MINUTE },
      { from: 10 * MINUTE, to: 12 * MINUTE },
    ]);
  });

  it('keeps the 20 most recent gaps for the status, while the skipped time counts them all', () => {
    const gaps = new ReplayGaps(MINUTE);
    for (let i = 0; i < 25; i++) gaps.passed(i * 10 * MINUTE, i * 10 * MINUTE + 2 * MINUTE);
    const kept = gaps.list();
    expect(kept).toHaveLength(20);
    expect(kept[0]).toEqual({ from: 50 * MINUTE, to: 52 * MINUTE });
    expect(kept[19]).toEqual({ from: 240 * MINUTE, to: 242 * MINUTE });
    expect(gaps.skippedMs).toBe(25 * 2 * MINUTE);
  });

  it('lists copies: a caller changing the list changes nothing kept', () => {
    const gaps = new ReplayGaps(MINUTE);
    gaps.passed(0, 2 * MINUTE);
    gaps.list()[0]!.to = 99;
    gaps.list().pop();
    expect(gaps.list()).toEqual([{ from: 0, to: 2 * MINUTE }]);
  });
});

describe('the playing time ahead, gaps left out', () => {
  /** Tweets in minutes 0 and 10 (a 9-minute gap between), the last at 10:05. */
  function twoStretches(): ReplayGaps {
    const gaps = new ReplayGaps(MINUTE);
    for (const time of [10 * MINUTE + 5000, 0, 30_000]) gaps.noteTweet(time);
    return gaps;
  }

  it('counts the rest of the current minute and each later minute with tweets, not the gap', () => {
    const gaps = twoStretches();
    expect(gaps.busyTimeAfter(0)).toBe(2 * MINUTE);
    expect(gaps.busyTimeAfter(30_000)).toBe(MINUTE + 30_000);
    // In the gap: only the minute with tweets ahead.
    expect(gaps.busyTimeAfter(2 * MINUTE)).toBe(MINUTE);
    expect(gaps.busyTimeAfter(9 * MINUTE)).toBe(MINUTE);
  });

  it('is never more than the time to the last tweet, and 0 after it', () => {
    const gaps = twoStretches();
    expect(gaps.busyTimeAfter(10 * MINUTE)).toBe(5000);
    expect(gaps.busyTimeAfter(10 * MINUTE + 3000)).toBe(2000);
    expect(gaps.busyTimeAfter(10 * MINUTE + 5000)).toBe(0);
    expect(gaps.busyTimeAfter(20 * MINUTE)).toBe(0);
  });

  it('is the whole recording before the first tweet, minus its gaps', () => {
    const gaps = twoStretches();
    expect(gaps.busyTimeAfter(-3 * MINUTE)).toBe(2 * MINUTE);
  });

  it('follows tweets noted after it was asked (a later file of the first pass)', () => {
    const gaps = twoStretches();
    expect(gaps.busyTimeAfter(0)).toBe(2 * MINUTE);
    gaps.noteTweet(20 * MINUTE + 1000);
    expect(gaps.busyTimeAfter(0)).toBe(3 * MINUTE);
  });

  it('counts every later minute with tweets, however many (a long recording)', () => {
    const gaps = new ReplayGaps(MINUTE);
    // Tweets in 40 scattered minutes, the last at the start of minute 397.
    const minutes = Array.from({ length: 40 }, (_, i) => (i * i) % 397).concat(397);
    for (const minute of minutes) gaps.noteTweet(minute * MINUTE);
    const active = [...new Set(minutes)];
    for (const at of [0, 1, 50, 100, 155, 200, 289, 300, 396, 397]) {
      const time = at * MINUTE + 1000;
      const later = active.filter((minute) => minute > at).length;
      const current = active.includes(at) ? MINUTE - 1000 : 0;
      expect(gaps.busyTimeAfter(time), `minute ${at}`).toBe(
        Math.max(0, Math.min(397 * MINUTE - time, later * MINUTE + current)),
      );
    }
  });
});
