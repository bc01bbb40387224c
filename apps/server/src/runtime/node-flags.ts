// The V8 flags every launch of the server (npm start and dev, the Dockerfile, the benches) and of
// the `hashpulse` command (its shebang) carries; node-flags.test.ts holds the launch points to them.

/**
 * Semi-spaces of up to 64 MiB (V8's default tops out at 16): a batch's decoded tweets and their
 * analysis live about one batch, and in the default young generation they outlive its scavenges,
 * get copied and promoted, and the old generation collects them later. Measured side by side on
 * 200k generated tweets (three rounds each, loaded 2-core EPYC): the server at `max` used 9.6-10.4
 * CPU s against 11.4-12.1, and `analyze` of 1M tweets 24.1-26.7 against 27.8-31.1, for about 50 MiB
 * more RSS. 32 MiB gained nothing measurable for the server.
 */
const YOUNG_GENERATION = ['--max-semi-space-size=64'];

/**
 * The command also exposes `gc()`, which `analyze` calls to keep its heap near what it holds
 * (analyze/heap-budget.ts): its peak RSS on 3M generated tweets fell from 552-636 to 381-388 MiB.
 */
export const CLI_NODE_FLAGS: readonly string[] = [...YOUNG_GENERATION, '--expose-gc'];

/**
 * The server also starts its young generation at 64 MiB instead of growing it there: it keeps more
 * alive at each scavenge than `analyze` (four windows, roll-up buckets, records in flight), and
 * fewer scavenges copy those fewer times. The server at `max` on 299,735 generated tweets, run
 * together with the young generation flag alone (8 rounds, 2-core EPYC, `DECODE_THREADS=0`):
 * 0.88-1.01 of its CPU (median 0.95), peak RSS 0-41 MiB lower, about 100 MiB more RSS while idle.
 * `analyze` does not gain (5.96-6.44 against 5.48-6.28 CPU s on 300k tweets, 364-372 against
 * 268-306 MiB), so the command keeps growing its young generation. The server calls no gc().
 */
export const SERVER_NODE_FLAGS: readonly string[] = [...YOUNG_GENERATION, '--min-semi-space-size=64'];
