import { createAdaptorServer } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { App } from './app.js';

export interface Listening {
  url: string;
  port: number;
  /** The node server itself (the TLS proxy hooks its CONNECT requests). */
  server: import('node:http').Server;
  close(): Promise<void>;
}

/** The one readable line for a listen failure (port taken, bad host). */
export class ListenError extends Error {
  override name = 'ListenError';
}

/** Listens on host:port (0 = any free port) and resolves once the socket is bound. */
export function listen(app: App, options: { port: number; host: string }): Promise<Listening> {
  const server = createAdaptorServer({ fetch: app.fetch }) as import('node:http').Server;
  // A client that never finishes its headers or its request cannot hold a socket forever.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const why =
        err.code === 'EADDRINUSE'
          ? `port ${options.port} is already in use on ${options.host}; pass --port 0 for any free port`
          : `cannot listen on ${options.host}:${options.port} (${err.code ?? err.message})`;
      reject(new ListenError(why));
    });
    server.listen(options.port, options.host, () => {
      const { port } = server.address() as AddressInfo;
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({
        url: `http://${host}:${port}`,
        port,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
  });
}
