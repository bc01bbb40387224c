import { describe, expect, it } from 'vitest';
import { ProgressLine } from './progress-line.js';

function output(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, writes, write: (text: string) => writes.push(text) };
}

describe('ProgressLine', () => {
  it('redraws one bar in place on a terminal, at most once per interval, and clears it', () => {
    let now = 0;
    const out = output(true);
    const progress = new ProgressLine(out, { ttyIntervalMs: 100, now: () => now });
    now = 100;
    progress.update({ phase: 'analysing', done: 500, total: 1000 });
    now = 150;
    progress.update({ phase: 'analysing', done: 600, total: 1000 });
    now = 250;
    progress.update({ phase: 'analysing', done: 1000, total: 1000 });
    progress.clear();
    progress.clear();
    expect(out.writes).toHaveLength(3);
    expect(out.writes[0]).toBe(
      `\ranalysing ${'█'.repeat(12)}${'░'.repeat(12)}  50% 500 of 1,000 tweets analysed\u001b[K`,
    );
    expect(out.writes[1]).toMatch(/^\ranalysing █{24} 100% 1,000 of 1,000 tweets analysed/);
    expect(out.writes[2]).toBe('\r\u001b[K');
  });

  it('writes plain lines, no carriage returns or escapes, every few seconds when not a terminal', () => {
    let now = 0;
    const out = output(false);
    const progress = new ProgressLine(out, { plainIntervalMs: 5000, now: () => now });
    progress.update({ phase: 'reading', done: 1_048_576, total: 4_194_304 });
    now = 5000;
    progress.update({ phase: 'reading', done: 2_097_152, total: 4_194_304 });
    now = 6000;
    progress.update({ phase: 'analysing', done: 10, total: 100 });
    progress.clear();
    expect(out.writes).toEqual(['reading: 50% (2.0 of 4.0 MB read)\n']);
  });
});
