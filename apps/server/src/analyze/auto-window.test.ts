import { describe, expect, it } from 'vitest';
import { resolveWindow } from './auto-window.js';
import { AnalyzeOptionError } from './errors.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const open = {};

describe("the analyser's window picked from the input's span", () => {
  it.each([
    ['all in one second', 0, SECOND],
    ['ten minutes', 10 * MINUTE, 5 * SECOND],
    ['just under ten minutes', 10 * MINUTE - SECOND, 2 * SECOND],
    ['an hour', HOUR, 15 * SECOND],
    ['a day', DAY, 5 * MINUTE],
    ['a month', 30 * DAY, 3 * HOUR],
    ['three years', 3 * 365 * DAY, 7 * DAY],
  ])('%s: tumbling windows of a round slide, a batch each', (_name, span, slide) => {
    expect(resolveWindow(open, span)).toEqual({
      batchIntervalMs: slide,
      windowLengthMs: slide,
      slideMs: slide,
    });
  });

  it('aims at no more than about 300 windows, and the shortest round slide that does', () => {
    expect(resolveWindow(open, 299 * SECOND).slideMs).toBe(SECOND);
    expect(resolveWindow(open, 300 * SECOND).slideMs).toBe(2 * SECOND);
    expect(resolveWindow(open, 599 * SECOND).slideMs).toBe(2 * SECOND);
  });

  it('keeps what was given and fills in the rest around it', () => {
    expect(resolveWindow({ windowLengthMs: HOUR }, DAY)).toEqual({
      batchIntervalMs: HOUR,
      windowLengthMs: HOUR,
      slideMs: HOUR,
    });
    expect(resolveWindow({ windowLengthMs: 2 * HOUR, slideMs: 30 * MINUTE }, DAY)).toEqual({
      batchIntervalMs: 30 * MINUTE,
      windowLengthMs: 2 * HOUR,
      slideMs: 30 * MINUTE,
    });
    expect(resolveWindow({ slideMs: 45 * SECOND }, DAY)).toEqual({
      batchIntervalMs: 15 * SECOND,
      windowLengthMs: 45 * SECOND,
      slideMs: 45 * SECOND,
    });
    expect(resolveWindow({ batchIntervalMs: SECOND }, DAY)).toEqual({
      batchIntervalMs: SECOND,
      windowLengthMs: 5 * MINUTE,
      slideMs: 5 * MINUTE,
    });
  });

  it('refuses given values that break a rule, naming it', () => {
    expect(() => resolveWindow({ windowLengthMs: 31 * DAY }, DAY)).toThrow(AnalyzeOptionError);
    expect(() => resolveWindow({ windowLengthMs: 31 * DAY }, DAY)).toThrow(
      'window length 31d must be at most 30d',
    );
  });
});
