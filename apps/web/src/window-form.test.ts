import { describe, expect, it } from 'vitest';
import { checkWindowForm } from './window-form';

describe('window form checks', () => {
  it('a valid form yields the configuration in milliseconds', () => {
    expect(checkWindowForm({ batchInterval: '1s', windowLength: '1m', slide: '5s' })).toEqual({
      config: { batchIntervalMs: 1000, windowLengthMs: 60_000, slideMs: 5000 },
      problems: [],
    });
  });

  it('names the window rule a configuration breaks', () => {
    const { config, problems } = checkWindowForm({ batchInterval: '10s', windowLength: '45s', slide: '10s' });
    expect(config).toBeNull();
    expect(problems).toEqual(['window length 45s must be a multiple of the batch interval 10s']);
  });

  it('names the field that is not a duration', () => {
    const { problems } = checkWindowForm({ batchInterval: '1s', windowLength: 'ten', slide: '' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^window length: "ten" is not a duration/);
    expect(problems[1]).toMatch(/^slide: /);
  });
});
