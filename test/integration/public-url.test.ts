import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHookyard, type Hookyard } from '../../src/index.js';
import { runCli, waitForLines } from '../helpers/cli.js';
import { sdk } from '../helpers/twilio.js';

const PUBLIC = 'https://abc.ngrok.app';

/**
 * An Express app behind a tunnel: it validates every webhook with `twilio.webhook()` configured for its
 * public host, as such an app must, and answers 403 to anything not signed for that URL.
 */
async function startTunnelledApp(authToken: string) {
  const app = express();
  const received: { path: string; body: unknown }[] = [];
  const guard = twilio.webhook(authToken, { host: new URL(PUBLIC).host, protocol: 'https' });
  app.use(express.urlencoded({ extended: false }));
  // Event Streams signs over bodySHA256: twilio.webhook() then reads the raw body.
  app.use(express.json({ verify: (req, _res, buf) => void ((req as unknown as { rawBody: string }).rawBody = buf.toString('utf8')) }));
  app.post('/{*path}', guard, (req, res) => {
    received.push({ path: req.path, body: req.body as unknown });
    res.sendStatus(204);
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('--public-url: signing for the URL the app believes it has', () => {
  let hook: Hookyard;
  let tunnelled: Awaited<ReturnType<typeof startTunnelledApp>>;
  beforeAll(async () => {
    tunnelled = await startTunnelledApp('hookyard_auth_token');
    hook = await createHookyard({ seed: 'public-url', publicUrls: { [tunnelled.origin]: PUBLIC } });
  });
  afterAll(async () => {
    await hook.close();
    await tunnelled.close();
  });

  it('sends Verify webhooks to the local URL, signed over the public one, which twilio.webhook() accepts', async () => {
    const client = sdk(hook);
    const service = await client.verify.v2.services.create({ friendlyName: 'Tunnel' });
    await client.verify.v2.services(service.sid).webhooks.create({ friendlyName: 'w', eventTypes: ['*'], webhookUrl: `${tunnelled.origin}/twilio/verify` });
    const { deliveries } = await hook.emit({ type: 'factor.created', serviceSid: service.sid, wait: true });
    expect(deliveries.map((d) => d.outcome)).toEqual(['delivered']);
    const [record] = hook.deliveries({ type: 'factor.created' });
    expect(record!.request).toMatchObject({ url: `${tunnelled.origin}/twilio/verify`, signedUrl: `${PUBLIC}/twilio/verify` });
    expect(tunnelled.received.at(-1)).toMatchObject({ path: '/twilio/verify', body: { type: 'factor.created', service_sid: service.sid } });

    // The same webhook, the rule taken away: the app refuses the signature — the check can fail.
    const put = (publicUrls: unknown) => fetch(`${hook.url}/_hookyard/public-urls`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(publicUrls) });
    expect(await (await put({})).json()).toEqual({ publicUrls: {} });
    const refused = await hook.emit({ type: 'factor.created', serviceSid: service.sid, wait: true });
    expect(refused.deliveries.map((d) => [d.outcome, d.attempts.at(-1)?.response?.status])).toEqual([['http_error', 403]]);
    expect(await (await put({ [tunnelled.origin]: PUBLIC })).json()).toEqual({ publicUrls: { [tunnelled.origin]: PUBLIC } });
    expect((await put({ [tunnelled.origin]: 'ftp://x' })).status).toBe(400);
    expect((await put(['nope'])).status).toBe(400);
  });

  it('sends a webhook registered with the public URL to the local one (offline: the tunnel is never used)', async () => {
    const client = sdk(hook);
    const service = await client.sync.v1.services.create({ friendlyName: 'Tunnel', webhookUrl: `${PUBLIC}/sync?x=1`, webhooksFromRestEnabled: true });
    await client.sync.v1.services(service.sid).documents.create({ uniqueName: 'doc', data: { a: 1 } });
    const delivery = await hook.waitForDelivery({ type: 'document_created', outcome: 'delivered' });
    expect(delivery.request).toMatchObject({ url: `${tunnelled.origin}/sync?x=1`, signedUrl: `${PUBLIC}/sync?x=1` });
  });

  it('signs Event Streams CloudEvents over the public URL with bodySHA256, through the Test/Validate handshake', async () => {
    const client = sdk(hook);
    const sink = await client.events.v1.sinks.create({ description: 'tunnel', sinkType: 'webhook', sinkConfiguration: { destination: `${tunnelled.origin}/events`, method: 'POST', batch_events: false } });
    await client.events.v1.sinks(sink.sid).sinkTest.create();
    const test = await hook.waitForDelivery({ target: sink.sid, outcome: 'delivered' });
    expect(test.request.signedUrl).toMatch(new RegExp(`^${PUBLIC}/events\\?bodySHA256=[0-9a-f]{64}$`));
    const [event] = tunnelled.received.at(-1)!.body as { data: { test_id: string } }[];
    expect((await client.events.v1.sinks(sink.sid).sinkValidate.create({ testId: event!.data.test_id })).result).toBe('valid');
  });

  it('is refused at start when a rule is not two http(s) origins', async () => {
    await expect(createHookyard({ publicUrls: { 'http://127.0.0.1:3000': 'abc.ngrok.app' } })).rejects.toThrow(/createHookyard: public URL rule .* must be an http\(s\) origin/);
    const cli = runCli(['serve', '--port', '0', '--public-url', 'http://127.0.0.1:3000']);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toMatch(/--public-url.*must be <local-origin>=<public-origin>/);
    const ok = runCli(['serve', '--port', '0', '--public-url', `${tunnelled.origin}=${PUBLIC}`]);
    try {
      const banner = (await waitForLines(ok, 16)).join('\n');
      expect(banner).toContain(`Public URL           ${tunnelled.origin} is signed as ${PUBLIC}`);
    } finally {
      ok.child.kill('SIGTERM');
      await ok.exited;
    }
  });
});
