import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatClock,
  formatCount,
  formatMs,
  formatRate,
  formatScore,
  windowLabel,
} from './format';

describe('number formatting', () => {
  it('counts are exact when small and compact when large', () => {
    expect(formatCount(9876, 'en-US')).toBe('9,876');
    expect(formatCount(12_345, 'en-US')).toBe('12.3K');
    expect(formatCount(4_500_000, 'en-US')).toBe('4.5M');
  });

  it('rates, scores, durations and sizes read naturally', () => {
    expect(formatRate(12.345, 'en-US')).toBe('12.3/s');
    expect(formatRate(10_000, 'en-US')).toBe('10K/s');
    expect(formatScore(0.2, 'en-US')).toBe('+0.20');
    expect(formatScore(null)).toBe('n/a');
    expect(formatMs(850, 'en-US')).toBe('850 ms');
    expect(formatMs(1250, 'en-US')).toBe('1.3 s');
    expect(formatMs(185_000, 'en-US')).toBe('3 min 5 s');
    expect(formatBytes(1536, 'en-US')).toBe('1.5 KB');
  });

  it('the window label names window length and slide in the units people type', () => {
    expect(windowLabel({ windowLengthMs: 60_000, slideMs: 5000 })).toBe('window 1m, slide 5s');
  });
});

describe('clock time', () => {
  it('axes and the feed use a compact 24-hour clock', () => {
    expect(formatClock(new Date(2024, 0, 1, 23, 5, 9).getTime(), 'en-US')).toBe('23:05:09');
  });
});
