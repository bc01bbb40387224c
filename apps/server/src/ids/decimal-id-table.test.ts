// The table under the id-keyed structures: which strings it takes as decimal ids, and that it tells
// every one of them apart, through growth and removals.
import { describe, expect, it } from 'vitest';
import { DecimalIdTable, NOT_DECIMAL } from './decimal-id-table.js';

/** Puts each id in the slot of its index (growing the table first). */
function tableOf(ids: readonly string[]): DecimalIdTable {
  const table = new DecimalIdTable();
  table.resize(ids.length, 0);
  ids.forEach((id, at) => {
    expect(table.parse(id)).toBe(true);
    expect(table.find()).toBe(-1);
    table.put(at);
  });
  return table;
}

function slotOf(table: DecimalIdTable, id: string): number {
  expect(table.parse(id)).toBe(true);
  return table.find();
}

describe('decimal id table', () => {
  it('takes canonical decimal ids of up to 19 digits and nothing else', () => {
    const table = new DecimalIdTable();
    for (const id of ['0', '7', '90', '1400000006995', '1763534649574232065', '9999999999999999999'])
      expect(table.parse(id)).toBe(true);
    for (const id of ['', '07', '00', '10000000000000000000', '1/2', '1:2', '12a', ' 12', '-12', '1e3', '١٢'])
      expect(table.parse(id)).toBe(false);
  });

  it('tells apart ids that share their last nine digits, or their digits in another length', () => {
    const ids = [
      ...Array.from({ length: 3000 }, (_, h) => `${h + 1}123456789`),
      '123456789',
      '12',
      '8',
      '80',
      '12574232065',
      '8574232065',
      '0',
    ];
    const table = tableOf(ids);
    ids.forEach((id, at) => expect(slotOf(table, id)).toBe(at));
    for (const absent of ['9', '3001123456789', '1123456788', '1763534649574232065'])
      expect(slotOf(table, absent)).toBe(-1);
  });

  it('finds many ids at a time as find() finds each, ids alike in their last nine digits too', () => {
    const ids = Array.from({ length: 3000 }, (_, h) => `${h + 1}123456789`);
    const table = tableOf(ids);
    const asked = [...ids.slice().reverse(), '3001123456789', '07', 'x', '123456789', ids[5]!];
    const out = new Int32Array(asked.length);
    table.findAll(asked, asked.length, out);
    expect([...out]).toEqual(asked.map((id) => (table.parse(id) ? table.find() : NOT_DECIMAL)));
    expect(out.at(-1)).toBe(5);
    // Its scratch keeps the parts of ids asked before: an id it refuses finds nothing by them.
    const again = new Int32Array(2);
    table.findAll(['x', ids[1]!], 2, again);
    expect([...again]).toEqual([NOT_DECIMAL, 1]);
  });

  it('still finds every other id after removals, and the removed ones no more', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => String(1_400_000_000_000 + i * 7919));
    const table = tableOf(ids);
    for (let at = 0; at < ids.length; at += 3) table.remove(at);
    ids.forEach((id, at) => expect(slotOf(table, id)).toBe(at % 3 === 0 ? -1 : at));
    // A removed slot takes another id.
    expect(table.parse('42')).toBe(true);
    table.put(0);
    expect(slotOf(table, '42')).toBe(0);
  });

  it('keeps the ids of the slots it is told hold one when it grows', () => {
    const ids = Array.from({ length: 100 }, (_, i) => String(1000 + i));
    const table = tableOf(ids);
    table.resize(400, ids.length, (at) => at % 2 === 0);
    expect(table.slots).toBe(400);
    ids.forEach((id, at) => expect(slotOf(table, id)).toBe(at % 2 === 0 ? at : -1));
    table.resize(0, 0);
    expect(table.slots).toBe(0);
    expect(slotOf(table, '1000')).toBe(-1);
  });
});
