// Tweet-domain benchmark: sentiment accuracy and speed of our scorer next to npm `sentiment`
// (AFINN) and npm `vader-sentiment` on the human-rated VADER tweet set, and decode+analyse speed on
// the shared X API recordings and the bundled generated stream, against raw JSON.parse of the same
// lines as the upper limit. Prints one JSON object.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import Sentiment from 'sentiment';
import vader from 'vader-sentiment';
import { analyzeTweet, decodeLine, scoreSentiment } from '@hashpulse/tweets';
import { machineInfo } from './machine.js';
import { pearson, readRatedTweets, signAgreement } from '../packages/tweets/test/sentiment-set.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = path.resolve(repoRoot, 'test-data');
const DEMO = path.join(repoRoot, 'data/demo/tweets.jsonl.gz');
/** Each timed run repeats its work until at least this long has passed. */
const MIN_MS = Number(process.env.BENCH_MIN_MS ?? 1500);

interface Speed {
  /** Items per second of wall-clock time. */
  perSecond: number;
  /** Items per second of this process's CPU time: what one core does, less other load on the machine. */
  perCpuSecond: number;
}

/** Runs `pass` (which handles `items` items) until MIN_MS have passed, after one warm-up pass. */
function measure(items: number, pass: () => void): Speed {
  pass();
  (globalThis as { gc?: () => void }).gc?.();
  let passes = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < MIN_MS) {
    pass();
    passes++;
    elapsed = performance.now() - t0;
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    perSecond: Math.round((items * passes) / (elapsed / 1000)),
    perCpuSecond: Math.round((items * passes) / cpuSeconds),
  };
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

function sentimentBench() {
  const rows = readRatedTweets();
  const texts = rows.map((row) => row.text);
  const ratings = rows.map((row) => row.rating);
  const afinn = new Sentiment();
  const scorers: Array<[string, (text: string) => number]> = [
    ['hashpulse (ours)', (text) => scoreSentiment(text, 'en').score],
    ['sentiment (AFINN-165), score', (text) => afinn.analyze(text).score],
    ['sentiment (AFINN-165), comparative', (text) => afinn.analyze(text).comparative],
    ['vader-sentiment, compound', (text) => vader.SentimentIntensityAnalyzer.polarity_scores(text).compound],
  ];
  return {
    dataset: 'test-data/sentiment/vader_tweets_groundtruth.tsv',
    tweets: rows.length,
    scorers: scorers.map(([name, score]) => {
      const scores = texts.map(score);
      let sink = 0;
      const speed = measure(texts.length, () => {
        for (const text of texts) sink += score(text);
      });
      if (Number.isNaN(sink)) throw new Error(`${name} produced NaN`);
      return {
        name,
        pearsonR: round(pearson(scores, ratings)),
        signAgreement: round(signAgreement(scores, ratings).agreement),
        tweetsPerSecond: speed.perSecond,
        tweetsPerCpuSecond: speed.perCpuSecond,
      };
    }),
  };
}

/** decode + analyse (hashtag keys, sentiment) of every line, against JSON.parse of the same lines. */
function decodeBench(name: string, lines: string[]) {
  let tweets = 0;
  let rejected = 0;
  let notices = 0;
  for (let i = 0; i < lines.length; i++) {
    const decoded = decodeLine(lines[i] as string, i + 1);
    if (decoded.kind === 'tweets') tweets += decoded.tweets.length;
    else if (decoded.kind === 'rejected') rejected++;
    else notices++;
  }
  const bytes = lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
  let sink = 0;
  const parse = measure(tweets, () => {
    for (const line of lines) {
      try {
        sink += JSON.parse(line) === null ? 0 : 1;
      } catch {
        sink--; // the cut-off line of the stream recording: JSON.parse must see it too
      }
    }
  });
  const decodeOnly = measure(tweets, () => {
    for (let i = 0; i < lines.length; i++) sink += decodeLine(lines[i] as string, i + 1).kind.length;
  });
  const decodeAnalyse = measure(tweets, () => {
    for (let i = 0; i < lines.length; i++) {
      const decoded = decodeLine(lines[i] as string, i + 1);
      if (decoded.kind !== 'tweets') continue;
      for (const tweet of decoded.tweets) sink += analyzeTweet(tweet).sentiment.score;
    }
  });
  if (Number.isNaN(sink)) throw new Error('NaN in decode benchmark');
  return {
    input: name,
    lines: lines.length,
    megabytes: round(bytes / 1e6, 2),
    tweets,
    rejected,
    notices,
    jsonParse: { tweetsPerSecond: parse.perSecond, tweetsPerCpuSecond: parse.perCpuSecond },
    decode: { tweetsPerSecond: decodeOnly.perSecond, tweetsPerCpuSecond: decodeOnly.perCpuSecond },
    decodeAndAnalyse: {
      tweetsPerSecond: decodeAnalyse.perSecond,
      tweetsPerCpuSecond: decodeAnalyse.perCpuSecond,
      shareOfJsonParse: round(decodeAnalyse.perCpuSecond / parse.perCpuSecond, 3),
    },
  };
}

function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

const recordingsDir = path.join(SHARED, 'x-api-v2');
const recordingLines = readdirSync(recordingsDir)
  .filter((file) => file.endsWith('.jsonl'))
  .sort()
  .flatMap((file) => linesOf(readFileSync(path.join(recordingsDir, file), 'utf8')));

const result = {
  benchmark: 'tweets',
  machine: machineInfo(),
  minMillisecondsPerFigure: MIN_MS,
  sentiment: sentimentBench(),
  decodeAndAnalyse: [
    decodeBench('test-data/x-api-v2/*.jsonl (all recordings)', recordingLines),
    ...(existsSync(DEMO)
      ? [
          decodeBench(
            'data/demo/tweets.jsonl.gz (generated stream, gunzipped before timing)',
            linesOf(gunzipSync(readFileSync(DEMO)).toString('utf8')),
          ),
        ]
      : []),
  ],
};
console.log(JSON.stringify(result, null, 2));
