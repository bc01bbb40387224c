// An HTTP proxy in front of a server that refuses every WebSocket upgrade, as some corporate
// proxies do: plain requests pass through unchanged, upgrade requests have their socket closed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface NoUpgradeProxy {
  url: string;
  /** Upgrade requests refused so far. */
  refused(): number;
  close(): Promise<void>;
}

export async function startNoUpgradeProxy(target: string): Promise<NoUpgradeProxy> {
  const upstream = new URL(target);
  let refused = 0;
  const server = http.createServer((request, response) => {
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
        // One connection per request, ended with it: nothing of the proxy outlives a closed page.
        agent: false,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forward.on('error', () => response.destroy());
    // A page that went away leaves no long-poll pending upstream (the server would wait for it).
    response.on('close', () => forward.destroy());
    request.pipe(forward);
  });
  server.on('upgrade', (_request, socket) => {
    refused++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    refused: () => refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
