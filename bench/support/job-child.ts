// One measured run of the job bench, in a process of its own: the analytics job of CHECKOUT (this
// repository or a baseline's) fed TWEETS generated tweets on a manual clock with the server's
// history tiers, its author windows on or off (MODE authors | no-authors). The tweets are generated
// before the clock starts and kept as JSON lines in one Buffer, outside V8's heap as a replay's file
// is, each decoded from it as a second of them is pushed (with this checkout's decoder). Held in the
// heap as a string per line (330 MB at 300k tweets, each dropped once decoded), the lines not yet
// decoded were live through every full collection, as in no server: the job with author windows
// took 9.5-10.5 CPU s that way against 7.1-7.8 from the Buffer (same windows). Prints {tweets,
// windows, windowsDigest, cpuSeconds}; CPU counts the decoding and the job.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeLine, type Profile, type Tweet } from '@hashpulse/tweets';
import { generateMessages, generateProfiles } from '../../apps/server/src/generate/index.js';
import { profileFromUserObject } from '../../apps/server/src/profiles/user-object.js';
import type * as Engine from '@hashpulse/engine';
import type * as Protocol from '@hashpulse/protocol';
import type * as Profiles from '../../apps/server/src/profiles/index.js';
import type * as JobEngine from '../../apps/server/src/job/job-engine.js';

const [checkout, tweetsArg, mode] = process.argv.slice(2);
if (checkout === undefined || tweetsArg === undefined || (mode !== 'authors' && mode !== 'no-authors'))
  throw new Error('usage: job-child.ts CHECKOUT TWEETS authors|no-authors');

const RATE = 1000;
const stream = {
  minutes: Number(tweetsArg) / RATE / 60,
  rate: RATE,
  seed: 11,
  startMs: Date.UTC(2024, 2, 1, 12),
};
const times: number[] = [];
/** Line i is lines[starts[i], starts[i + 1]). */
const starts: number[] = [0];
const encoded: Buffer[] = [];
for (const { timeMs, message } of generateMessages(stream)) {
  const line = Buffer.from(JSON.stringify(message));
  encoded.push(line);
  times.push(timeMs);
  starts.push(starts.at(-1)! + line.length);
}
const lines = Buffer.concat(encoded);
encoded.length = 0;
const profiles: Profile[] = [];
for (const user of generateProfiles(stream)) {
  const decoded = profileFromUserObject(user);
  if (decoded.ok) profiles.push(decoded.profile);
}

// The job and engine under test come from the checkout's own sources (typed as this one's).
const load = async <M>(file: string): Promise<M> =>
  (await import(pathToFileURL(path.join(checkout, file)).href)) as M;
const { ManualClock, QueueSource } = await load<typeof Engine>('packages/engine/src/index.ts');
const { HISTORY } = await load<typeof Protocol>('packages/protocol/src/index.ts');
const { MemoryProfileStore } = await load<typeof Profiles>('apps/server/src/profiles/index.ts');
const { createJobEngine } = await load<typeof JobEngine>('apps/server/src/job/job-engine.ts');

const clock = new ManualClock(stream.startMs);
const source = new QueueSource<Tweet>('job-bench');
const { context, job } = createJobEngine({
  source,
  clock,
  window: { batchIntervalMs: 1000, windowLengthMs: 60_000, slideMs: 5000 },
  history: HISTORY,
  profiles: new MemoryProfileStore(profiles),
  tuning: { authorWindows: mode === 'authors' },
});
let windows = 0;
// A digest of every window update, so runs (and checkouts) can be shown to compute the same windows.
const digest = createHash('sha256');
job.on('window', (update) => {
  windows++;
  digest.update(JSON.stringify(update));
});
await context.start();
const started = process.cpuUsage();
let next = 0;
let tweets = 0;
// A second of tweets at a time, as a replay at `max` hands them over.
for (let end = stream.startMs + 1000; next < times.length; end += 1000) {
  for (; next < times.length && times[next]! < end; next++) {
    const decoded = decodeLine(lines.toString('utf8', starts[next], starts[next + 1]), next + 1);
    if (decoded.kind !== 'tweets') continue;
    for (const tweet of decoded.tweets) source.push(tweet, tweet.createdAt);
    tweets += decoded.tweets.length;
  }
  await clock.advanceTo(end);
}
await context.whenIdle();
const spent = process.cpuUsage(started);
await context.stop();
console.log(
  JSON.stringify({
    tweets,
    windows,
    windowsDigest: digest.digest('hex').slice(0, 16),
    cpuSeconds: (spent.user + spent.system) / 1e6,
  }),
);
