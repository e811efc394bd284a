import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, type HttpResult } from '../../src/delivery/http-client.js';

/** Answers by path: each case a way a receiver may answer. */
const answers: Record<string, (res: ServerResponse) => void> = {
  '/ok': (res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'),
  '/empty': (res) => res.writeHead(204).end(),
  '/big': (res) => res.writeHead(200).end('é'.repeat(6000) + 'x'.repeat(5000)),
  '/bom': (res) => res.writeHead(200).end(Buffer.from([0xef, 0xbb, 0xbf, 0x68, 0x69])),
  '/only-bom': (res) => res.writeHead(200).end(Buffer.from([0xef, 0xbb, 0xbf])),
  '/repeated': (res) => res.writeHead(500, [['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2'], ['X-Thing', 'y']]).end('no'),
  '/early-hints': (res) => {
    res.writeEarlyHints({ link: '</style.css>; rel=preload' });
    res.writeHead(201, { 'x-after': 'hints' }).end('made');
  },
  '/chunked': (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"a":');
    setImmediate(() => res.end('1}'));
  },
  '/stall-body': (res) => {
    res.writeHead(200, { 'content-length': '10' });
    res.write('half');
  },
  '/query?x=1&y=%20': (res) => res.writeHead(200).end('query'),
};

describe('send: what a delivery attempt records of the answer', () => {
  let base: string;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => (answers[req.url!] ?? ((r: ServerResponse) => r.writeHead(404).end('?')))(res));
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** What the attempt recorded when it was sent with undici.request(): the reference. */
  async function viaRequest(url: string): Promise<HttpResult> {
    const res = await request(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'b' });
    const text = await res.body.text();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    return { status: res.statusCode, headers, body: text.slice(0, 8 * 1024), outcome: res.statusCode >= 200 && res.statusCode < 300 ? 'delivered' : 'http_error' };
  }

  it('records exactly what undici.request() gives: status, headers (repeated ones joined), body (BOM skipped, capped at 8 KiB)', async () => {
    for (const path of ['/ok', '/empty', '/big', '/bom', '/only-bom', '/repeated', '/early-hints', '/chunked', '/query?x=1&y=%20', '/missing']) {
      const got = await send({ url: base + path, method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'b' }, 15_000);
      const want = await viaRequest(base + path);
      const { date: _a, ...gotHeaders } = got.headers!;
      const { date: _b, ...wantHeaders } = want.headers!;
      expect({ path, ...got, headers: gotHeaders }).toEqual({ path, ...want, headers: wantHeaders });
    }
    const big = await send({ url: `${base}/big`, method: 'POST', headers: {}, body: '' }, 15_000);
    expect(big.body).toHaveLength(8 * 1024);
    expect((await send({ url: `${base}/repeated`, method: 'POST', headers: {}, body: '' }, 15_000)).headers!['set-cookie']).toBe('a=1, b=2');
    expect((await send({ url: `${base}/bom`, method: 'POST', headers: {}, body: '' }, 15_000)).body).toBe('hi');
  });

  it('times out a body that stops half-way within a short read timeout, and names a refused connection', async () => {
    expect(await send({ url: `${base}/stall-body`, method: 'POST', headers: {}, body: '' }, 200)).toEqual({ outcome: 'timeout', error: 'no response within 200 ms' });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await send({ url: `http://127.0.0.1:${port}/x`, method: 'POST', headers: {}, body: '' }, 15_000)).toEqual({ outcome: 'network_error', error: 'ECONNREFUSED' });
  });
});
