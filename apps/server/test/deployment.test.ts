import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvSchema } from '@hashpulse/protocol';
import { REPO_ROOT } from './support/test-server.js';

const envKeys = Object.keys(EnvSchema.shape).sort();

describe('deployment files', () => {
  it('.env.example documents every variable the server reads, and no other', () => {
    const text = readFileSync(path.join(REPO_ROOT, '.env.example'), 'utf8');
    const documented = [...text.matchAll(/^([A-Z_]+)=/gm)].map((match) => match[1]).sort();
    expect(documented).toEqual(envKeys);
  });

  it('docker-compose.yml is valid and runs the server with PostgreSQL and Redis', () => {
    const resolved = execFileSync(
      'docker-compose',
      ['-f', path.join(REPO_ROOT, 'docker-compose.yml'), 'config'],
      {
        env: { ...process.env, ADMIN_TOKEN: 'compose-test-token' },
        encoding: 'utf8',
      },
    );
    expect(resolved).toMatch(/^ {2}postgres:$/m);
    expect(resolved).toMatch(/^ {2}redis:$/m);
    expect(resolved).toMatch(/^ {2}server:$/m);
    expect(resolved).toContain('DATABASE_URL: postgres://hashpulse:hashpulse@postgres:5432/hashpulse');
    const serverEnv = [...resolved.matchAll(/^ {6}([A-Z_]+):/gm)].map((match) => match[1]!);
    for (const name of serverEnv.filter((name) => !name.startsWith('POSTGRES_')))
      expect(envKeys).toContain(name);
  });

  it('docker-compose.yml refuses to start without ADMIN_TOKEN, since it listens beyond loopback', () => {
    const env = { ...process.env };
    delete env.ADMIN_TOKEN;
    expect(() =>
      execFileSync('docker-compose', ['-f', path.join(REPO_ROOT, 'docker-compose.yml'), 'config'], {
        env,
        stdio: 'pipe',
      }),
    ).toThrow(/ADMIN_TOKEN/);
  });
});
