import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter.js';

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
    again.push(block.bytes, collect);
    again.flush(collect);
  };
  for (let start = 0; start < input.length; start += size)
    cut(splitter.pushBlock(input.subarray(start, start + size)));
  cut(splitter.flushBlock());
  return lines;
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

  it('gives no block for a chunk that ends no line, and the rest as a last block', () => {
    const splitter = new LineSplitter();
    expect(splitter.pushBlock(Buffer.from('no newline yet'))).toBeNull();
    expect(splitter.pushBlock(Buffer.from(' still\nnext'))?.bytes.toString()).toBe('no newline yet still\n');
    expect(splitter.flushBlock()?.bytes.toString()).toBe('next');
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
