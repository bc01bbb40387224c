import { describe, expect, it } from 'vitest';
import { decodeEvent } from './decode';
import { feedTweet, snapshot, windowUpdate } from '../testing/fixtures';

describe('socket payload validation', () => {
  it('a valid window update becomes a window action', () => {
    const update = windowUpdate(1_700_000_010_000, [['demo', 3]]);
    expect(decodeEvent('window', update)).toEqual([{ type: 'window', update }]);
  });

  it('a window update breaking the window rules is rejected with the rule named', () => {
    const update = windowUpdate(1_700_000_010_000, [['demo', 3]], {
      batchIntervalMs: 10_000,
      windowLengthMs: 45_000,
      slideMs: 10_000,
    });
    const [action] = decodeEvent('window', update, 5);
    expect(action).toMatchObject({ type: 'rejected', rejection: { event: 'window', at: 5 } });
    expect(action?.type === 'rejected' && action.rejection.message).toContain(
      'window length 45s must be a multiple of the batch interval 10s',
    );
  });

  it('a snapshot of the wrong shape is rejected, naming the field', () => {
    const bad = { ...snapshot(), metrics: [{ batchTime: 'soon' }] };
    const [action] = decodeEvent('snapshot', bad);
    expect(action?.type).toBe('rejected');
    expect(action?.type === 'rejected' && action.rejection.message).toMatch(/^metrics\.0\.batchTime/);
  });

  it('one malformed tweet costs only itself', () => {
    const actions = decodeEvent('tweets', [feedTweet('1'), { id: 2 }, feedTweet('3')]);
    expect(actions[0]).toEqual({ type: 'tweets', tweets: [feedTweet('1'), feedTweet('3')] });
    expect(actions[1]?.type === 'rejected' && actions[1].rejection.message).toMatch(
      /^1 of 3 tweets dropped; tweet 1:/,
    );
  });

  it('a tweets event that is not an array is rejected', () => {
    expect(decodeEvent('tweets', { id: '1' })[0]?.type).toBe('rejected');
  });
});
