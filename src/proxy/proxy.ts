import type { Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { createSecureContext, type SecureContext } from 'node:tls';
import { getRequestListener } from '@hono/node-server';
import type { Logger } from '../core/log.js';
import { PROVIDER_HOSTS } from '../providers/hosts.js';
import type { App } from '../server/app.js';
import { loadOrCreateCa } from './ca.js';

/**
 * `serve --proxy`: hookyard is also an HTTPS proxy for the hosts it emulates, and only those. A `CONNECT
 * verify.twilio.com:443` is answered by terminating TLS here with a certificate from the local CA and handing
 * the requests to the same app; a `CONNECT` to any other host is refused (hookyard never opens a connection to
 * the internet). Returns the CA certificate's path, for `NODE_EXTRA_CA_CERTS` / `REQUESTS_CA_BUNDLE` / `SSL_CERT_FILE`.
 */
export async function enableProxy(server: Server, app: App, log: Logger, caDir?: string): Promise<string> {
  const ca = await loadOrCreateCa(caDir);
  const leaves = await Promise.all(Object.keys(PROVIDER_HOSTS).map(async (host) => [host, await ca.leaf(host)] as const));
  const contexts = new Map<string, SecureContext>(leaves.map(([host, leaf]) => [host, createSecureContext(leaf)]));
  // A client that sends no SNI gets the first host's certificate.
  const tls = createTlsServer({ ...leaves[0]![1], SNICallback: (name, done) => done(null, contexts.get(name.toLowerCase())) }, getRequestListener(app.fetch));
  tls.on('tlsClientError', (err) => log.debug(`proxy TLS: ${err.message}`));
  server.on('connect', (req, socket, head) => {
    // A client that hangs up (or resets after reading a refusal) must not take hookyard down with it.
    socket.on('error', (err) => log.debug(`proxy: ${err.message}`));
    const host = (req.url ?? '').replace(/:\d+$/, '').toLowerCase();
    if (!contexts.has(host)) {
      socket.end(`HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\nhookyard proxies only ${[...contexts.keys()].join(', ')}; it never connects to ${host}\n`);
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    tls.emit('connection', socket);
  });
  return ca.certPath;
}
