// The HTTPS agent of the stream connection: it knows every socket it opened, so the source can
// destroy them and wait until they are really closed before it connects again.
import https from 'node:https';
import type { RequestOptions } from 'node:https';
import type { Duplex } from 'node:stream';

export class StreamAgent extends https.Agent {
  private readonly open = new Set<Duplex>();

  constructor(options: https.AgentOptions = {}) {
    // No keep-alive: a stream socket is never reused, and an idle pooled socket would count as
    // a connection we still hold.
    super({ ...options, keepAlive: false });
  }

  override createConnection(
    options: RequestOptions,
    callback?: (error: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    if (socket) {
      this.open.add(socket);
      socket.once('close', () => this.open.delete(socket));
    }
    return socket;
  }

  /** Sockets opened and not yet closed. */
  get openSockets(): number {
    return this.open.size;
  }

  /** Destroys every socket and resolves once each one has emitted 'close'. */
  async closeAll(): Promise<void> {
    const closing = [...this.open].map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (socket.closed) return resolve();
          socket.once('close', () => resolve());
          socket.destroy();
        }),
    );
    await Promise.all(closing);
  }
}
