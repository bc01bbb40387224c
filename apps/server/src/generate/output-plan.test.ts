import { describe, expect, it } from 'vitest';
import { GenerateOutputError, DEFAULT_STREAM_OPTIONS } from './options.js';
import { checkOutputName, planOutput } from './output-plan.js';

describe('what generate --out will write', () => {
  it('takes .jsonl and .jsonl.gz names, in any case', () => {
    for (const out of ['a.jsonl', 'dir/b.JSONL', 'c.jsonl.gz', 'd.JSONL.GZ'])
      expect(() => checkOutputName(out)).not.toThrow();
  });

  it.each([
    ['out/x.csv', /not a \.csv file; name it e\.g\. out\/x\.jsonl\.gz/],
    ['x.json', /not a \.json file/],
    ['x.gz', /not a \.gz file/],
    ['x.jsonl.zip', /not a \.jsonl\.zip file/],
    ['stream', /not a name without an extension; name it e\.g\. stream\.jsonl\.gz/],
  ])('refuses %s, saying which names it writes', (out, message) => {
    expect(() => checkOutputName(out)).toThrow(GenerateOutputError);
    expect(() => checkOutputName(out)).toThrow(
      /generate writes X API v2 JSON lines to a \.jsonl file, or \.jsonl\.gz for gzip/,
    );
    expect(() => checkOutputName(out)).toThrow(message);
  });

  it('announces a large output with its estimated size, and stays quiet for a small one', () => {
    expect(planOutput('small.jsonl', DEFAULT_STREAM_OPTIONS).notice).toBeNull();
    const huge = planOutput('huge.jsonl', { ...DEFAULT_STREAM_OPTIONS, minutes: 1, rate: 100_000 });
    expect(huge.tweets).toBe(6_000_000);
    expect(huge.notice).toBe(
      'generate will write about 6.6 GB to huge.jsonl (~6,000,000 tweets at ~1,100 bytes each); a .jsonl.gz name writes about 846 MB instead',
    );
    const gzip = planOutput('huge.jsonl.gz', { ...DEFAULT_STREAM_OPTIONS, minutes: 1, rate: 100_000 });
    expect(gzip.notice).toBe(
      'generate will write about 846 MB to huge.jsonl.gz (~6,000,000 tweets at ~141 bytes each, gzip)',
    );
  });
});
