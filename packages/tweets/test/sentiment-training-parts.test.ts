// The trainer's parts on small inputs: L-BFGS on functions with known minima, the objective against
// a direct computation of the weighted cross-entropy and its gradient against finite differences,
// the figures the candidates are judged by, and the command's options and input checks.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TrainingDataError } from '../src/errors.js';
import { DENSE_FEATURES, Features } from '../src/sentiment/features.js';
import { featurizeText, mostProbable } from '../src/sentiment/model.js';
import type { ModelFile } from '../src/sentiment/model-file.js';
import { minimize } from '../src/sentiment/training/lbfgs.js';
import {
  type Dataset,
  evaluate,
  featurizeAll,
  fit,
  objective,
  predictAll,
  subset,
} from '../src/sentiment/training/logistic.js';
import { DEFAULT_OPTIONS, main, readLabelledTsv, train } from '../src/sentiment/training/train.js';

const SAMPLE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/sentiment-train-sample.tsv');
const D = DENSE_FEATURES.length;
const dir = mkdtempSync(path.join(os.tmpdir(), 'hashpulse-train-parts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('L-BFGS', () => {
  /** sum of (i + 1) (x_i - i / 2)^2: minimum 0 at x_i = i / 2. */
  const quadratic = (x: Float64Array, g: Float64Array) => {
    let value = 0;
    for (let i = 0; i < x.length; i++) {
      const d = x[i]! - i / 2;
      value += (i + 1) * d * d;
      g[i] = 2 * (i + 1) * d;
    }
    return value;
  };

  it('finds the minimum of a quadratic in a few iterations', () => {
    const x0 = new Float64Array(6);
    const result = minimize(quadratic, x0, { maxIterations: 100, tolerance: 1e-14 });
    result.x.forEach((v, i) => expect(v).toBeCloseTo(i / 2, 6));
    expect(result.value).toBeLessThan(1e-10);
    expect(result.iterations).toBeLessThan(50);
    expect(Array.from(x0)).toEqual([0, 0, 0, 0, 0, 0]); // the start is not changed
  });

  it('finds the minimum of the Rosenbrock function, which steepest descent crawls towards', () => {
    const rosenbrock = (x: Float64Array, g: Float64Array) => {
      const [a, b] = [x[0]!, x[1]!];
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    };
    for (const memory of [undefined, 3]) {
      const result = minimize(rosenbrock, Float64Array.of(-1.2, 1), {
        maxIterations: 200,
        ...(memory === undefined ? {} : { memory }),
        tolerance: 1e-15,
      });
      expect(result.x[0]).toBeCloseTo(1, 4);
      expect(result.x[1]).toBeCloseTo(1, 4);
      expect(result.iterations).toBeLessThan(100);
    }
  });

  it('stops after maxIterations, and at the first iteration that improves by less than the tolerance', () => {
    const none = minimize(quadratic, Float64Array.of(1, 1, 1), { maxIterations: 0 });
    expect(none).toMatchObject({
      iterations: 0,
      value: quadratic(Float64Array.of(1, 1, 1), new Float64Array(3)),
    });
    expect(Array.from(none.x)).toEqual([1, 1, 1]);
    const one = minimize(quadratic, Float64Array.of(1, 1, 1), { maxIterations: 1 });
    expect(one.iterations).toBe(1);
    expect(one.value).toBeLessThan(none.value);
    // Any improvement is below a tolerance of 1e9: the first iteration is taken, then it stops.
    expect(
      minimize(quadratic, Float64Array.of(1, 1, 1), { maxIterations: 50, tolerance: 1e9 }).iterations,
    ).toBe(1);
  });

  it('returns at once from a minimum', () => {
    const bowl = (x: Float64Array, g: Float64Array) => {
      g.set(x.map((v) => 2 * v));
      return x.reduce((s, v) => s + v * v, 0);
    };
    const result = minimize(bowl, new Float64Array(3), { maxIterations: 10 });
    expect(result.iterations).toBe(0);
    expect(Array.from(result.x)).toEqual([0, 0, 0]);
  });
});

describe('the training objective', () => {
  const texts: Array<[number, string]> = [
    [2, 'love it'],
    [2, 'great day :)'],
    [2, 'so happy'],
    [0, 'hate it'],
    [0, 'awful :('],
    [1, 'the bus is at noon'],
  ];
  const data = featurizeAll(
    texts.map(([label, text]) => ({ label, text })),
    4,
  );
  const size = (2 ** 4 + D + 1) * 3;
  const weights = Float64Array.from({ length: size }, (_, i) => Math.sin(i * 1.7) / 2);

  /** The loss computed directly: class-weighted mean cross-entropy + l2/2 |w|^2 without the biases. */
  function directLoss(w: Float64Array, l2: number, balanced: boolean): number {
    const counts = [0, 1, 2].map((k) => texts.filter(([label]) => label === k).length);
    let loss = 0;
    let weightSum = 0;
    for (let i = 0; i < texts.length; i++) {
      const z = [0, 1, 2].map((k) => {
        let sum = w[(2 ** 4 + D) * 3 + k]!;
        for (let d = 0; d < D; d++) sum += data.dense[i * D + d]! * w[(2 ** 4 + d) * 3 + k]!;
        for (let j = data.offsets[i]!; j < data.offsets[i + 1]!; j++) sum += w[data.buckets[j]! * 3 + k]!;
        return sum;
      });
      const y = data.labels[i]!;
      const cw = balanced ? texts.length / (3 * counts[y]!) : 1;
      const logSum = Math.log(z.reduce((s, v) => s + Math.exp(v), 0));
      loss += cw * (logSum - z[y]!);
      weightSum += cw;
    }
    let penalty = 0;
    for (let k = 0; k < (2 ** 4 + D) * 3; k++) penalty += w[k]! ** 2;
    return loss / weightSum + 0.5 * l2 * penalty;
  }

  it('is the class-weighted mean cross-entropy plus the L2 penalty, biases unpenalised', () => {
    for (const [l2, balanced] of [
      [0, false],
      [0.3, false],
      [0.3, true],
    ] as const) {
      const f = objective(data, { l2, balanced });
      expect(f(weights, new Float64Array(size)), `${l2} ${balanced}`).toBeCloseTo(
        directLoss(weights, l2, balanced),
        12,
      );
    }
    // With every weight 0, every class has probability 1/3.
    expect(
      objective(data, { l2: 1, balanced: true })(new Float64Array(size), new Float64Array(size)),
    ).toBeCloseTo(Math.log(3), 12);
  });

  it('gives the gradient of that loss in every weight', () => {
    for (const balanced of [false, true]) {
      const f = objective(data, { l2: 0.3, balanced });
      const gradient = new Float64Array(size);
      f(weights, gradient);
      const h = 1e-6;
      for (let k = 0; k < size; k++) {
        const up = Float64Array.from(weights);
        const down = Float64Array.from(weights);
        up[k]! += h;
        down[k]! -= h;
        const numeric = (directLoss(up, 0.3, balanced) - directLoss(down, 0.3, balanced)) / (2 * h);
        if (Math.abs(gradient[k]! - numeric) > 1e-6) expect.fail(`weight ${k}: ${gradient[k]} vs ${numeric}`);
      }
    }
  });

  it('fits weights that label its training examples, and the loss it reports is theirs', () => {
    const result = fit(data, { l2: 1e-3, balanced: true, maxIterations: 100 });
    expect(Array.from(predictAll(result.model, data))).toEqual(texts.map(([label]) => label));
    expect(result.iterations).toBeGreaterThan(0);
    expect(result.loss).toBeLessThan(0.5);
    expect(result.model.bits).toBe(4);
  });
});

describe('datasets and figures', () => {
  const rows = [
    { label: 0, text: 'bad' },
    { label: 1, text: 'the bus at noon today' },
    { label: 2, text: 'good :)' },
  ];
  const data = featurizeAll(rows, 8);

  it('featurizeAll keeps each text features in order, as featurizeText gives them', () => {
    const features = new Features();
    expect(Array.from(data.labels)).toEqual([0, 1, 2]);
    rows.forEach((row, i) => {
      featurizeText(row.text, 8, features);
      expect(Array.from(data.buckets.subarray(data.offsets[i], data.offsets[i + 1]))).toEqual(
        Array.from(features.buckets.subarray(0, features.count)),
      );
      expect(Array.from(data.dense.subarray(i * D, i * D + D))).toEqual(Array.from(features.dense));
    });
    expect(data.offsets[0]).toBe(0);
    expect(data.offsets[3]).toBe(data.buckets.length);
  });

  it('subset takes the examples asked for, in that order', () => {
    const part: Dataset = subset(data, [2, 0]);
    expect(part.bits).toBe(8);
    expect(Array.from(part.labels)).toEqual([2, 0]);
    const of = (d: Dataset, i: number) => Array.from(d.buckets.subarray(d.offsets[i], d.offsets[i + 1]));
    expect(of(part, 0)).toEqual(of(data, 2));
    expect(of(part, 1)).toEqual(of(data, 0));
    expect(Array.from(part.dense)).toEqual([
      ...data.dense.subarray(2 * D, 3 * D),
      ...data.dense.subarray(0, D),
    ]);
    expect(part.buckets.length).toBe(of(data, 2).length + of(data, 0).length);
  });

  it('evaluate gives the recall of each class, their mean and the accuracy', () => {
    const result = evaluate([0, 0, 1, 1, 1, 2, 2, 2, 2, 2], [0, 1, 1, 1, 0, 2, 2, 2, 2, 0]);
    expect(result.recall).toEqual({ negative: 0.5, neutral: 2 / 3, positive: 0.8 });
    expect(result.macroRecall).toBeCloseTo((0.5 + 2 / 3 + 0.8) / 3, 12);
    expect(result.accuracy).toBe(0.7);
    // A class without examples has recall 0 (it still counts in the mean).
    expect(evaluate([2, 2], [2, 0]).recall).toEqual({ negative: 0, neutral: 0, positive: 0.5 });
    expect(evaluate([2, 2], [2, 0]).macroRecall).toBeCloseTo(0.5 / 3, 12);
  });

  it('predictAll labels each example with its most probable class', () => {
    const { model } = fit(data, { l2: 1e-2, balanced: false, maxIterations: 30 });
    const p = new Float64Array(3);
    const expected = rows.map((_, i) => {
      model.probabilitiesOf(
        data.buckets,
        data.offsets[i]!,
        data.offsets[i + 1]!,
        data.dense.subarray(i * D, i * D + D),
        p,
      );
      return mostProbable(p);
    });
    expect(Array.from(predictAll(model, data))).toEqual(expected);
  });
});

describe('the trainer', () => {
  const rows = readLabelledTsv(readFileSync(SAMPLE, 'utf8'), SAMPLE).slice(0, 120);
  const small = { ...DEFAULT_OPTIONS, bits: 8, folds: 2, maxIterations: 15 };

  it('records how it trained in the weights file, and logs each candidate and the choice', () => {
    const lines: string[] = [];
    const result = train(
      rows,
      { ...small, l2: [1e-2, 1e-1], balanced: [false], seed: 5, log: (l) => lines.push(l) },
      {
        file: 'x.tsv',
      },
    );
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^cv l2=0\.01 balanced=false: macro recall 0\.\d{4}, accuracy 0\.\d{4}$/);
    expect(lines[1]).toMatch(/^cv l2=0\.1 balanced=false: /);
    expect(lines[2]).toMatch(
      /^chosen l2=0\.0?1 balanced=false; final fit: \d+ iterations, training macro recall [01]\.\d{4}$/,
    );
    const training = result.file.training;
    expect(training).toMatchObject({
      data: { file: 'x.tsv' },
      examples: 120,
      classCounts: {
        negative: rows.filter((r) => r.label === 0).length,
        neutral: rows.filter((r) => r.label === 1).length,
        positive: rows.filter((r) => r.label === 2).length,
      },
      model: 'multinomial logistic regression, L-BFGS',
      l2: result.chosen.l2,
      balanced: false,
      folds: 2,
      seed: 5,
    });
    expect(training.iterations).toBeGreaterThan(0);
    const cv = training.crossValidation as Array<{ l2: number; macroRecall: number; accuracy: number }>;
    expect(cv.map((c) => c.l2)).toEqual([0.01, 0.1]);
    cv.forEach((c, i) => {
      expect(c.macroRecall).toBe(Math.round(result.crossValidation[i]!.macroRecall * 10000) / 10000);
      expect(c.accuracy).toBe(Math.round(result.crossValidation[i]!.accuracy * 10000) / 10000);
    });
    const best = Math.max(...result.crossValidation.map((c) => c.macroRecall));
    expect(result.chosen.macroRecall).toBe(best);
  });

  it('breaks a tie in macro recall towards the stronger penalty, then the earlier candidate', () => {
    // Three texts repeated: every candidate labels every held-out copy right, a tie at 1.
    const easy = ['love it', 'hate it', 'the bus'].flatMap((text, k) =>
      Array.from({ length: 6 }, () => ({ label: [2, 0, 1][k]!, text })),
    );
    for (const l2 of [
      [1e-3, 1e-2],
      [1e-2, 1e-3],
    ]) {
      const result = train(easy, { ...small, l2, balanced: [false] }, {});
      expect(result.crossValidation.map((c) => c.macroRecall)).toEqual([1, 1]);
      expect(result.chosen.l2).toBe(1e-2);
    }
    const result = train(easy, { ...small, l2: [1e-2], balanced: [true, false] }, {});
    expect(result.chosen.balanced).toBe(true);
  });

  it('cross-validates on folds from the seed: every example is predicted once', () => {
    const a = train(rows, { ...small, l2: [1e-2], balanced: [true] }, {});
    const b = train(rows, { ...small, l2: [1e-2], balanced: [true], seed: 99 }, {});
    expect(a.file.training.seed).toBe(13);
    expect(b.file.training.seed).toBe(99);
    for (const result of [a, b]) {
      expect(result.crossValidation[0]!.accuracy * rows.length).toBeCloseTo(
        Math.round(result.crossValidation[0]!.accuracy * rows.length),
        9,
      );
    }
  });

  it('refuses a fold count that is not a whole number from 2 to the number of examples', () => {
    for (const folds of [1, 0, 2.5, rows.length + 1]) {
      expect(() => train(rows, { ...small, folds }, {}), String(folds)).toThrow(TrainingDataError);
      expect(() => train(rows, { ...small, folds }, {})).toThrow(
        `--folds ${folds}: write a whole number from 2`,
      );
    }
  });
});

describe('the command', () => {
  const sample = path.join(dir, 'sample.tsv');
  writeFileSync(sample, readFileSync(SAMPLE, 'utf8').split('\n').slice(0, 90).join('\n'));
  const out = path.join(dir, 'weights.json');
  const quick = ['--out', out, '--bits', '6', '--folds', '2', '--l2', '1e-2', '--max-iterations', '5'];

  it('reads its options: bits, folds, penalties, weighting, iterations and seed', () => {
    const lines: string[] = [];
    const result = main([sample, ...quick, '--balanced', ' false ,true', '--seed', '7'], (l) =>
      lines.push(l),
    );
    expect(result.out).toBe(out);
    const file = JSON.parse(readFileSync(out, 'utf8')) as ModelFile;
    expect(file.bits).toBe(6);
    expect(file.training).toMatchObject({ folds: 2, seed: 7, data: { file: 'sample.tsv' } });
    expect(file.training.iterations).toBeLessThanOrEqual(5);
    expect((file.training.data as { sha256: string }).sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.crossValidation.map((c) => c.balanced)).toEqual([false, true]);
    expect(lines[0]).toBe(`${sample}: 90 examples`);
    expect(lines.at(-1)).toBe(`wrote ${out}`);
    expect(main([sample, ...quick, '--l2', '1e-2, 1e-1'], () => {}).crossValidation.map((c) => c.l2)).toEqual(
      [1e-2, 1e-1],
    );
  });

  it('refuses options that are not numbers, and one input file only', () => {
    expect(() => main([sample, '--l2', 'x'])).toThrow('--l2 x: write numbers');
    expect(() => main([sample, '--l2=-1'])).toThrow('--l2 -1: write numbers');
    expect(() => main([sample, '--seed', 'Infinity'])).toThrow('--seed Infinity: write numbers');
    expect(() => main([sample, '--folds', 'two'])).toThrow('--folds two: write numbers');
    expect(() => main([sample, '--bits', '3'])).toThrow('--bits 3: write a whole number from 4 to 22');
    expect(() => main([sample, '--bits', '23'])).toThrow('--bits 23: write a whole number from 4 to 22');
    expect(() => main([sample, '--bits', '6.5'])).toThrow('--bits 6.5');
    expect(() => main([sample, sample])).toThrow(/^usage: npm run train:sentiment/);
  });
});

describe('training lines', () => {
  it('are id, label and text; blank lines are skipped, a carriage return dropped, tabs kept in the text', () => {
    const rows = readLabelledTsv(
      '1\tpositive\tgood\tday\r\n\n2\tnegative\tbad\n  \n3\tneutral\tok\n',
      'x.tsv',
    );
    expect(rows).toEqual([
      { label: 2, text: 'good\tday' },
      { label: 0, text: 'bad' },
      { label: 1, text: 'ok' },
    ]);
  });

  it('name the file and line of a bad one, counting blank lines', () => {
    expect(() => readLabelledTsv('1\tpositive\tgood\n\n3\tPositive\tbad\n', 'x.tsv')).toThrow(
      /^x\.tsv:3: expected/,
    );
    expect(() => readLabelledTsv('1\tpositive\n', 'y.tsv')).toThrow(/^y\.tsv:1: .*got "1\\tpositive"$/);
    expect(() => readLabelledTsv('1\tpositive\tgood\n2\tneutral\tok\n', 'z.tsv')).toThrow(
      'z.tsv: no negative examples',
    );
  });
});
