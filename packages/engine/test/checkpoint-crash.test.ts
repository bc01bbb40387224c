// Recovery after a real crash: a child process running a checkpointed job is killed with SIGKILL
// mid-stream, and a new context resumes from its checkpoints (apart from checkpoint.test.ts, as a
// child process per run is too slow for the mutation area that runs those).
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StreamingContext } from '@hashpulse/engine';
import { buildJob, runAll, uninterruptedOutputs } from './fixtures/checkpoint-job.js';
import { tempDirs } from './fixtures/temp-dirs.js';

const tempDir = tempDirs('engine-checkpoint-crash-');

describe('checkpoints and recovery', () => {
  it('recovery after a real crash (SIGKILL mid-stream) equals an uninterrupted run', async () => {
    const expected = await uninterruptedOutputs();

    const dir = await tempDir();
    const outputsFile = path.join(dir, 'outputs.jsonl');
    await writeFile(outputsFile, '');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', new URL('./fixtures/crash-child.ts', import.meta.url).pathname, dir, outputsFile],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let checkpoints = 0;
    let finished = false;
    const killed = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (chunk.includes('finished')) finished = true;
      checkpoints += chunk.split('\n').filter((line) => line.startsWith('checkpoint')).length;
      if (checkpoints >= 8) child.kill('SIGKILL');
    });
    expect(await killed).toBe('SIGKILL');
    expect(finished).toBe(false);

    const outputs = new Map<string, string>(
      (await readFile(outputsFile, 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as [string, string]),
    );
    const emittedBeforeCrash = outputs.size;
    const recovered = buildJobWithContext(outputs, dir);
    const ctx = await StreamingContext.getOrCreate(dir, () => recovered.ctx);
    expect(ctx.recoveredFrom).toBeGreaterThan(1_000_000);
    await ctx.start();
    await runAll(recovered);
    await ctx.advanceToLastWindow();
    await ctx.stop();
    expect(emittedBeforeCrash).toBeGreaterThan(0);
    expect(emittedBeforeCrash).toBeLessThan(expected.size);
    expect(new Map([...outputs].sort())).toEqual(new Map([...expected].sort()));
  });
});

function buildJobWithContext(outputs: Map<string, string>, checkpointDir: string) {
  return buildJob(outputs, { checkpointDir });
}
