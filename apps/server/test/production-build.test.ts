// Proves the production install works without TypeScript tooling: the compiled packages, the
// server's dist/ and production dependencies only (`npm ci --omit=dev` in a temporary copy), then
// `hashpulse --help` and the server on plain node, with no tsx (and no source condition) anywhere.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../src/runtime/node-flags.js';
import { REPO_ROOT } from './support/test-server.js';

const run = promisify(execFile);

/** What the runtime stage of the Dockerfile holds, apart from node_modules. */
const PRODUCTION_FILES = [
  'package.json',
  'package-lock.json',
  'packages/engine/package.json',
  'packages/engine/dist',
  'packages/fast-json/package.json',
  'packages/fast-json/dist',
  'packages/fast-json/native/build/Release/member_parser.node',
  'packages/fast-json/native/simdjson-LICENSE',
  'packages/tweets/package.json',
  'packages/tweets/dist',
  'packages/protocol/package.json',
  'packages/protocol/dist',
  'apps/server/package.json',
  'apps/server/bin',
  'apps/server/dist',
  'data/demo',
];

/** The environment of a production process: nothing from vitest (NODE_OPTIONS carries the source condition). */
function productionEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
  return env;
}

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${pattern}:\n${output}`));
    });
  });
}

/** The COPY sources and RUN lines of the Dockerfile's runtime stage. */
function runtimeStage(): { copied: string[]; text: string } {
  const dockerfile = readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8');
  const text = dockerfile.slice(dockerfile.indexOf(' AS runtime'));
  const copied = [...text.matchAll(/^COPY (.+)$/gm)].flatMap((match) => {
    const words = match[1]!.split(/\s+/).filter((word) => !word.startsWith('--'));
    return words.slice(0, -1).map((source) => source.replace(/^\/app\//, ''));
  });
  return { copied, text };
}

describe('the Dockerfile', () => {
  it('copies into the runtime image what this test installs, the dashboard, and nothing else', () => {
    const { copied } = runtimeStage();
    expect(copied.sort()).toEqual([...PRODUCTION_FILES, 'apps/web/dist'].sort());
  });

  it('installs production dependencies only, runs as a non-root user and checks /api/health', () => {
    const { text } = runtimeStage();
    expect(text).toMatch(/^RUN npm ci --omit=dev/m);
    expect(text).toMatch(/^USER node$/m);
    expect(text).toMatch(/^HEALTHCHECK .*\/api\/health/ms);
    // The compiled server, with the launch flags of node-flags.ts.
    const cmd = /^CMD (\[.*\])$/m.exec(text)?.[1];
    expect(JSON.parse(cmd ?? 'null')).toEqual(['node', ...SERVER_NODE_FLAGS, 'apps/server/dist/main.js']);
  });
});

describe('the production build', () => {
  let dir: string;

  beforeAll(async () => {
    // Incremental: quick when `npm run build` (the pretest step) already ran.
    await run(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'],
      {
        cwd: REPO_ROOT,
      },
    );
    dir = mkdtempSync(path.join(tmpdir(), 'hashpulse-production-'));
    for (const entry of PRODUCTION_FILES) {
      cpSync(path.join(REPO_ROOT, entry), path.join(dir, entry), { recursive: true });
    }
    await run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: dir,
      env: productionEnv(),
    });
  }, 600_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('installs no TypeScript tooling', () => {
    for (const tool of ['tsx', 'typescript', 'vitest', 'esbuild']) {
      expect(existsSync(path.join(dir, 'node_modules', tool)), tool).toBe(false);
    }
    // The workspace packages resolve to their compiled JavaScript; `npx hashpulse` finds the bin.
    expect(existsSync(path.join(dir, 'node_modules/.bin/hashpulse'))).toBe(true);
    expect(existsSync(path.join(dir, 'node_modules/@hashpulse/engine/dist/index.js'))).toBe(true);
  });

  it('loads the native JSON parser on plain node', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "console.log(JSON.stringify((await import('@hashpulse/fast-json')).nativeJson))",
      ],
      { cwd: dir, env: productionEnv() },
    );
    expect(JSON.parse(stdout)).toEqual({ available: true, reason: null });
  });

  it('runs `hashpulse --help` on plain node', async () => {
    const { stdout } = await run(process.execPath, ['apps/server/bin/hashpulse.js', '--help'], {
      cwd: dir,
      env: productionEnv(),
    });
    for (const command of ['analyze', 'generate', 'profiles', 'sentiment']) expect(stdout).toContain(command);
  });

  it('analyzes the demo recording on plain node', async () => {
    const { stdout } = await run(
      process.execPath,
      ['apps/server/bin/hashpulse.js', 'analyze', 'data/demo/tweets.jsonl.gz', '--json', '--no-progress'],
      { cwd: dir, env: productionEnv(), maxBuffer: 256 * 1024 * 1024 },
    );
    const report = JSON.parse(stdout) as { tweets: number };
    expect(report.tweets).toBeGreaterThan(0);
  });

  it('runs worker-pool tasks on plain node (the compiled worker entry, no tsx)', async () => {
    writeFileSync(path.join(dir, 'tasks.mjs'), 'export const shout = (word) => `${word.toUpperCase()}!`;\n');
    writeFileSync(
      path.join(dir, 'pool.mjs'),
      [
        "import { defineTask, ManualClock, StreamingContext } from '@hashpulse/engine';",
        "const shout = defineTask(new URL('./tasks.mjs', import.meta.url), 'shout');",
        'const ctx = new StreamingContext({ batchIntervalMs: 1000, clock: new ManualClock(0), workers: 2 });',
        'const { source, stream } = ctx.queueSource();',
        'const out = [];',
        'stream.mapParallel(shout).foreachBatch((records) => void out.push(...records));',
        'await ctx.start();',
        "['a', 'b', 'c'].forEach((word, i) => source.push(word, i * 10));",
        'await ctx.advanceToLastWindow();',
        'await ctx.stop();',
        'console.log(JSON.stringify(out));',
      ].join('\n'),
    );
    const { stdout } = await run(process.execPath, ['pool.mjs'], { cwd: dir, env: productionEnv() });
    expect(JSON.parse(stdout)).toEqual(['A!', 'B!', 'C!']);
  });

  it('starts the server from dist/main.js and answers /api/health', async () => {
    const server = spawn(process.execPath, ['apps/server/dist/main.js'], {
      cwd: dir,
      env: productionEnv({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: 'data' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const [, url] = await waitForLine(server, /hashpulse dashboard: (http:\/\/\S+)/, 60_000);
      const response = await fetch(`${url}/api/health`);
      expect(response.status).toBe(200);
    } finally {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
  });
});
