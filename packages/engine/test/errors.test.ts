// The engine's error catalogue: one stable HP_ERR_ENGINE_* code per error class.
import { describe, expect, it } from 'vitest';
import {
  BatchFailedError,
  CheckpointError,
  ClockNotStartedError,
  ContextStateError,
  ENGINE_ERROR_CODES,
  EngineError,
  InvalidBatchIntervalError,
  InvalidOptionError,
  InvalidRecordTimeError,
  InvalidWindowError,
  ListenerError,
  SourceFailedError,
  SourceNotPausableError,
  StreamingContext,
  TaskError,
  UnknownSourceError,
} from '@hashpulse/engine';

const EVERY_ERROR: EngineError[] = [
  new InvalidWindowError(['w']),
  new InvalidBatchIntervalError('b'),
  new InvalidOptionError('o'),
  new ContextStateError('c'),
  new UnknownSourceError('u'),
  new SourceNotPausableError('p'),
  new InvalidRecordTimeError('t'),
  new ClockNotStartedError('n'),
  new BatchFailedError(0, 'op', new Error('x')),
  new SourceFailedError('s', new Error('x')),
  new ListenerError('l'),
  new TaskError('k'),
  new CheckpointError('cp'),
];

describe('engine error codes', () => {
  it('are unique, follow HP_ERR_ENGINE_<WHAT>, and do not change', () => {
    const codes = Object.values(ENGINE_ERROR_CODES);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^HP_ERR_ENGINE_[A-Z][A-Z_]*[A-Z]$/);
    expect(ENGINE_ERROR_CODES).toMatchInlineSnapshot(`
      {
        "BatchFailedError": "HP_ERR_ENGINE_BATCH_FAILED",
        "CheckpointError": "HP_ERR_ENGINE_CHECKPOINT",
        "ClockNotStartedError": "HP_ERR_ENGINE_CLOCK_NOT_STARTED",
        "ContextStateError": "HP_ERR_ENGINE_CONTEXT_STATE",
        "InvalidBatchIntervalError": "HP_ERR_ENGINE_INVALID_BATCH_INTERVAL",
        "InvalidOptionError": "HP_ERR_ENGINE_INVALID_OPTION",
        "InvalidRecordTimeError": "HP_ERR_ENGINE_INVALID_RECORD_TIME",
        "InvalidWindowError": "HP_ERR_ENGINE_INVALID_WINDOW",
        "ListenerError": "HP_ERR_ENGINE_LISTENER",
        "SourceFailedError": "HP_ERR_ENGINE_SOURCE_FAILED",
        "SourceNotPausableError": "HP_ERR_ENGINE_SOURCE_NOT_PAUSABLE",
        "TaskError": "HP_ERR_ENGINE_TASK",
        "UnknownSourceError": "HP_ERR_ENGINE_UNKNOWN_SOURCE",
      }
    `);
  });

  it('each error class carries the code catalogued under its name', () => {
    expect(EVERY_ERROR.map((error) => error.name).sort()).toEqual(Object.keys(ENGINE_ERROR_CODES).sort());
    for (const error of EVERY_ERROR) {
      expect(error).toBeInstanceOf(EngineError);
      expect(error.code).toBe(ENGINE_ERROR_CODES[error.name as keyof typeof ENGINE_ERROR_CODES]);
    }
  });

  it('the context throws coded errors for out-of-range options, keeping their messages', () => {
    expect(() => new StreamingContext({ batchIntervalMs: 1000, workers: 0 })).toThrow(
      expect.objectContaining({
        code: 'HP_ERR_ENGINE_INVALID_OPTION',
        message: 'workers 0 must be a whole number ≥ 1',
      }),
    );
    expect(() => new StreamingContext({ batchIntervalMs: 1000, retentionMs: -1 })).toThrow(
      InvalidOptionError,
    );
    expect(() => new StreamingContext({ batchIntervalMs: 1000, taskChunkSize: 1.5 })).toThrow(
      'taskChunkSize 1.5 must be a whole number ≥ 1',
    );
    expect(() => new StreamingContext({ batchIntervalMs: 1000, checkpointIntervalMs: -5 })).toThrow(
      'checkpointIntervalMs -5 must be ≥ 0 (0 = after every batch)',
    );
    expect(() => new StreamingContext({ batchIntervalMs: 0 })).toThrow(
      expect.objectContaining({ code: 'HP_ERR_ENGINE_INVALID_BATCH_INTERVAL' }),
    );
  });
});
