// The trainer, end to end on a small committed sample (template sentences written for this test,
// not SemEval text): it runs as the command does, writes a weights file the scorer loads, the
// weights score the sample above chance, and the same input gives the same weights.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TrainingDataError } from '../src/errors.js';
import { SentimentModel, mostProbable } from '../src/sentiment/model.js';
import type { ModelFile } from '../src/sentiment/model-file.js';
import { DEFAULT_OPTIONS, main, readLabelledTsv, train } from '../src/sentiment/training/train.js';

const SAMPLE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/sentiment-train-sample.tsv');
const dir = mkdtempSync(path.join(os.tmpdir(), 'hashpulse-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Small buckets and few candidates keep the smoke test fast; the code path is the full one.
const ARGS = ['--bits', '12', '--folds', '3', '--l2', '1e-3,1e-2', '--balanced', 'true,false'];

describe('the sentiment trainer', () => {
  it('trains on the sample from the command line and writes weights that label it well above chance', () => {
    const out = path.join(dir, 'weights.json');
    const lines: string[] = [];
    const result = main([SAMPLE, '--out', out, ...ARGS], (line) => lines.push(line));
    expect(lines[0]).toBe(`${SAMPLE}: 390 examples`);
    // One cross-validation line per candidate, then the choice.
    expect(lines.filter((line) => line.startsWith('cv '))).toHaveLength(4);
    expect(result.crossValidation).toHaveLength(4);
    // Cross-validated (every tweet labelled by a model that never saw it) above chance (1/3).
    expect(result.chosen.macroRecall).toBeGreaterThan(0.6);

    const file = JSON.parse(readFileSync(out, 'utf8')) as ModelFile;
    expect(file.bits).toBe(12);
    expect(file.training).toMatchObject({ examples: 390, folds: 3, data: { file: path.basename(SAMPLE) } });
    const model = SentimentModel.fromFile(file);
    const rows = readLabelledTsv(readFileSync(SAMPLE, 'utf8'), SAMPLE);
    const p = new Float64Array(3);
    let correct = 0;
    for (const row of rows) {
      model.probabilities(row.text, p);
      if (mostProbable(p) === row.label) correct++;
    }
    expect(correct / rows.length).toBeGreaterThan(0.8);
  });

  it('gives the same weights for the same data (seeded folds, deterministic fit)', () => {
    const rows = readLabelledTsv(readFileSync(SAMPLE, 'utf8'), SAMPLE);
    const options = { ...DEFAULT_OPTIONS, bits: 10, folds: 3, l2: [1e-2], balanced: [true] };
    const a = train(rows, options, {});
    const b = train(rows, options, {});
    expect(a.file.weights).toBe(b.file.weights);
    expect(a.file.weights).not.toMatch(/^A+=*$/); // not all zero
  });

  it('refuses bad training lines and a missing class, naming the line', () => {
    expect(() => readLabelledTsv('1\tpositive\tgood\n2\tglad\tfine\n', 'x.tsv')).toThrow(TrainingDataError);
    expect(() => readLabelledTsv('1\tpositive\tgood\n2\tglad\tfine\n', 'x.tsv')).toThrow(/^x\.tsv:2: /);
    expect(() => readLabelledTsv('1\tpositive\tgood\n2\tnegative\tbad\n', 'y.tsv')).toThrow(
      'y.tsv: no neutral examples',
    );
    expect(() => main([])).toThrow(/usage: npm run train:sentiment/);
    expect(() => main([SAMPLE, '--bits', '40'])).toThrow('--bits 40: write a whole number from 4 to 22');
  });
});
