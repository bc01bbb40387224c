// History-tier memory: the analytics job (four keyed windows on one spec) fed a 1,000 tweets/s
// stream on a manual clock, pre-decoded (no JSON, so the run measures the engine and the job). After
// the run it prints what each tier retains (partials, keys, keys trimmed from roll-ups), the memory
// the run keeps (V8's heap, and the ArrayBuffers outside it that hold packed partials and key
// numbering tables), and that memory apportioned per key and extrapolated to 24 hours: tier 0 is
// full after its hour, the roll-ups grow by one bucket per minute / hour, each holding about as many
// keys as the buckets measured. HISTORY_BENCH_MINUTES sets the stream's length (default 75).
import { ManualClock, QueueSource } from '@hashpulse/engine';
import type { Tweet } from '@hashpulse/tweets';
import { createJobEngine } from '../apps/server/src/job/job-engine.js';
import { Random, ZipfSampler } from '../apps/server/src/generate/random.js';
import { MemoryProfileStore } from '../apps/server/src/profiles/index.js';
import { machineInfo } from './machine.js';

const RATE = 1000;
const MINUTES = Number(process.env.HISTORY_BENCH_MINUTES ?? 75);
const START = Date.UTC(2024, 2, 1);
const TAGS = 20_000;
const AUTHORS = 200_000;
const WORDS = ['good', 'bad', 'great', 'awful', 'fine', 'news', 'today', 'match', 'vote', 'love'];

/** V8's heap in use, and what ArrayBuffers hold outside it (typed arrays past a few dozen bytes). */
function memoryUsed(): { heap: number; arrayBuffers: number } {
  globalThis.gc?.();
  globalThis.gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { heap: heapUsed, arrayBuffers };
}

const random = new Random(11);
const tagRank = new ZipfSampler(TAGS, 1.1);
const authorRank = new ZipfSampler(AUTHORS, 0.9);
const tweet = (i: number, time: number): Tweet => {
  const tags = [`tag${tagRank.sample(random)}`];
  if (random.next() < 0.3) tags.push(`tag${tagRank.sample(random)}`);
  return {
    id: String(i),
    createdAt: time,
    text: `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} #${tags.join(' #')}`,
    lang: 'en',
    authorId: `u${authorRank.sample(random)}`,
    hashtags: tags,
    mentions: [],
    isRetweet: false,
    isQuote: false,
    isReply: false,
    author: null,
  };
};

const baseline = memoryUsed();
const clock = new ManualClock(START);
const source = new QueueSource<Tweet>('history-bench');
const { context } = createJobEngine({
  source,
  clock,
  window: { batchIntervalMs: 1000, windowLengthMs: 60_000, slideMs: 5000 },
  profiles: new MemoryProfileStore(),
  tuning: { feedPerBatch: 0, historyLength: 1 },
});
await context.start();
const started = performance.now();
let n = 0;
for (let second = 0; second < MINUTES * 60; second++) {
  const t = START + second * 1000;
  for (let k = 0; k < RATE; k++) source.push(tweet(n++, t + Math.floor((k * 1000) / RATE)), t);
  await clock.advanceTo(t + 1000);
  if (second % 600 === 599)
    console.error(`history bench: ${Math.round((second + 1) / 60)} of ${MINUTES} minutes`);
}
await context.whenIdle();
const seconds = (performance.now() - started) / 1000;
const stats = context.historyStats();
const used = memoryUsed();
const heapRetained = used.heap - baseline.heap;
const arrayBuffersRetained = used.arrayBuffers - baseline.arrayBuffers;
const retained = heapRetained + arrayBuffersRetained;
await context.stop();

const totalKeys = stats.reduce((sum, tier) => sum + tier.keys, 0);
const bytesPerKey = retained / Math.max(1, totalKeys);
const mib = (bytes: number) => Number((bytes / 2 ** 20).toFixed(1));
const minutes = MINUTES;
const tiers = stats.map((tier) => {
  const perPartial = tier.partials === 0 ? 0 : tier.keys / tier.partials;
  // Partials the tier holds after 24 hours, per operator: an hour of batches; 1,440 minutes; 24 hours.
  const partialsAt24h = tier.operators * (tier.tier === 0 ? 3600 : tier.tier === 1 ? 1440 : 24);
  return {
    tier: tier.tier,
    resolution: tier.resolutionMs === null ? 'batch (1s)' : `${tier.resolutionMs / 60_000} min`,
    retentionHours: tier.retentionMs / 3_600_000,
    operators: tier.operators,
    partials: tier.partials,
    keys: tier.keys,
    keysPerPartial: Math.round(perPartial),
    keysTrimmed: tier.keysTrimmed,
    estimatedMiB: mib(tier.keys * bytesPerKey),
    extrapolatedMiBAt24h: mib(perPartial * partialsAt24h * bytesPerKey),
  };
});
console.log(
  JSON.stringify(
    {
      benchmark: 'history',
      stream: `${RATE} tweets/s for ${minutes} min (${n.toLocaleString('en')} tweets), 1s batches, 60s window`,
      seconds: Number(seconds.toFixed(1)),
      retainedMiB: mib(retained),
      heapRetainedMiB: mib(heapRetained),
      arrayBuffersRetainedMiB: mib(arrayBuffersRetained),
      bytesPerKey: Math.round(bytesPerKey),
      tiers,
      extrapolatedTotalMiBAt24h: Number(
        tiers.reduce((sum, tier) => sum + tier.extrapolatedMiBAt24h, 0).toFixed(1),
      ),
      machine: machineInfo(),
    },
    null,
    2,
  ),
);
