// Tweet-domain benchmark: sentiment accuracy and speed of our two scorers (the learned model and
// the lexicon alone) next to npm `sentiment` (AFINN) and npm `vader-sentiment`, on the human-rated
// VADER tweet set (Pearson r, sign agreement, tweets/s on one core) and, when its path is given, on
// the SemEval-2017 test set (macro-averaged recall, accuracy): `npm run bench -- tweets
// --semeval=PATH/test-2017.tsv` or SEMEVAL2017_TEST=PATH. Then decode+analyse speed on the shared
// X API recordings and the bundled generated stream, against raw JSON.parse of the same lines as
// the upper limit. Prints one JSON object.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import Sentiment from 'sentiment';
import vader from 'vader-sentiment';
import { analyzeTweet, decodeLine, lexicon, sentimentModel, type SentimentLabel } from '@hashpulse/tweets';
import { machineInfo } from './machine.js';
import { pearson, readRatedTweets, signAgreement } from '../packages/tweets/test/sentiment-set.js';
import { evaluate } from '../packages/tweets/src/sentiment/training/logistic.js';
import { readLabelledTsv } from '../packages/tweets/src/sentiment/training/train.js';
import { CLASSES } from '../packages/tweets/src/sentiment/model-file.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = path.resolve(repoRoot, 'test-data');
const DEMO = path.join(repoRoot, 'data/demo/tweets.jsonl.gz');
/** Each timed run repeats its work until at least this long has passed. */
const MIN_MS = Number(process.env.BENCH_MIN_MS ?? 1500);
/** The SemEval-2017 test file (not in the repository: see README, "Sentiment"). */
const SEMEVAL_TEST =
  process.argv.find((arg) => arg.startsWith('--semeval='))?.slice('--semeval='.length) ??
  process.env.SEMEVAL2017_TEST;

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

/** A scorer as the bench runs it: a score for correlation, a label for SemEval's three classes. */
interface BenchScorer {
  name: string;
  score(text: string): number;
  label(text: string): Exclude<SentimentLabel, 'unscored'>;
}

/** Labels of scores without a label of their own: VADER's ±0.05 on compound, the sign for AFINN. */
function byThreshold(score: number, threshold: number): Exclude<SentimentLabel, 'unscored'> {
  return score >= threshold ? 'positive' : score <= -threshold ? 'negative' : 'neutral';
}

function covered(label: SentimentLabel): Exclude<SentimentLabel, 'unscored'> {
  // Every bench text is scored as English ('en'), so "unscored" cannot happen.
  if (label === 'unscored') throw new Error('an English text came back unscored');
  return label;
}

function sentimentBench() {
  const rows = readRatedTweets();
  const texts = rows.map((row) => row.text);
  const ratings = rows.map((row) => row.rating);
  const afinn = new Sentiment();
  const vaderScore = (text: string) => vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
  const scorers: BenchScorer[] = [
    {
      name: 'hashpulse model (lexicon + learned layer; SENTIMENT=model)',
      score: (text) => sentimentModel.score(text, 'en').score,
      label: (text) => covered(sentimentModel.score(text, 'en').label),
    },
    {
      name: 'hashpulse lexicon alone (SENTIMENT=lexicon)',
      score: (text) => lexicon.score(text, 'en').score,
      label: (text) => covered(lexicon.score(text, 'en').label),
    },
    {
      name: 'sentiment (AFINN-165), score',
      score: (text) => afinn.analyze(text).score,
      label: (text) => byThreshold(afinn.analyze(text).score, 1),
    },
    {
      name: 'vader-sentiment, compound',
      score: vaderScore,
      label: (text) => byThreshold(vaderScore(text), 0.05),
    },
  ];
  const semeval =
    SEMEVAL_TEST === undefined ? null : readLabelledTsv(readFileSync(SEMEVAL_TEST, 'utf8'), SEMEVAL_TEST);
  return {
    vaderSet: `test-data/sentiment/vader_tweets_groundtruth.tsv (${rows.length} tweets; speed is measured on these texts)`,
    semeval2017:
      semeval === null
        ? 'NOT MEASURED: give the test file with --semeval=PATH/test-2017.tsv or SEMEVAL2017_TEST=PATH (see README)'
        : `${SEMEVAL_TEST} (${semeval.length} tweets; published macro recall: SVM 0.629, FastText 0.629, BERTweet 0.734)`,
    scorers: scorers.map((scorer) => {
      const scores = texts.map((text) => scorer.score(text));
      let sink = 0;
      const speed = measure(texts.length, () => {
        for (const text of texts) sink += scorer.score(text);
      });
      if (Number.isNaN(sink)) throw new Error(`${scorer.name} produced NaN`);
      const onSemeval =
        semeval === null
          ? null
          : evaluate(
              semeval.map((row) => row.label),
              semeval.map((row) => CLASSES.indexOf(scorer.label(row.text))),
            );
      return {
        name: scorer.name,
        semevalMacroRecall: onSemeval === null ? null : round(onSemeval.macroRecall),
        semevalAccuracy: onSemeval === null ? null : round(onSemeval.accuracy),
        vaderPearsonR: round(pearson(scores, ratings)),
        vaderSignAgreement: round(signAgreement(scores, ratings).agreement),
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
  const decodeAnalyseWith = (scorer: 'model' | 'lexicon') =>
    measure(tweets, () => {
      for (let i = 0; i < lines.length; i++) {
        const decoded = decodeLine(lines[i] as string, i + 1);
        if (decoded.kind !== 'tweets') continue;
        for (const tweet of decoded.tweets) sink += analyzeTweet(tweet, scorer).sentiment.score;
      }
    });
  const decodeAnalyse = decodeAnalyseWith('model');
  const decodeAnalyseLexicon = decodeAnalyseWith('lexicon');
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
    decodeAndAnalyseWithLexicon: {
      tweetsPerSecond: decodeAnalyseLexicon.perSecond,
      tweetsPerCpuSecond: decodeAnalyseLexicon.perCpuSecond,
      // What the learned layer costs the tweet pipeline: model over lexicon, per CPU second.
      modelOverLexicon: round(decodeAnalyse.perCpuSecond / decodeAnalyseLexicon.perCpuSecond, 3),
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
