import { describe, expect, it } from 'vitest';
import { ProblemLog } from './problem-log.js';
import { LineReadError } from '../files/index.js';

describe('ProblemLog', () => {
  it('lists the first rejected lines with file:line, then counts the rest', () => {
    const out: string[] = [];
    const log = new ProblemLog((line) => out.push(line), 3);
    for (let line = 1; line <= 5; line++) {
      log.report({ file: 'a.jsonl', line, kind: 'rejected', message: 'invalid JSON' });
    }
    log.finish();
    expect(out).toEqual([
      'a.jsonl:1: rejected: invalid JSON',
      'a.jsonl:2: rejected: invalid JSON',
      'a.jsonl:3: rejected: invalid JSON',
      '... and 2 more rejected lines (5 in all)',
    ]);
  });

  it('lists warnings on their own budget and sums notices by kind', () => {
    const out: string[] = [];
    const log = new ProblemLog((line) => out.push(line), 1);
    log.report({ file: 'b.jsonl', line: 4, kind: 'warning', message: 'API errors: Forbidden' });
    log.report({ file: 'b.jsonl', line: 9, kind: 'rejected', message: 'not an object' });
    log.report({ file: 'b.jsonl', line: 5, kind: 'notice', notice: 'compliance', message: 'delete 1' });
    log.report({ file: 'b.jsonl', line: 6, kind: 'notice', notice: 'limit', message: 'limit 3' });
    log.report({ file: 'b.jsonl', line: 7, kind: 'notice', notice: 'compliance', message: 'delete 2' });
    log.finish();
    expect(out).toEqual([
      'b.jsonl:4: warning: API errors: Forbidden',
      'b.jsonl:9: rejected: not an object',
      'skipped 3 records that are not tweets (compliance 2, limit 1)',
    ]);
  });

  it('passes on where a file stopped being readable, as the reader says it', () => {
    const out: string[] = [];
    const log = new ProblemLog((line) => out.push(line));
    const message =
      'c.jsonl.gz: the gzip stream ends early; stopped after line 120, the lines before were read';
    log.readError(new LineReadError(message, 'c.jsonl.gz', 120));
    expect(out).toEqual([message]);
  });
});
