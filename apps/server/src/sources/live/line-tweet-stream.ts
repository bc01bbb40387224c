// twitter-api-v2's stream connection with our own message framing: the library still builds,
// signs, sends and decompresses the request and types its errors; we cut the body into lines.
//
// Why replace the library's framing: TweetStream decodes every network chunk with
// `chunk.toString()`, which corrupts a multi-byte UTF-8 character split across two chunks
// (emoji, CJK and Arabic hashtags come out as U+FFFD), and it treats any chunk that is exactly
// "\r\n" as a keep-alive, so a message whose terminator arrives in a chunk of its own is glued to
// the next one and both are lost as a parse error. The shared LineSplitter (the one recording
// files are read with) splits the raw bytes on "\n" first and decodes whole lines, which avoids
// both, skips an oversized message in bounded memory, and hands us the exact text of each message
// for the recorder.
import { TweetStream } from 'twitter-api-v2';
import { LineSplitter } from '../../files/index.js';

export interface LineHandlers {
  /** One complete message, without its line terminator. */
  line(text: string): void;
  /** An empty line: X's keep-alive. */
  keepAlive(): void;
  /** A message over the size limit: its bytes were skipped and the connection goes on. */
  oversized(): void;
  /** The connection ended or failed; called once, after which nothing more arrives. */
  closed(error: Error): void;
}

export class LineTweetStream<T = unknown> extends TweetStream<T> {
  private handlers: LineHandlers | undefined;
  private splitter = new LineSplitter();
  private ended = false;

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
    if (maxLineBytes !== undefined) stream.splitter = new LineSplitter(maxLineBytes);
    return stream;
  }

  /** Replaces the library's chunk handling (see the file comment); called on each connect. */
  protected override initEventsFromRequest(): void {
    const { req, res } = this;
    if (!req || !res)
      throw new Error('LineTweetStream: initEventsFromRequest needs a request and a response');
    this.splitter.reset();
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
    this.splitter.push(chunk, (text, oversized) => {
      if (oversized) this.handlers?.oversized();
      else if (text === '') this.handlers?.keepAlive();
      else this.handlers?.line(text);
      return !this.ended;
    });
  }

  private end(error: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.closeWithoutEmit();
    this.handlers?.closed(error);
  }
}
