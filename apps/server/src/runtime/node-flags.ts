// The V8 flags every launch of the server and the `hashpulse` command carries (npm start and dev,
// the Dockerfile, the command's shebang, the benches); node-flags.test.ts holds them to this list.

/**
 * Semi-spaces of 64 MiB (V8's default tops out at 16): a batch's decoded tweets and their
 * analysis live about one batch, and in the default young generation they outlive its scavenges,
 * get copied and promoted, and the old generation collects them later. Measured side by side on
 * 200k generated tweets (three rounds each, loaded 2-core EPYC): the server at `max` used 9.6-10.4
 * CPU s against 11.4-12.1, and `analyze` of 1M tweets 24.1-26.7 against 27.8-31.1, for about 50 MiB
 * more RSS. 32 MiB gained nothing measurable for the server.
 */
/**
 * Scavenges on the main thread alone. V8 splits each scavenge among helper threads; on a machine
 * whose other cores are busy that buys a shorter pause for about twice the CPU (a synthetic
 * scavenge: 43 ms on the main thread plus 87 in helpers, against 68 alone). Measured side by side
 * on 299,735 generated tweets (three rounds each, 2-core EPYC): the server at `max` used 9.7-10.5
 * CPU s against 11.5-12.1, its wall time and batch p99 no worse; with DECODE_THREADS=1 12.5-12.9
 * against 13.1-13.7 CPU s, wall 7.6-7.9 s against 7.3-7.7. `analyze` changed by less than its
 * noise (6.2-6.6 CPU s either way). `--single-threaded-gc` saved a little more CPU (9.5-10.3) but
 * also moves marking of the old generation onto the main thread, which a server with an hour of
 * history (over a GiB of heap) would pay in pauses, and it cost 7% of wall time with a decode thread.
 */
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64', '--no-parallel-scavenge'];
