import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withEnvFile } from './env-file.js';
import { loadServerConfig } from './server-config.js';

describe('.env beside the server', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hashpulse-env-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is read when present, as .env.example says, and validated with the rest', () => {
    writeFileSync(path.join(dir, '.env'), '# comment\nPORT=4100\nWINDOW_LENGTH=2m\nADMIN_TOKEN="a b"\n');
    const config = loadServerConfig(withEnvFile({}, dir), dir, path.join(dir, 'web'));
    expect(config.port).toBe(4100);
    expect(config.window.windowLengthMs).toBe(120_000);
    expect(config.adminToken).toBe('a b');
  });

  it('never overrides a variable the environment sets', () => {
    writeFileSync(path.join(dir, '.env'), 'PORT=4100\nSLIDE=10s\n');
    expect(withEnvFile({ PORT: '5000' }, dir)).toEqual({ PORT: '5000', SLIDE: '10s' });
  });

  it('is optional', () => {
    expect(withEnvFile({ PORT: '5000' }, dir)).toEqual({ PORT: '5000' });
  });
});
