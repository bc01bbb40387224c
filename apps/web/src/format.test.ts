import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatClock,
  formatCount,
  formatDateTime,
  formatSpan,
  formatMs,
  formatRate,
  formatScore,
  passesMidnight,
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

describe('times in the zone the viewer picked', () => {
  // 04:05:09 UTC on 2 January is 23:05:09 on 1 January in New York (UTC-5 in winter).
  const instant = Date.UTC(2024, 0, 2, 4, 5, 9);

  it('axes and the feed use a compact 24-hour clock in the chosen zone', () => {
    expect(formatClock(instant, 'UTC', 'en-US')).toBe('04:05:09');
    expect(formatClock(instant, 'America/New_York', 'en-US')).toBe('23:05:09');
  });

  it('the recording clock carries its date in the chosen zone', () => {
    // ICU versions differ in the space before AM/PM (a narrow no-break space in recent ones).
    expect(formatDateTime(instant, 'UTC', 'en-US')).toMatch(/^Jan 2, 2024, 4:05:09\sAM$/);
    expect(formatDateTime(instant, 'America/New_York', 'en-US')).toMatch(/^Jan 1, 2024, 11:05:09\sPM$/);
  });

  it('a range passes midnight in one zone and not in another', () => {
    const from = Date.UTC(2024, 0, 2, 3, 0); // 22:00 in New York
    const to = Date.UTC(2024, 0, 2, 6, 0); // 01:00 in New York
    expect(passesMidnight(from, to, 'UTC')).toBe(false);
    expect(passesMidnight(from, to, 'America/New_York')).toBe(true);
  });

  it("a window's span names the days only when it passes midnight", () => {
    const start = Date.UTC(2024, 0, 2, 4, 58);
    const end = Date.UTC(2024, 0, 2, 5, 3);
    expect(formatSpan(start, end, 'UTC', 'en-US')).toBe('04:58:00–05:03:00');
    expect(formatSpan(start, end, 'America/New_York', 'en-US')).toBe('Jan 1 23:58:00 – Jan 2 00:03:00');
    // The end is exclusive: a window that ends at midnight holds nothing of the next day.
    expect(formatSpan(Date.UTC(2024, 0, 2, 4, 55), start + 120_000, 'America/New_York', 'en-US')).toBe(
      '23:55:00–00:00:00',
    );
  });
});
