// created_at parsing: the digit-by-digit path for v2's ISO form must give exactly what Date.parse
// gives, and hand every value it does not plainly read to Date.parse.
import { describe, expect, it } from 'vitest';
import { parseCreatedAt, parseTweetTime } from '../src/decode/time.js';

function dateParse(value: string): number | null {
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

describe('parseCreatedAt', () => {
  it('reads v2 times as Date.parse does, over every month, day and time of day', () => {
    const values: string[] = [];
    for (let ms = Date.UTC(1999, 11, 25, 23, 59, 59, 999); ms < Date.UTC(2031, 0, 1); ms += 86_399_917) {
      values.push(new Date(ms).toISOString());
    }
    values.push('2024-02-29T12:00:00.000Z', '2023-02-28T00:00:00.000Z', '2024-12-31T23:59:59.999Z');
    values.push('0100-01-01T00:00:00.000Z', '9999-12-28T23:59:59.999Z');
    for (const value of values) expect(parseCreatedAt(value), value).toBe(dateParse(value));
  });

  it('hands values outside the plain form to Date.parse', () => {
    const values = [
      '2023-02-29T00:00:00.000Z', // no such day: Date.parse decides
      '2023-04-31T00:00:00.000Z',
      '2023-13-01T00:00:00.000Z',
      '2023-00-10T00:00:00.000Z',
      '2023-01-00T00:00:00.000Z',
      '2023-01-10T24:00:00.000Z',
      '2023-01-10T23:60:00.000Z',
      '2023-01-10T23:00:60.000Z',
      '2023-01-10T24:00:00.000Z', // read by Date.parse as the next midnight
      '2023-01-10T24:30:00.000Z',
      '2023-01-32T00:00:00.000Z',
      '0099-01-10T10:00:00.000Z',
      '2023-01-10T10:00:00.x00Z',
      '2023-01-10T10:00:00.0x0Z',
      '0050-01-10T10:00:00.000Z', // a two-digit year: Date.UTC would read 1950
      '2023-01-10T10:00:00.000+01:00',
      '2023-01-10T10:00:00Z',
      '2023-01-10T10:0a:00.000Z',
      '2023-01-1xT10:00:00.000Z',
      '2023/01/10T10:00:00.000Z',
      '2023-01-10 10:00:00.000Z',
      '2023-01-10T10:00:00.00xZ',
      '2023-01-10T10:00:00.000z',
      'Wed Oct 10 20:19:24 +0000 2018',
      'yesterday',
      '',
    ];
    // Each separator of the form on its own, and each digit, replaced.
    const plain = '2023-01-10T10:20:30.456Z';
    for (let i = 0; i < plain.length; i++) {
      for (const replacement of ['x', '/', '5']) {
        if (plain[i] === replacement) continue;
        values.push(plain.slice(0, i) + replacement + plain.slice(i + 1));
      }
    }
    for (const value of values) expect(parseCreatedAt(value), value).toBe(dateParse(value));
    expect(parseCreatedAt('Wed Oct 10 20:19:24 +0000 2018')).toBe(Date.UTC(2018, 9, 10, 20, 19, 24));
    expect(parseCreatedAt('2023-01-10T23:60:00.000Z')).toBeNull();
    expect(parseCreatedAt(null)).toBeNull();
  });
});

describe('parseTweetTime', () => {
  it('reads what parseCreatedAt reads, the same value again or not, equal strings or the same one', () => {
    const same = '2024-03-01T12:00:00.000Z';
    const values = [
      same,
      same,
      ['2024-03-01T12:00:00', '.000Z'].join(''),
      '2024-03-01T12:00:01.000Z',
      null,
      null,
      'not a time',
      'not a time',
      'Wed Oct 10 20:19:24 +0000 2018',
      '',
      same,
      '2024-03-01T12:00:01.000Z',
      null,
      same,
    ];
    for (const value of values) expect(parseTweetTime(value), String(value)).toBe(parseCreatedAt(value));
  });
});
