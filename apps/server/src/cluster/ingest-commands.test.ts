import { describe, expect, it } from 'vitest';
import { RequestRefusedError } from '../runtime/dashboard-runtime.js';
import {
  applyIngestControl,
  ingestControlFields,
  parseIngestControl,
  type IngestCommands,
} from './ingest-commands.js';

/** Commands that record what they were asked and fail as told. */
function recorder(fail: Partial<Record<'start' | 'live' | 'restart' | 'stop', Error>> = {}) {
  const calls: string[] = [];
  const answers: Array<[string, RequestRefusedError | null]> = [];
  const commands: IngestCommands = {
    pause: () => void calls.push('pause'),
    resume: () => void calls.push('resume'),
    setSpeed: (speed) => void calls.push(`speed ${speed}`),
    start: async (replay) => {
      calls.push(`start ${replay.files.join(',')} ${replay.speed}`);
      if (fail.start) throw fail.start;
    },
    live: async (stream) => {
      calls.push(`live ${stream}`);
      if (fail.live) throw fail.live;
    },
    restart: async () => {
      calls.push('restart');
      if (fail.restart) throw fail.restart;
    },
    stop: async () => void calls.push('stop'),
    answered: (id, refused) => void answers.push([id, refused]),
  };
  return { commands, calls, answers };
}

const parsed = (control: object) => parseIngestControl(ingestControlFields(control as never));

describe('replay controls on the ingest node', () => {
  it('reads back what a web node sends, with the REST defaults filled in', () => {
    const start = parsed({ kind: 'start', id: 'a', replay: { files: ['x.jsonl'] } });
    expect(start.success && start.data).toEqual({
      kind: 'start',
      id: 'a',
      replay: { files: ['x.jsonl'], speed: 10, loop: false },
    });
    expect(parseIngestControl(['d', '{not json']).success).toBe(false);
    expect(parseIngestControl(['x', '{}']).success).toBe(false);
    expect(parsed({ kind: 'start', id: 'a', replay: { files: ['x.jsonl'], extra: 1 } }).success).toBe(false);
    expect(parsed({ kind: 'live', id: 'l', stream: 'sample' }).success).toBe(true);
    expect(parsed({ kind: 'live', id: 'l', stream: 'firehose' }).success).toBe(false);
    expect(parsed({ kind: 'live', stream: 'sample' }).success).toBe(false);
  });

  it('answers start, live, restart and stop by their id, and only those', async () => {
    const { commands, calls, answers } = recorder();
    for (const control of [
      { kind: 'pause' },
      { kind: 'speed', speed: 'max' },
      { kind: 'start', id: 's', replay: { files: ['x.jsonl'], speed: 'max' } },
      { kind: 'live', id: 'l', stream: 'filtered' },
      { kind: 'restart', id: 'r' },
      { kind: 'stop', id: 'o' },
    ]) {
      const read = parsed(control);
      if (!read.success) throw read.error;
      await applyIngestControl(commands, read.data);
    }
    expect(calls).toEqual(['pause', 'speed max', 'start x.jsonl max', 'live filtered', 'restart', 'stop']);
    expect(answers).toEqual([
      ['s', null],
      ['l', null],
      ['r', null],
      ['o', null],
    ]);
  });

  it('answers a refusal with its status, and any other failure as a 400 with its message', async () => {
    const { commands, answers } = recorder({
      restart: new RequestRefusedError('no replay to restart: start one first', 409),
      start: new Error('cannot open x.jsonl'),
      live: new RequestRefusedError('the live source needs X_BEARER_TOKEN in the server environment', 409),
    });
    const live = parsed({ kind: 'live', id: 'l', stream: 'filtered' });
    if (!live.success) throw live.error;
    await expect(applyIngestControl(commands, live.data)).rejects.toThrow(/X_BEARER_TOKEN/);
    const restart = parsed({ kind: 'restart', id: 'r' });
    const start = parsed({ kind: 'start', id: 's', replay: { files: ['x.jsonl'] } });
    if (!restart.success || !start.success) throw new Error('not parsed');
    await expect(applyIngestControl(commands, restart.data)).rejects.toThrow(/no replay to restart/);
    await expect(applyIngestControl(commands, start.data)).rejects.toThrow(/cannot open/);
    expect(answers.map(([id, refused]) => [id, refused?.statusCode, refused?.message])).toEqual([
      ['l', 409, 'the live source needs X_BEARER_TOKEN in the server environment'],
      ['r', 409, 'no replay to restart: start one first'],
      ['s', 400, 'cannot open x.jsonl'],
    ]);
  });
});
