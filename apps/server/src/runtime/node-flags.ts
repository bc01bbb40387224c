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
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
