import { describe, expect, it } from 'vitest';
import { EventLoopTurns } from './event-loop-turns.js';

describe('event-loop turns', () => {
  it('is due only after the given work time since the last turn', async () => {
    let now = 100;
    const turns = new EventLoopTurns(8, () => now);
    now = 107.9;
    expect(turns.due()).toBe(false);
    now = 108;
    expect(turns.due()).toBe(true);
    await turns.take();
    expect(turns.due()).toBe(false);
    now = 115;
    await turns.takeIfDue();
    expect(turns.due()).toBe(false);
    now = 116;
    expect(turns.due()).toBe(true);
  });

  it('lets I/O callbacks queued before it run before it resolves', async () => {
    const ran: string[] = [];
    setImmediate(() => ran.push('other work'));
    await new EventLoopTurns(0).take();
    ran.push('after the turn');
    expect(ran).toEqual(['other work', 'after the turn']);
  });

  it('takes no turn while none is due', async () => {
    const ran: string[] = [];
    setImmediate(() => ran.push('other work'));
    await new EventLoopTurns(1_000_000).takeIfDue();
    ran.push('no turn');
    expect(ran).toEqual(['no turn']);
  });
});
