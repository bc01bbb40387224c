import { describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { LineSplitter, blockTransferList } from './line-splitter.js';

type Line = [text: string, oversized: boolean];

/** Feeds `input` in pieces of `size` bytes, then ends it; returns every line delivered. */
function split(input: Buffer, size: number, maxLineBytes?: number): Line[] {
  const splitter = new LineSplitter(maxLineBytes);
  const lines: Line[] = [];
  const collect = (text: string, oversized: boolean) => void lines.push([text, oversized]);
  for (let start = 0; start < input.length; start += size) {
    splitter.push(input.subarray(start, start + size), collect);
  }
  splitter.flush(collect);
  return lines;
}

/** As split, but through pushBlock: each block is cut again by a splitter of its own (as a decode thread does). */
function splitBlocks(input: Buffer, size: number, maxLineBytes?: number): Line[] {
  const splitter = new LineSplitter(maxLineBytes);
  const lines: Line[] = [];
  const cut = (block: ReturnType<LineSplitter['pushBlock']>) => {
    if (block === null) return;
    const collect = (text: string, oversized: boolean) => void lines.push([text, oversized]);
    if (block.oversizedFirst) collect('', true);
    const again = new LineSplitter(maxLineBytes);
    for (const part of block.parts) again.push(part, collect);
    again.flush(collect);
  };
  for (let start = 0; start < input.length; start += size)
    cut(splitter.pushBlock(input.subarray(start, start + size)));
  cut(splitter.flushBlock());
  return lines;
}

/** A block's bytes as text. */
function text(block: ReturnType<LineSplitter['pushBlock']>): string | undefined {
  return block === null ? undefined : Buffer.concat(block.parts).toString();
}

/** Moves the ArrayBuffers to another thread's side (detaching them here), as a decode pool does. */
function giveAway(buffers: ArrayBuffer[]): void {
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(null, buffers);
  port1.close();
  port2.close();
}

describe('line splitter', () => {
  it('hands on blocks of whole lines that, cut again, give the lines push gives, for any chunking', () => {
    const long = 'x'.repeat(40);
    const text = `Καλημέρα #東京 😀\r\nsecond\n\n${long}\nshort\n${long}${long}\nlast without newline`;
    const input = Buffer.from(text);
    for (const limit of [undefined, 50]) {
      const expected = split(input, input.length, limit);
      // The 40-byte line fits a 50-byte limit, the 80-byte one does not, whether held or whole.
      if (limit === 50) expect(expected.filter(([, oversized]) => oversized)).toHaveLength(1);
      for (let size = 1; size <= input.length; size++)
        expect(splitBlocks(input, size, limit)).toEqual(expected);
    }
  });

  it('gives blocks of owned chunks away without copying, and loses no line when their memory moves', () => {
    const lines = Array.from(
      { length: 3000 },
      (_, i) => `{"n":${i},"text":"Καλημέρα ${'x'.repeat(i % 700)}"}`,
    );
    const input = Buffer.from(lines.join('\n') + '\n');
    for (const size of [4096, 65_536, 300_001]) {
      const splitter = new LineSplitter();
      const got: string[] = [];
      let kept = 0;
      const cut = (block: ReturnType<LineSplitter['pushBlock']>) => {
        if (block === null) return;
        // Cut on "another thread": a copy of the parts, then the originals are detached.
        const copies = block.parts.map((part) => Buffer.from(part));
        giveAway(blockTransferList(block));
        expect(block.parts.every((part) => part.length === 0)).toBe(true);
        const again = new LineSplitter();
        for (const part of copies) again.push(part, (line) => void got.push(line));
        again.flush((line) => void got.push(line));
      };
      for (let start = 0; start < input.length; start += size) {
        // Each chunk in memory of its own, as a file stream reads it.
        const chunk = Buffer.allocUnsafeSlow(Math.min(size, input.length - start));
        input.copy(chunk, 0, start, start + chunk.length);
        const block = splitter.pushBlock(chunk, true);
        // The chunk's whole lines stay in its own memory (no copy of them), the rest is held apart.
        if (block !== null && block.parts.at(-1)!.buffer === chunk.buffer) kept++;
        cut(block);
      }
      cut(splitter.flushBlock());
      expect(got).toEqual(lines);
      expect(kept).toBeGreaterThan(0);
    }
  });

  it('copies a chunk it does not own (a slice of gunzip output) into the block', () => {
    const shared = Buffer.allocUnsafeSlow(64);
    shared.write('first\nsecond\nthi');
    const splitter = new LineSplitter();
    const block = splitter.pushBlock(shared.subarray(0, 16), false)!;
    expect(block.parts.every((part) => part.buffer !== shared.buffer)).toBe(true);
    expect(text(block)).toBe('first\nsecond\n');
    // Gunzip reuses the rest of its buffer for the next output: the block is unaffected.
    shared.fill(0x41);
    expect(text(block)).toBe('first\nsecond\n');
  });

  it('gives no block for a chunk that ends no line, and the rest as a last block', () => {
    const splitter = new LineSplitter();
    expect(splitter.pushBlock(Buffer.from('no newline yet'))).toBeNull();
    expect(text(splitter.pushBlock(Buffer.from(' still\nnext')))).toBe('no newline yet still\n');
    expect(text(splitter.flushBlock())).toBe('next');
    expect(splitter.flushBlock()).toBeNull();
  });

  it('gives the same lines however the bytes are chunked, multi-byte characters and CRLF included', () => {
    const text = 'Καλημέρα #東京 😀\r\nsecond\n\nlast without newline';
    const expected: Line[] = [
      ['Καλημέρα #東京 😀', false],
      ['second', false],
      ['', false],
      ['last without newline', false],
    ];
    for (const size of [1, 2, 3, 5, 1000]) expect(split(Buffer.from(text), size)).toEqual(expected);
  });

  it('gives each line as its bytes where the chunk holds them, in bytes, however the bytes are chunked', () => {
    const input = Buffer.concat([
      Buffer.from('Καλημέρα #東京 😀\r\nsecond\n\n'),
      Buffer.from([0x62, 0x61, 0x64, 0x20, 0xff, 0x20, 0x62, 0x79, 0x74, 0x65]),
    ]);
    const lines = [
      Buffer.from('Καλημέρα #東京 😀'),
      Buffer.from('second'),
      Buffer.alloc(0),
      input.subarray(-10),
    ];
    for (const size of [1, 2, 3, 5, 1000]) {
      const splitter = new LineSplitter(undefined, 'bytes');
      const got: Array<[string, Buffer | null]> = [];
      const collect = (text: string, _oversized: boolean, bytes: Buffer | null, start: number, end: number) =>
        void got.push([text, bytes === null ? null : Buffer.from(bytes.subarray(start, end))]);
      for (let start = 0; start < input.length; start += size)
        splitter.push(input.subarray(start, start + size), collect);
      splitter.flush(collect);
      // Each line's bytes come back, with no text (ASCII ones too).
      expect(got).toEqual([
        ['', lines[0]],
        ['', lines[1]],
        ['', lines[2]],
        ['', lines[3]],
      ]);
    }
  });

  it('skips a line over the limit in bounded memory, whether it spans chunks or fits in one', () => {
    const input = Buffer.from(`first\n${'x'.repeat(5000)}\nlast\n`);
    for (const size of [64, 10_000]) {
      expect(split(input, size, 1000)).toEqual([
        ['first', false],
        ['', true],
        ['last', false],
      ]);
    }
    // An unterminated oversized tail still counts as one (oversized) line.
    expect(split(Buffer.from(`a\n${'y'.repeat(3000)}`), 100, 1000)).toEqual([
      ['a', false],
      ['', true],
    ]);
  });

  it('stops the chunk when the consumer says so, and forgets a held line on reset', () => {
    const splitter = new LineSplitter();
    const lines: string[] = [];
    splitter.push(Buffer.from('a\nb\nc\npartial'), (text) => {
      lines.push(text);
      return text !== 'b';
    });
    expect(lines).toEqual(['a', 'b']);
    expect(splitter.pending).toBe(false);
    splitter.push(Buffer.from('held'), (text) => void lines.push(text));
    expect(splitter.pending).toBe(true);
    splitter.reset();
    splitter.push(Buffer.from('fresh\n'), (text) => void lines.push(text));
    expect(lines).toEqual(['a', 'b', 'fresh']);
  });
});
