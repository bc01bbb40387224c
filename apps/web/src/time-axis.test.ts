import { describe, expect, it } from 'vitest';
import { timeLabels, timeScale, timeTicks } from './time-axis';

const NEW_YORK = 'America/New_York';
const at = (hours: number, minutes = 0, seconds = 0) => Date.UTC(2024, 0, 2, hours, minutes, seconds);

describe('time axis labels', () => {
  // Hourly ticks from 03:00 to 06:00 UTC: the same day in UTC, 22:00 to 01:00 across midnight in New York.
  const ticks = [at(3), at(4), at(5), at(6)];

  it('a range within one day shows times only', () => {
    const { tick, label } = timeLabels(ticks, at(3), at(6), 'UTC', 'en-US');
    expect(ticks.map(tick)).toEqual(['03:00', '04:00', '05:00', '06:00']);
    expect(label(at(4, 30, 15))).toMatch(/^04:30:15\sAM$/);
  });

  it('a range that passes midnight shows the day on its first tick and where the day changes', () => {
    const { tick, label } = timeLabels(ticks, at(3), at(6), NEW_YORK, 'en-US');
    expect(ticks.map(tick)).toEqual(['Jan 1 22:00', '23:00', 'Jan 2', '01:00']);
    expect(label(at(4, 30, 15))).toMatch(/^Jan 1, 11:30:15\sPM$/);
  });

  it('ticks between whole minutes keep their seconds', () => {
    const seconds = [at(4, 59, 50), at(5, 0, 0), at(5, 0, 10)];
    expect(seconds.map(timeLabels(seconds, seconds[0]!, seconds[2]!, 'UTC', 'en-US').tick)).toEqual([
      '04:59:50',
      '05:00:00',
      '05:00:10',
    ]);
    expect(seconds.map(timeLabels(seconds, seconds[0]!, seconds[2]!, NEW_YORK, 'en-US').tick)).toEqual([
      'Jan 1 23:59:50',
      'Jan 2',
      '00:00:10',
    ]);
  });
});

describe('time axis ticks', () => {
  it('fall on round times of the zone: seconds for minutes of data, minutes for an hour', () => {
    const short = timeScale([at(4, 59, 30), at(5, 0, 30)], 'UTC', 'en-US');
    expect(short.ticks.map(short.tick)).toEqual(['04:59:30', '04:59:45', '05:00:00', '05:00:15', '05:00:30']);

    const hour = timeScale([at(4), at(4, 30), at(5)], 'UTC', 'en-US');
    expect(hour.ticks.map(hour.tick)).toEqual(['04:00', '04:15', '04:30', '04:45', '05:00']);
  });

  it('a week of hourly windows is ticked by days, each labelled with its date', () => {
    const hours = Array.from({ length: 5 * 24 }, (_, i) => Date.UTC(2024, 0, 1, 12) + i * 3_600_000);
    const week = timeScale(hours, 'UTC', 'en-US');
    expect(week.ticks.map(week.tick)).toEqual(['Jan 2', 'Jan 3', 'Jan 4', 'Jan 5', 'Jan 6']);
    expect(week.label(hours[0]!)).toMatch(/^Jan 1, 12:00:00\sPM$/);
  });

  it('no data gives no ticks, one point gives one', () => {
    expect(timeScale([], 'UTC').ticks).toEqual([]);
    expect(timeTicks(at(5), at(5), 'UTC')).toEqual([at(5)]);
  });
});
