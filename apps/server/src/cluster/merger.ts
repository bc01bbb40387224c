// The merging web node's work: while it holds the merge lease (with a fencing token every write
// checks), it merges each batch time's partials once every partition's watermark has passed it,
// or after CLUSTER_MERGE_WAIT without some partitions (marked incomplete), and appends the merged
// batches, clock ticks and window changes to the merged stream that every web node plays.
// It merges the run the cluster plays now: a new run (a replay started from a dashboard) has a
// merged stream of its own, which starts with the window changes made so far.
import { BatchPartialSchema, ClusterControlSchema, type BatchPartial } from '@hashpulse/protocol';
import { mergePartials } from '../job/batch-partial.js';
import { END_OF_STREAM, type ClusterKeys } from './cluster-keys.js';
import { readRun } from './cluster-run.js';
import { scriptedPipeline, type ScriptedRedis } from './lua-scripts.js';
import type { RoleLog } from './role-log.js';

export interface MergerOptions {
  keys: ClusterKeys;
  leaseMs: number;
  mergeWaitMs: number;
  /** Entries kept in the merged stream (a web node that starts later plays them all). */
  mergedMaxLen?: number;
  /** How often the merger looks for batches to merge. Default 100 ms. */
  pollMs?: number;
  log: RoleLog;
}

/**
 * Merged-stream entries kept (about 2.8 hours of 1 s batches): a web node that starts later builds
 * its windows from these, and longer history as it runs. Bounded because a busy batch's merged
 * partial is large (about 400 kB for 5,000 tweets, see the scale benchmark).
 */
const MERGED_KEPT = 10_000;

/** Batch times looked at per round (more wait for the next round). */
const CANDIDATES = 500;

export class Merger {
  private token: string | null = null;
  private running = true;
  private loop: Promise<void> | null = null;
  /** The keys of the run merged now. */
  private keys: ClusterKeys;
  /** When each batch time that cannot be merged yet was first seen waiting (wall ms). */
  private readonly waiting = new Map<number, number>();
  /** Merged batches, and those merged incomplete, by this node. */
  merged = 0;
  incomplete = 0;

  constructor(
    private readonly redis: ScriptedRedis,
    private readonly options: MergerOptions,
  ) {
    this.keys = options.keys;
  }

  get holdsLease(): boolean {
    return this.token !== null;
  }

  start(): void {
    this.loop = this.run();
  }

  async close(): Promise<void> {
    this.running = false;
    await this.loop;
    // Handed over at once: another web node takes the lease without waiting it out.
    if (this.token !== null) await this.redis.hpRelease(this.keys.mergeLease, this.token).catch(() => 0);
    this.token = null;
  }

  private async run(): Promise<void> {
    const pollMs = this.options.pollMs ?? 100;
    // Renewed on a timer of its own, so a long round of merging never outlives the lease.
    const renewal = setInterval(() => void this.renew(), Math.max(50, this.options.leaseMs / 3));
    try {
      while (this.running) {
        try {
          if (this.token === null) await this.acquire();
          if (this.token !== null) await this.mergeDue();
        } catch (error) {
          if (this.running) this.options.log('warn', `merger: ${(error as Error).message}`);
        }
        await sleep(pollMs);
      }
    } finally {
      clearInterval(renewal);
    }
  }

  private async renew(): Promise<void> {
    const token = this.token;
    if (token === null) return;
    try {
      const held = await this.redis.hpRenew(this.keys.mergeLease, token, this.options.leaseMs);
      if (held === 0 && this.token === token) this.lose();
    } catch {
      // Redis is down: the lease may run out meanwhile, and the fenced writes will say so.
    }
  }

  private async acquire(): Promise<void> {
    const { keys } = this;
    const { leaseMs } = this.options;
    if ((await this.redis.exists(keys.mergeLease)) === 1) return;
    const token = String(await this.redis.incr(keys.mergeFence));
    if ((await this.redis.set(keys.mergeLease, token, 'PX', leaseMs, 'NX')) !== 'OK') return;
    this.token = token;
    this.waiting.clear();
    this.options.log('info', `merger: took the merge lease (fencing token ${token})`);
  }

  private lose(): void {
    if (this.token === null) return;
    this.options.log(
      'warn',
      `merger: lost the merge lease (token ${this.token}); another web node merges now`,
    );
    this.token = null;
  }

  /** Appends one entry to the merged stream if the lease still holds; false when it was lost. */
  private async append(stateField: string, stateValue: string | number, fields: Array<string | number>) {
    const { keys } = this;
    const { mergedMaxLen } = this.options;
    const done = await this.redis.hpAppendMerged(
      keys.mergeLease,
      keys.merged,
      keys.mergeState,
      this.token!,
      mergedMaxLen ?? MERGED_KEPT,
      stateField,
      stateValue,
      ...fields,
    );
    if (done === 0) this.lose();
    return done === 1;
  }

  private async mergeDue(): Promise<void> {
    const run = await readRun(this.redis, this.keys);
    if (run > this.keys.run) {
      this.keys = this.keys.forRun(run);
      this.waiting.clear();
      this.options.log('info', `merger: merging run ${run}`);
    }
    const { keys } = this;
    const state = await this.redis.hgetall(keys.mergeState);
    // Window changes apply after the end too: the windows answer them from retained history.
    if (!(await this.applyControls(state.control ?? '0'))) return;
    if (state.ended === '1') return;
    let cursor = state.cursor === undefined ? Number.NEGATIVE_INFINITY : Number(state.cursor);
    const ticked = state.tick === undefined ? Number.NEGATIVE_INFINITY : Number(state.tick);
    const wms = await this.watermarks();
    const minWm = Math.min(...wms);
    for (;;) {
      const candidates = await this.candidates(cursor);
      // The batch times due now, oldest first: every partition passed them, or one waited too long.
      const due: Array<{ time: number; missing: number[] }> = [];
      for (const time of candidates) {
        if (time > minWm) {
          const since = this.waiting.get(time) ?? Date.now();
          this.waiting.set(time, since);
          if (Date.now() - since < this.options.mergeWaitMs) break;
        }
        due.push({ time, missing: time <= minWm ? [] : wms.flatMap((wm, p) => (wm < time ? [p] : [])) });
      }
      if (due.length === 0) break;
      if (!(await this.merge(due))) return;
      cursor = due.at(-1)!.time;
      if (due.length < candidates.length || candidates.length < CANDIDATES) break;
    }
    // Every batch up to the lowest watermark is merged now: the web nodes' clocks may pass it.
    const ended = minWm >= END_OF_STREAM;
    const tickTo = Math.max(
      Number.isFinite(cursor) ? cursor : Number.NEGATIVE_INFINITY,
      ended ? cursor : minWm,
    );
    if (Number.isFinite(tickTo) && tickTo > ticked) {
      if (!(await this.append('tick', tickTo, ['k', 'c', 't', tickTo]))) return;
    }
    if (ended && (await this.candidates(cursor)).length === 0) {
      if (await this.append('ended', '1', ['k', 'e']))
        this.options.log('info', 'merger: every partition ended');
    }
  }

  /** Window changes from any web node, in order, into the merged stream. */
  private async applyControls(after: string): Promise<boolean> {
    const { keys } = this;
    const entries = (await this.redis.xrange(keys.control, `(${after}`, '+', 'COUNT', 100)) as Array<
      [string, string[]]
    >;
    for (const [id, fields] of entries) {
      let control: unknown = null;
      try {
        control = JSON.parse(fields[fields.indexOf('d') + 1] ?? '');
      } catch {
        // refused below
      }
      const parsed = ClusterControlSchema.safeParse(control);
      if (!parsed.success) {
        this.options.log('warn', `merger: control entry ${id} refused: ${parsed.error.message}`);
        if (!(await this.append('control', id, ['k', 'n']))) return false;
        continue;
      }
      if (!(await this.append('control', id, ['k', 'w', 'd', JSON.stringify(parsed.data.window)])))
        return false;
    }
    return true;
  }

  private async watermarks(): Promise<number[]> {
    const { keys } = this;
    const pipeline = this.redis.pipeline();
    for (let p = 0; p < keys.partitions; p++) pipeline.hget(keys.progress(p), 'wm');
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([error, wm]) =>
      error === null && wm !== null && wm !== undefined ? Number(wm) : Number.NEGATIVE_INFINITY,
    );
  }

  /** Batch times some partition published after the cursor, oldest first. */
  private async candidates(cursor: number): Promise<number[]> {
    const { keys } = this;
    const pipeline = this.redis.pipeline();
    const from = Number.isFinite(cursor) ? `(${cursor}` : '-inf';
    for (let p = 0; p < keys.partitions; p++)
      pipeline.zrangebyscore(keys.batches(p), from, '+inf', 'LIMIT', 0, CANDIDATES);
    const times = new Set<number>();
    for (const [error, reply] of (await pipeline.exec()) ?? []) {
      if (error !== null) throw error;
      for (const time of reply as string[]) times.add(Number(time));
    }
    return [...times].sort((a, b) => a - b).slice(0, CANDIDATES);
  }

  /** Merges the batch times given (in order) in three round trips, however many they are. */
  private async merge(due: ReadonlyArray<{ time: number; missing: number[] }>): Promise<boolean> {
    const { keys } = this;
    const { mergedMaxLen } = this.options;
    const P = keys.partitions;
    const reads = this.redis.pipeline();
    for (const { time } of due) for (let p = 0; p < P; p++) reads.get(keys.partial(p, time));
    const replies = (await reads.exec()) ?? [];
    const appends = scriptedPipeline(this.redis);
    for (const [i, { time, missing }] of due.entries()) {
      const parts: BatchPartial[] = [];
      for (let p = 0; p < P; p++) {
        const [error, json] = replies[i * P + p]!;
        if (error !== null) throw error;
        if (json === null) continue;
        const parsed = BatchPartialSchema.safeParse(JSON.parse(json as string));
        if (!parsed.success) {
          this.options.log(
            'warn',
            `merger: partial of partition ${p} at ${time} refused: ${parsed.error.message}`,
          );
          continue;
        }
        parts.push(parsed.data);
      }
      const fields: Array<string | number> = ['k', 'b', 't', time, 'm', missing.join(',')];
      if (parts.length > 0) fields.push('d', JSON.stringify(mergePartials(parts)));
      appends.hpAppendMerged(
        keys.mergeLease,
        keys.merged,
        keys.mergeState,
        this.token!,
        mergedMaxLen ?? MERGED_KEPT,
        'cursor',
        time,
        ...fields,
      );
    }
    const results = (await appends.exec()) ?? [];
    // Appended in order until the lease was lost (if it was): what follows stays for the next holder.
    let appended = 0;
    for (const [error, done] of results) {
      if (error !== null || done !== 1) break;
      appended++;
    }
    for (const { time, missing } of due.slice(0, appended)) {
      this.waiting.delete(time);
      this.merged++;
      if (missing.length > 0) {
        this.incomplete++;
        this.options.log(
          'warn',
          `merger: batch ${new Date(time).toISOString()} merged incomplete: partitions ${missing.join(', ')} did not report within ${this.options.mergeWaitMs} ms`,
        );
      }
    }
    if (appended > 0) {
      // Merged and past the cursor: no merger reads them again.
      const cleanup = this.redis.pipeline();
      const last = due[appended - 1]!.time;
      for (const { time } of due.slice(0, appended))
        for (let p = 0; p < P; p++) cleanup.del(keys.partial(p, time));
      for (let p = 0; p < P; p++) cleanup.zremrangebyscore(keys.batches(p), '-inf', last);
      await cleanup.exec();
    }
    if (appended < due.length) {
      this.lose();
      return false;
    }
    return true;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
