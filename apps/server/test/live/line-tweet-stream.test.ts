import https from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { recordedStreamMessages, startXApiServer, type XApiServer } from '../support/x-api/index.js';
import { LineTweetStream } from '../../src/sources/live/line-tweet-stream.js';
import { createXClient } from '../../src/sources/live/x-client.js';

const messages = recordedStreamMessages().slice(0, 40);
const expectedLines = messages.map((message) => JSON.stringify(message));

let server: XApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function readStream(chunkBytes: number, keepAliveMs = 60_000, gzip = false) {
  server = await startXApiServer({ chunkBytes, keepAliveMs, messages, gzip });
  const { control } = server;
  const v2 = createXClient({
    bearerToken: server.bearerToken,
    baseUrl: server.url,
    agent: new https.Agent({ ca: server.caPem }),
  });
  const lines: string[] = [];
  let keepAlives = 0;
  const closed: Error[] = [];
  const stream = LineTweetStream.adopt(v2.sampleStream({ autoConnect: false }), {
    line: (text) => lines.push(text),
    keepAlive: () => (keepAlives += 1),
    oversized: () => lines.push('<oversized>'),
    closed: (error) => closed.push(error),
  });
  await stream.connect({ autoReconnect: false, keepAliveTimeout: 'disable' });
  return { stream, control, lines, keepAlives: () => keepAlives, closed };
}

/** The sample stream carries no matching_rules; the recorded stream lines do. */
const withoutRules = (line: string): string => {
  const { matching_rules: _rules, ...rest } = JSON.parse(line) as Record<string, unknown>;
  return JSON.stringify(rest);
};

describe('stream message framing', () => {
  it('delivers every message intact when characters and line breaks straddle network chunks', async () => {
    expect(expectedLines.filter((line) => /[\u0080-\u{10ffff}]/u.test(line)).length).toBeGreaterThan(30);
    for (const chunkBytes of [1, 2, 7, 4096]) {
      const run = await readStream(chunkBytes);
      await run.control.waitFor(
        () => run.lines.length === messages.length,
        10_000,
        `${messages.length} lines`,
      );
      expect(run.lines).toEqual(expectedLines.map(withoutRules));
      expect(run.lines.join('')).not.toContain('\ufffd');
      run.stream.close();
      await server!.close();
      server = undefined;
    }
  });

  it('reads a gzip-compressed stream, as X sends to clients that accept it', async () => {
    for (const chunkBytes of [7, 4096]) {
      const run = await readStream(chunkBytes, 10, true);
      await run.control.waitFor(
        () => run.lines.length === messages.length,
        10_000,
        `${messages.length} lines`,
      );
      await run.control.waitFor(() => run.keepAlives() >= 2, 10_000, 'two keep-alives');
      expect(run.lines).toEqual(expectedLines.map(withoutRules));
      expect(run.control.requests()[0]?.responseEncoding).toBe('gzip');
      run.stream.close();
      await server!.close();
      server = undefined;
    }
  });

  it('tells keep-alives from messages and reports the end of the connection once', async () => {
    const run = await readStream(3, 10);
    await run.control.waitFor(() => run.keepAlives() >= 3, 10_000, 'three keep-alives');
    expect(run.lines).toHaveLength(messages.length);
    run.control.dropStreams();
    await run.control.waitFor(() => run.closed.length > 0, 10_000, 'the end of the connection');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(run.closed).toHaveLength(1);
  });
});
