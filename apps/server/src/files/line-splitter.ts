// Cuts a byte stream into lines, for recording files and the live X stream alike: splits the raw
// bytes on "\n" and decodes whole lines only (0x0A never occurs inside a UTF-8 sequence, so a
// character split across chunks comes out intact), drops a "\r" before the "\n", and skips a line
// longer than the limit in bounded memory instead of buffering it. It can also hand on blocks of
// whole lines as bytes, for a splitter in a decode thread to cut (pushBlock).
/** Lines longer than this are skipped (reported as oversized) rather than buffered. */
export const DEFAULT_MAX_LINE_BYTES = 16 * 2 ** 20;

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * How a line is handed on: as its text (UTF-8), or (`bytes`) as its bytes where the read chunk
 * holds them, for decodeLineBytes of @hashpulse/tweets, which parses them with no string of the
 * line made.
 */
export type LineEncoding = 'utf8' | 'bytes';

/**
 * Receives each line in order, without its terminator: its `text` (utf8), or (bytes) text '' and
 * the line in `bytes`[start, end), a view of the read chunk (a consumer that keeps a line keeps
 * its chunk). `oversized` (text '', bytes null): a line over the limit, whose bytes were dropped.
 * Returning false stops the current chunk: the rest of it is ignored (the consumer closed the
 * stream).
 */
export type LineCallback = (
  text: string,
  oversized: boolean,
  bytes: Buffer | null,
  start: number,
  end: number,
) => boolean | void;

/**
 * Whole lines as bytes, for another LineSplitter (in a decode thread) to cut: `parts` pushed in
 * order give the block's lines (a line held from earlier chunks may start in one part and end in
 * the next); every line ends with "\n" except a last line at the end of the input.
 * `oversizedFirst`: the block's first line went over the limit while it was held and its bytes
 * were dropped; `parts` start after it. No other Buffer views a part's memory, so a block can be
 * handed to a thread by transferring its parts' ArrayBuffers (blockTransferList) instead of copying.
 */
export interface LineBlock {
  parts: Buffer[];
  oversizedFirst: boolean;
}

/** The ArrayBuffers a block's parts live in, for postMessage's transfer list (each once). */
export function blockTransferList(block: LineBlock): ArrayBuffer[] {
  return [...new Set(block.parts.map((part) => part.buffer as ArrayBuffer))];
}

/**
 * Node's allocUnsafe (Buffer.from, Buffer.concat...) carves Buffers under 4 KiB out of a shared
 * pool: a chunk that small is copied into a block, never given away.
 */
const POOLED_BELOW = 4096;

/** The pieces joined into an ArrayBuffer of its own (never the shared pool), so it can be transferred. */
function ownCopy(...pieces: Buffer[]): Buffer {
  const copy = Buffer.allocUnsafeSlow(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let at = 0;
  for (const piece of pieces) at += piece.copy(copy, at);
  return copy;
}

export class LineSplitter {
  // Bytes of the current line not yet terminated: kept as chunk slices and joined once, so a line
  // spanning many chunks is not copied again for every chunk.
  private held: Buffer[] = [];
  private heldBytes = 0;
  /** The current line went over the limit: its bytes are dropped up to its end. */
  private skipping = false;

  constructor(
    readonly maxLineBytes: number = DEFAULT_MAX_LINE_BYTES,
    readonly encoding: LineEncoding = 'utf8',
  ) {}

  /** Whether an unterminated line is held (or being skipped). */
  get pending(): boolean {
    return this.heldBytes > 0 || this.skipping;
  }

  /** Feeds the next chunk; `line` runs for every line the chunk completes. */
  push(chunk: Buffer, line: LineCallback): void {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      // A line wholly inside the chunk is decoded straight from it: no Buffer view per line.
      const result =
        this.held.length === 0 && !this.skipping
          ? this.whole(chunk, start, end, line)
          : this.finish(chunk.subarray(start, end), line);
      start = end + 1;
      if (result === false) return;
    }
    this.hold(chunk.subarray(start));
  }

  /**
   * As push, but the chunk's whole lines come back as one block of bytes (a line held from earlier
   * chunks in front) instead of being decoded here; null when the chunk ends no line.
   *
   * `owned`: nothing else uses the chunk's memory (a file stream's chunk, not a slice of gunzip's
   * output buffer), so the block may keep it as it is and give it away; only the unterminated
   * rest is copied out to be held. Otherwise the block's bytes are copied, as one. Joining every
   * chunk behind its held line (Buffer.concat) took 4% of the main thread's profile replaying
   * 300 MiB of search pages with one decode thread, and posting the block copied it again (2%
   * more there, and as much on the thread receiving it).
   */
  pushBlock(chunk: Buffer, owned = false): LineBlock | null {
    const last = chunk.lastIndexOf(NEWLINE);
    // Held bytes of an owned chunk are copies: a held view could end up in a block given away.
    if (last === -1) {
      this.hold(owned ? ownCopy(chunk) : chunk);
      return null;
    }
    const keep = owned && chunk.length >= POOLED_BELOW;
    let head = chunk.subarray(0, last + 1);
    const oversizedFirst = this.skipping;
    if (oversizedFirst) head = head.subarray(head.indexOf(NEWLINE) + 1);
    const parts = keep ? [...this.held, head] : [ownCopy(...this.held, head)];
    this.reset();
    const rest = chunk.subarray(last + 1);
    this.hold(owned ? ownCopy(rest) : rest);
    return { parts: parts.filter((part) => part.length > 0), oversizedFirst };
  }

  /** As flush, for pushBlock: the unterminated rest as a last block, or null. */
  flushBlock(): LineBlock | null {
    if (!this.pending) return null;
    const block: LineBlock = this.skipping
      ? { parts: [], oversizedFirst: true }
      : { parts: [ownCopy(...this.held)], oversizedFirst: false };
    this.reset();
    return block;
  }

  /** The input ended (or failed): the unterminated rest, if any, is delivered as a last line. */
  flush(line: LineCallback): void {
    if (this.pending) this.finish(Buffer.alloc(0), line);
  }

  /** Forgets any unterminated line (a new connection starts clean). */
  reset(): void {
    this.held = [];
    this.heldBytes = 0;
    this.skipping = false;
  }

  /** Keeps the start of an unterminated line, or skips it once it is over the limit. */
  private hold(rest: Buffer): void {
    if (rest.length === 0 || this.skipping) return;
    this.held.push(rest);
    this.heldBytes += rest.length;
    if (this.heldBytes > this.maxLineBytes) {
      // Drop what we hold of this line and skip to its end: memory stays bounded.
      this.held = [];
      this.heldBytes = 0;
      this.skipping = true;
    }
  }

  private whole(chunk: Buffer, start: number, end: number, line: LineCallback): boolean | void {
    if (end > start && chunk[end - 1] === CARRIAGE_RETURN) end--;
    if (end - start > this.maxLineBytes) return line('', true, null, 0, 0);
    if (this.encoding === 'utf8') return line(chunk.toString('utf8', start, end), false, null, 0, 0);
    return line('', false, chunk, start, end);
  }

  private finish(tail: Buffer, line: LineCallback): boolean | void {
    if (this.skipping) {
      this.skipping = false;
      return line('', true, null, 0, 0);
    }
    let bytes = this.held.length === 0 ? tail : Buffer.concat([...this.held, tail]);
    this.held = [];
    this.heldBytes = 0;
    if (bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN)
      bytes = bytes.subarray(0, bytes.length - 1);
    if (bytes.length > this.maxLineBytes) return line('', true, null, 0, 0);
    if (this.encoding === 'utf8') return line(bytes.toString('utf8'), false, null, 0, 0);
    return line('', false, bytes, 0, bytes.length);
  }
}
