import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  /** The absolute URL as the receiver saw it (what a validator must be given). */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** TCP connections accepted so far, and the most open at once. */
  connections: { total: number; peak: number };
  /** Resolves once `n` requests in total have arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<Received[]>;
  /** How the next requests are answered: a status, or misbehaving (never answering, resetting the connection). */
  respondWith(status: number | 'hang' | 'reset', body?: string): void;
  close(): Promise<void>;
}

/** A real HTTP server on loopback that records every request it gets. */
export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  let status: number | 'hang' | 'reset' = 200;
  const hanging = new Set<import('node:http').ServerResponse>();
  let replyBody = '';
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { port } = server.address() as AddressInfo;
      received.push({ method: req.method!, url: `http://127.0.0.1:${port}${req.url}`, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      for (const w of waiters.filter((w) => received.length >= w.n)) w.resolve();
      if (status === 'hang') return void hanging.add(res);
      if (status === 'reset') return void req.socket.destroy();
      res.writeHead(status, { 'content-type': 'text/plain' }).end(replyBody);
    });
  });
  const connections = { total: 0, peak: 0 };
  let open = 0;
  server.on('connection', (socket) => {
    connections.total++;
    connections.peak = Math.max(connections.peak, ++open);
    socket.on('close', () => open--);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    connections,
    waitFor(n, timeoutMs = 5000) {
      if (received.length >= n) return Promise.resolve(received.slice());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`receiver got ${received.length} of ${n} requests`)), timeoutMs);
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve(received.slice())) });
      });
    },
    respondWith(s, b = '') {
      status = s;
      replyBody = b;
    },
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/** A form body as the `params` object `twilio.validateRequest` expects (repeated keys → arrays). */
export function formParams(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}
