import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitCsvLine } from './csv-line.js';

function quote(field: string): string {
  return /[",]/.test(field) || field === '' ? `"${field.replaceAll('"', '""')}"` : field;
}

describe('splitCsvLine', () => {
  it('reads quoted fields with commas and doubled quotes', () => {
    expect(splitCsvLine('1,"Doe, John ""DD""",,x,')).toEqual({
      ok: true,
      fields: ['1', 'Doe, John "DD"', '', 'x', ''],
    });
  });

  it('reads an empty quoted field and a lone field', () => {
    expect(splitCsvLine('""')).toEqual({ ok: true, fields: [''] });
    expect(splitCsvLine('42')).toEqual({ ok: true, fields: ['42'] });
  });

  it('gives back any fields written with RFC 4180 quoting', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', ' ', 'é', '1') }), {
          minLength: 1,
          maxLength: 8,
        }),
        (fields) => {
          expect(splitCsvLine(fields.map(quote).join(','))).toEqual({ ok: true, fields });
        },
      ),
    );
  });

  it.each([
    ['1,"unterminated,2', 'quote opened at column 3 is never closed'],
    ['1,"e"x,2', 'unexpected "x" after the closing quote'],
    ['1,ab"c,2', 'stray quote in unquoted field 2'],
  ])('refuses %s', (line, reason) => {
    const result = splitCsvLine(line);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });
});
