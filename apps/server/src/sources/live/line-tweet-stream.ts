// twitter-api-v2's stream connection with our own message framing: the library still builds,
// signs, sends and decompresses the request and types its errors; we cut the body into lines.
//
// Why replace the library's framing: TweetStream decodes every network chunk with
// `chunk.toString()`, which corrupts a multi-byte UTF-8 character split across two chunks
// (emoji, CJK and Arabic hashtags come out as U+FFFD), and it treats any chunk that is exactly
// "\r\n" as a keep-alive, so a message whose terminator arrives in a chunk of its own is glued to
// the next one and both are lost as a parse error. Splitting the raw bytes on "\n" first and
// decoding whole lines avoids both (0x0A never occurs inside a UTF-8 sequence), and hands us the
// exact text of each message for the recorder.
import { TweetStream } from 'twitter-api-v2';
import { HashpulseError } from '../../errors.js';

export interface LineHandlers {
  /** One complete message, without its line terminator. */
  line(text: string): void;
  /** An empty line: X's keep-alive. */
  keepAlive(): void;
  /** The connection ended or failed; called once, after which nothing more arrives. */
  closed(error: Error): void;
}

/** Refuses a single message larger than this rather than buffering without bound. */
const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

export class StreamMessageTooLargeError extends HashpulseError {
  override readonly name = 'StreamMessageTooLargeError';
  override readonly code = 'HP_ERR_SERVER_STREAM_MESSAGE_TOO_LARGE';
  constructor(bytes: number, limit: number) {
    super(
      `StreamMessageTooLargeError: the stream sent ${bytes} bytes without a line break (limit ${limit}); ` +
        'the connection is dropped and reopened',
    );
  }
}

export class LineTweetStream<T = unknown> extends TweetStream<T> {
  private handlers: LineHandlers | undefined;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private ended = false;
  private maxLineBytes = DEFAULT_MAX_LINE_BYTES;

  /**
   * Takes over the request of a stream the library prepared with `autoConnect: false`
   * (`client.v2.searchStream(...)`), so the query, authentication and agent are the library's.
   */
  static adopt<T>(
    prepared: TweetStream<T>,
    handlers: LineHandlers,
    maxLineBytes?: number,
  ): LineTweetStream<T> {
    // `requestData` is the library's protected hand-over to subclasses; `prepared` is only read.
    const stream = new LineTweetStream<T>((prepared as LineTweetStream<T>).requestData);
    stream.handlers = handlers;
    if (maxLineBytes !== undefined) stream.maxLineBytes = maxLineBytes;
    return stream;
  }

  /** Replaces the library's chunk handling (see the file comment); called on each connect. */
  protected override initEventsFromRequest(): void {
    const { req, res } = this;
    if (!req || !res)
      throw new Error('LineTweetStream: initEventsFromRequest needs a request and a response');
    this.pending = [];
    this.pendingBytes = 0;
    const end = (error: Error): void => this.end(error);
    req.on('error', end);
    res.on('error', end);
    res.on('close', () => end(new Error('the server closed the stream connection')));
    res.on('data', (chunk: Buffer | string) =>
      this.receive(typeof chunk === 'string' ? Buffer.from(chunk) : chunk),
    );
  }

  override close(): void {
    // Closing on purpose is not a failure: nothing is reported after this.
    this.ended = true;
    super.close();
  }

  private receive(chunk: Buffer): void {
    let start = 0;
    for (let newline = chunk.indexOf(0x0a); newline !== -1; newline = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, newline);
      start = newline + 1;
      const bytes = this.pending.length === 0 ? piece : Buffer.concat([...this.pending, piece]);
      this.pending = [];
      this.pendingBytes = 0;
      const length = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
      if (length === 0) this.handlers?.keepAlive();
      else this.handlers?.line(bytes.toString('utf8', 0, length));
      if (this.ended) return;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      this.pending.push(rest);
      this.pendingBytes += rest.length;
      if (this.pendingBytes > this.maxLineBytes)
        this.end(new StreamMessageTooLargeError(this.pendingBytes, this.maxLineBytes));
    }
  }

  private end(error: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.closeWithoutEmit();
    this.handlers?.closed(error);
  }
}
