// Threads that decode recordings: the engine's worker pool running decode-task.ts on blocks of
// whole lines, so reading, cutting, JSON.parse and each tweet's analysis leave the main thread.
import { defineTask, WorkerPool } from '@hashpulse/engine';
import type { SentimentScorerName } from '@hashpulse/tweets';
import { DEFAULT_MAX_LINE_BYTES, type FileLineBlock } from '../../files/index.js';
import type { DecodeBlockRequest, DecodedBlock } from './decode-task.js';

export type { DecodedBlock } from './decode-task.js';

// From source (tests, `npm run dev`) the pool's threads load the TypeScript module through tsx.
const TASK = defineTask<DecodeBlockRequest[], DecodedBlock[]>(
  new URL(import.meta.url.endsWith('.ts') ? './decode-task.ts' : './decode-task.js', import.meta.url),
  'decodeBlocks',
);

export class DecodePool {
  private readonly pool: WorkerPool;

  /**
   * `scorer`: the sentiment scorer the job runs, so each tweet's analysis is done on the thread
   * (the job redoes it for any other scorer).
   */
  constructor(
    readonly threads: number,
    private readonly scorer: SentimentScorerName,
    readonly maxLineBytes: number = DEFAULT_MAX_LINE_BYTES,
  ) {
    this.pool = new WorkerPool(threads);
  }

  /**
   * Starts the threads and loads the decoder on each now rather than at the first block (loading
   * the sentiment model takes a moment): a replay's first window is not held up by it.
   */
  async warm(): Promise<void> {
    this.pool.warm();
    await Promise.all(Array.from({ length: this.threads }, () => this.pool.runTask(TASK, [])));
  }

  async decode(block: FileLineBlock): Promise<DecodedBlock> {
    const request: DecodeBlockRequest = {
      bytes: block.bytes,
      oversizedFirst: block.oversizedFirst,
      firstLine: block.firstLine,
      maxLineBytes: this.maxLineBytes,
      scorer: this.scorer,
    };
    const [decoded] = await this.pool.runTask(TASK, [request]);
    return decoded!;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
