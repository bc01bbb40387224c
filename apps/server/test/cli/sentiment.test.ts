// `hashpulse sentiment` through the real CLI (spawned), plus the streaming core's back-pressure.
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, writeFileSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { lexicon, scoreSentiment } from '@hashpulse/tweets';
import { scoreSentimentStream } from '../../src/cli/commands/sentiment.js';
import { CLI_BIN } from '../support/paths.js';

const BIN = CLI_BIN;
const dir = mkdtempSync(path.join(tmpdir(), 'hashpulse-sentiment-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `hashpulse sentiment ...args` with `input` on stdin (from a file, so no pipe juggling here). */
function runCli(input: string, args: string[] = []): Promise<Run> {
  const file = path.join(dir, `input-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(file, input);
  const fd = openSync(file, 'r');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'sentiment', ...args], { stdio: [fd, 'pipe', 'pipe'] });
    closeSync(fd);
    if (!child.stdout || !child.stderr) throw new Error('spawn gave no stdout/stderr pipes');
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const expected = (text: string, lang?: string | null) => {
  const { score, label } = scoreSentiment(text, lang);
  return { score: Math.round(score * 1e4) / 1e4, label };
};

describe('hashpulse sentiment (spawned CLI)', () => {
  it('writes one {"score","label"} line per input line, in order, for text and JSON lines', async () => {
    const input = [
      'I love this!',
      '{"text": "this is awful", "lang": "en"}',
      '{"text": "Quelle belle journée", "lang": "fr"}',
      '',
      'The train leaves at noon\r',
      '{"text": "😍😍", "lang": "und"}',
      'no newline at the end :(',
    ].join('\n');
    const run = await runCli(input);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(
      run.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([
      expected('I love this!'),
      expected('this is awful', 'en'),
      { score: 0, label: 'unscored' },
      expected(''),
      expected('The train leaves at noon'),
      expected('😍😍', 'und'),
      expected('no newline at the end :('),
    ]);
    expect(expected('I love this!').label).toBe('positive');
    expect(expected('this is awful', 'en').label).toBe('negative');
    expect(expected('').label).toBe('neutral');
    expect(expected('The train leaves at noon').label).toBe('neutral');
  });

  it('--scorer lexicon scores with the lexicon alone; an unknown scorer is refused', async () => {
    const run = await runCli('I love this!\nnot bad at all\n', ['--scorer', 'lexicon']);
    expect(run.code).toBe(0);
    const byLexicon = (text: string) => {
      const { score, label } = lexicon.score(text);
      return { score: Math.round(score * 1e4) / 1e4, label };
    };
    expect(
      run.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([byLexicon('I love this!'), byLexicon('not bad at all')]);
    expect(byLexicon('not bad at all')).not.toEqual(expected('not bad at all'));
    const refused = await runCli('good\n', ['--scorer', 'vader']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('--scorer vader: write one of model, lexicon');
    expect(refused.stdout).toBe('');
  });

  it('a bad JSON line gets an {"error"} line in its place, a message with its line number, and exit code 1', async () => {
    const run = await runCli(
      'good day\n{"text": broken\n{"txt": "no text member"}\n{"text": "ok", "lang": 5}\nbad day\n',
    );
    expect(run.code).toBe(1);
    const lines = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toEqual(expected('good day'));
    expect(lines[1]?.error).toMatch(/^line 2: invalid JSON/);
    expect(lines[2]?.error).toBe('line 3: the JSON object has no string "text" member');
    expect(lines[3]?.error).toMatch(/^line 4: "lang" must be a language tag/);
    expect(lines[4]).toEqual(expected('bad day'));
    expect(run.stderr).toContain('hashpulse sentiment: line 2: invalid JSON');
    expect(run.stderr).toContain('line 3:');
    expect(run.stderr).toContain('3 of 5 lines were bad');
  });

  it('--lang sets the language of lines that give none', async () => {
    const run = await runCli('great\n{"text": "great", "lang": "en"}\n', ['--lang', 'de']);
    expect(run.code).toBe(0);
    expect(
      run.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([{ score: 0, label: 'unscored' }, expected('great', 'en')]);
  });

  it('streams a large input completely and in order', async () => {
    const texts = [
      'what a great day',
      'this is terrible',
      'the bus is at nine',
      '{"text": "I hate mondays"}',
    ];
    const count = 200_000;
    const input = Array.from({ length: count }, (_, i) => `${texts[i % 4]}`).join('\n') + '\n';
    const run = await runCli(input);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(count);
    const want = [
      expected('what a great day'),
      expected('this is terrible'),
      expected('the bus is at nine'),
      expected('I hate mondays'),
    ].map((o) => JSON.stringify(o));
    for (let i = 0; i < count; i++)
      if (lines[i] !== want[i % 4]) throw new Error(`line ${i + 1} is ${lines[i]}, expected ${want[i % 4]}`);
  });

  it('stops quietly with exit code 0 when the reader goes away (| head)', async () => {
    const file = path.join(dir, 'endless.txt');
    writeFileSync(file, 'good\n'.repeat(2_000_000));
    const fd = openSync(file, 'r');
    const result = await new Promise<{ code: number | null; stderr: string; first: string }>(
      (resolve, reject) => {
        const child = spawn(process.execPath, [BIN, 'sentiment'], { stdio: [fd, 'pipe', 'pipe'] });
        closeSync(fd);
        const { stdout, stderr: errors } = child;
        if (!stdout || !errors) throw new Error('spawn gave no stdout/stderr pipes');
        let stderr = '';
        let first = '';
        errors.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        stdout.setEncoding('utf8').once('data', (chunk: string) => {
          first = chunk.split('\n')[0] ?? '';
          stdout.destroy();
        });
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stderr, first }));
      },
    );
    expect(JSON.parse(result.first)).toEqual(expected('good'));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});

describe('scoreSentimentStream back-pressure', () => {
  it('does not read ahead of a slow reader', async () => {
    const chunks = 400;
    let pulled = 0;
    let written = 0;
    let maxAhead = 0;
    const input = Readable.from(
      (function* () {
        for (let i = 0; i < chunks; i++) {
          pulled++;
          maxAhead = Math.max(maxAhead, pulled - written);
          yield `chunk ${i} is good\nchunk ${i} is bad\n`;
        }
      })(),
      { highWaterMark: 1 },
    );
    const received: string[] = [];
    const slow = new Writable({
      highWaterMark: 64,
      write(chunk: Buffer, _encoding, done) {
        received.push(chunk.toString());
        written++;
        setImmediate(done);
      },
    });
    const result = await scoreSentimentStream(input, slow);
    expect(result).toEqual({ lines: chunks * 2, badLines: 0 });
    const lines = received.join('').trimEnd().split('\n');
    expect(lines).toHaveLength(chunks * 2);
    expect(JSON.parse(lines[0] as string)).toEqual(expected('chunk 0 is good'));
    expect(JSON.parse(lines[1] as string)).toEqual(expected('chunk 0 is bad'));
    // Without back-pressure the generator would run all 400 chunks ahead of the writer.
    expect(maxAhead).toBeLessThanOrEqual(4);
  });
});
