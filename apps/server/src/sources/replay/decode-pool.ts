// Threads that decode recordings: the engine's worker pool running decode-task.ts on blocks of
// whole lines, so reading, cutting, JSON.parse and each tweet's analysis leave the main thread.
import { defineTask, WorkerPool } from '@hashpulse/engine';
import type { SentimentScorerName } from '@hashpulse/tweets';
import { DEFAULT_MAX_LINE_BYTES, blockTransferList, type FileLineBlock } from '../../files/index.js';
import {
  decodeBlocks,
  fromWire,
  type DecodeBlockRequest,
  type DecodedBlock,
  type WireBlock,
} from './decode-task.js';

export type { DecodedBlock } from './decode-task.js';

// From source (tests, `npm run dev`) the pool's threads load the TypeScript module through tsx.
const TASK = defineTask<DecodeBlockRequest[], string[]>(
  new URL(import.meta.url.endsWith('.ts') ? './decode-task.ts' : './decode-task.js', import.meta.url),
  'decodeBlocksAsJson',
);

/**
 * How much nicer than the main thread the threads run (Linux): they decode ahead for it, and it
 * runs the engine and serves requests, so it must not wait for a core behind them.
 */
const DECODE_THREAD_NICENESS = 10;

export interface DecodePoolOptions {
  maxLineBytes?: number;
  /**
   * Blocks out on the threads at once, per thread (default 2): each thread holds the next block in
   * its own queue, so it need not wait for the main thread to read its answer. The rest of the
   * blocks read ahead wait on the main thread, which decodes one itself whenever it would otherwise
   * wait (see decodeOnPool). 0 leaves every block to the main thread (tests).
   */
  blocksOutPerThread?: number;
}

export class DecodePool {
  private readonly pool: WorkerPool;
  readonly maxLineBytes: number;
  /** Blocks out on the threads at once (see decodeOnPool). */
  readonly blocksOut: number;
  /** Blocks decoded so far, by where: on the threads or on the calling thread. */
  readonly decoded = { onThreads: 0, here: 0 };

  /**
   * `scorer`: the sentiment scorer the job runs, so each tweet's analysis is done on the thread
   * (the job redoes it for any other scorer).
   */
  constructor(
    readonly threads: number,
    private readonly scorer: SentimentScorerName,
    options: DecodePoolOptions = {},
  ) {
    const perThread = options.blocksOutPerThread ?? 2;
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.pool = new WorkerPool(threads, { chunksPerWorker: perThread, niceness: DECODE_THREAD_NICENESS });
    this.blocksOut = threads * perThread;
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
    // The block's bytes move to the thread, not copied (the replay keeps only its counts).
    const [json] = await this.pool.runTask(TASK, [this.request(block)], blockTransferList(block));
    const [decoded] = (JSON.parse(json!) as WireBlock[]).map(fromWire);
    this.decoded.onThreads++;
    return decoded!;
  }

  /**
   * The same task on the calling thread: the reader's thread takes a block itself when it would
   * otherwise wait for the threads (see decodeOnPool), and such a block crosses no thread.
   */
  decodeHere(block: FileLineBlock): DecodedBlock {
    this.decoded.here++;
    return decodeBlocks([this.request(block)])[0]!;
  }

  private request(block: FileLineBlock): DecodeBlockRequest {
    return {
      parts: block.parts,
      oversizedFirst: block.oversizedFirst,
      firstLine: block.firstLine,
      maxLineBytes: this.maxLineBytes,
      scorer: this.scorer,
    };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
