// A web node's engine: the analytics job's windows fed by the merged stream (one merged partial
// per batch time) on a manual clock that the merged stream's ticks move. Every web node plays the
// same stream, so every web node computes the same windows and serves its own dashboards.
import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import {
  ManualClock,
  QueueSource,
  StreamingContext,
  type StreamingListener,
  type WindowSpec,
} from '@hashpulse/engine';
import {
  BatchPartialSchema,
  HISTORY,
  WindowConfigSchema,
  type BatchPartial,
  type WindowConfig,
} from '@hashpulse/protocol';
import { AnalyticsJob } from '../job/analytics-job.js';
import { emptyPartial } from '../job/batch-partial.js';
import type { ProfileStore } from '../profiles/index.js';
import type { ClusterKeys } from './cluster-keys.js';
import type { RoleLog } from './role-log.js';

export interface MergedSessionEvents {
  /** A merged batch entered the windows: its time, tweets and the partitions that were missing. */
  batch: [{ time: number; tweets: number; missing: number[] }];
  /** A window change applied (at the same point of the merged stream on every web node). */
  window: [WindowConfig];
  ended: [];
}

const READ_COUNT = 200;

export class MergedSession extends EventEmitter<MergedSessionEvents> {
  readonly context: StreamingContext;
  readonly job: AnalyticsJob;
  readonly window: WindowSpec;
  private readonly clock = new ManualClock();
  private readonly source = new QueueSource<BatchPartial>('merged');
  private running = true;
  private loop: Promise<void> | null = null;
  /** The id of the last merged-stream entry played. */
  lastId = '0';

  constructor(
    private readonly reader: Redis,
    private readonly keys: ClusterKeys,
    window: WindowConfig,
    profiles: ProfileStore,
    listener: StreamingListener,
    private readonly log: RoleLog,
  ) {
    super();
    this.context = new StreamingContext({
      batchIntervalMs: window.batchIntervalMs,
      clock: this.clock,
      workers: 1,
      retentionMs: HISTORY.retentionMs,
      history: HISTORY.rollups ?? [],
    });
    this.window = this.context.windowSpec({ windowLengthMs: window.windowLengthMs, slideMs: window.slideMs });
    this.job = new AnalyticsJob({
      context: this.context,
      partials: this.context.source(this.source),
      profiles,
      window: this.window,
    });
    this.context.addListener(listener);
  }

  async start(): Promise<void> {
    await this.context.start();
    this.loop = this.play();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    if (this.context.state === 'started') await this.context.stop();
  }

  private async play(): Promise<void> {
    while (this.running) {
      try {
        const reply = (await this.reader.xread(
          'COUNT',
          READ_COUNT,
          'BLOCK',
          500,
          'STREAMS',
          this.keys.merged,
          this.lastId,
        )) as Array<[string, Array<[string, string[]]>]> | null;
        for (const [, entries] of reply ?? []) {
          for (const [id, fields] of entries) {
            if (!this.running) return;
            await this.apply(fields);
            this.lastId = id;
          }
          await this.context.whenIdle();
        }
      } catch (error) {
        if (!this.running) return;
        this.log('error', `web: playing the merged stream failed: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  private async apply(fields: readonly string[]): Promise<void> {
    const field = (name: string) => {
      const at = fields.indexOf(name);
      return at < 0 || at % 2 === 1 ? undefined : fields[at + 1];
    };
    const B = this.context.batchIntervalMs;
    switch (field('k')) {
      case 'b': {
        const time = Number(field('t'));
        const missing = (field('m') ?? '')
          .split(',')
          .filter((p) => p !== '')
          .map(Number);
        const data = field('d');
        let partial = emptyPartial();
        if (data !== undefined) {
          const parsed = BatchPartialSchema.safeParse(JSON.parse(data));
          if (!parsed.success) {
            this.log('warn', `web: merged batch at ${time} refused: ${parsed.error.message}`);
            return;
          }
          partial = parsed.data;
        }
        // As a replay at full speed: the record's time moves the clock, and the engine skips the
        // empty batches of a long gap that no window needs.
        if (this.clock.isStarted() && time - B < this.clock.now()) {
          this.log('warn', `web: merged batch at ${time} arrived after the clock passed it: left out`);
          return;
        }
        if (partial.tweets > 0) this.source.push(partial, time - B);
        this.emit('batch', { time, tweets: partial.tweets, missing });
        return;
      }
      case 'c':
        await this.clock.advanceTo(Number(field('t')));
        return;
      case 'w': {
        const parsed = WindowConfigSchema.safeParse(JSON.parse(field('d') ?? 'null'));
        if (!parsed.success) return;
        this.window.update(parsed.data);
        this.emit('window', parsed.data);
        return;
      }
      case 'e':
        await this.context.advanceToLastWindow();
        this.emit('ended');
        return;
      default:
        return;
    }
  }
}
