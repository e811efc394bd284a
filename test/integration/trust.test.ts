import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createHookyard, type Hookyard } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';
import { startReceiver } from '../helpers/receiver.js';

/** A Verify Service with a `*` webhook per URL, made through the API as a user would. */
async function serviceWithWebhooks(hook: Hookyard, urls: string[]): Promise<string> {
  const headers = { authorization: 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64'), 'content-type': 'application/x-www-form-urlencoded' };
  const s = (await (await fetch(`${hook.url}/v2/Services`, { method: 'POST', headers, body: 'FriendlyName=trust' })).json()) as { sid: string };
  for (const [i, url] of urls.entries()) await fetch(`${hook.url}/v2/Services/${s.sid}/Webhooks`, { method: 'POST', headers, body: `FriendlyName=w${i}&EventTypes=*&WebhookUrl=${encodeURIComponent(url)}` });
  return s.sid;
}

const json = (body: unknown) => ({ method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('trust: numeric input is range-checked, and nothing on the delivery path can crash the process', () => {
  it('refuses chaos values out of range with 400 naming the field, over HTTP and on the command line', async () => {
    const hook = await createHookyard();
    try {
      const cases: [unknown, string][] = [
        [{ reorderWindowMs: 1e300 }, 'reorderWindowMs'],
        [{ latencyMs: { min: 0, max: 1e300 } }, 'latencyMs.max'],
        [{ latencyMs: { min: 0.5, max: -1e300 } }, 'latencyMs.max'],
        [{ latencyMs: { min: 10, max: 5 } }, 'latencyMs.max'],
        [{ duplicate: 2 }, 'duplicate'],
        [{ dropFirst: '0.5' }, 'dropFirst'],
        [{ reorderWindowMs: Number.NaN }, 'reorderWindowMs'],
        [{ explode: 1 }, 'explode'],
        [[1, 2], 'body'],
      ];
      for (const [body, field] of cases) {
        const res = await fetch(`${hook.url}/_hookyard/chaos`, json(body));
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(await res.json()).toMatchObject({ error: { kind: 'invalid_param', param: field } });
      }
      expect(await (await fetch(`${hook.url}/_hookyard/chaos`)).json()).toEqual({ chaos: null });
      const ok = await fetch(`${hook.url}/_hookyard/chaos`, json({ reorderWindowMs: 3_600_000, latencyMs: { min: 0, max: 10 } }));
      expect(ok.status).toBe(200);
    } finally {
      await hook.close();
    }
    for (const spec of ['latency=0-1e300', 'reorder=1e300', 'duplicate=2', 'latency=5-1']) {
      const r = runCli(['serve', '--port', '0', '--chaos', spec]);
      expect(await r.exited, spec).not.toBe(0);
      expect(r.stderr().trim().split('\n'), spec).toHaveLength(1);
      expect(r.stderr()).toMatch(/--chaos/);
    }
  });

  it('a delivery that fails inside hookyard is a journaled failure, not an unhandled rejection', async () => {
    const receiver = await startReceiver();
    const hook = await createHookyard({ seed: 'crash' });
    try {
      const s = (await (await hook.app.fetch(new Request('http://localhost/v2/Services', { method: 'POST', headers: { authorization: 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64'), 'content-type': 'application/x-www-form-urlencoded' }, body: 'FriendlyName=x' }))).json()) as { sid: string };
      await hook.app.fetch(new Request(`http://localhost/v2/Services/${s.sid}/Webhooks`, { method: 'POST', headers: { authorization: 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64'), 'content-type': 'application/x-www-form-urlencoded' }, body: `FriendlyName=w&EventTypes=*&WebhookUrl=${encodeURIComponent(receiver.url)}` }));
      // What validation now keeps out, forced in underneath it: a hold that makes an invalid Date.
      hook.ctx.delivery.chaos!.set({ reorderWindowMs: 1e300 });
      const { deliveries } = await hook.emit({ type: 'factor.created', serviceSid: s.sid, wait: true });
      expect(deliveries[0]).toMatchObject({ outcome: 'network_error', nextAttemptAt: null });
      hook.ctx.delivery.chaos!.set(undefined);
      expect((await hook.emit({ type: 'factor.created', serviceSid: s.sid, wait: true })).deliveries[0]!.outcome).toBe('delivered');
    } finally {
      await hook.close();
      await receiver.close();
    }
  });
});

describe('trust: an update racing a DELETE of the same resource answers that resource\'s 404', () => {
  /** Starts a request whose body is held back, runs `meanwhile`, then finishes the body: the slow half of a race. */
  function slowRequest(url: string, method: string, headers: Record<string, string>, body: string, meanwhile: () => Promise<void>): Promise<{ status: number; json: Record<string, unknown> }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(url, { method, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) as Record<string, unknown> }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 1));
      // Give the server time to route the request and start reading the body before the DELETE.
      setTimeout(() => void meanwhile().then(() => req.end(body.slice(1)), reject), 50);
    });
  }

  it('Verify services and webhooks, Sync documents, sinks and Sinch webhooks (PUT and PATCH)', async () => {
    const hook = await createHookyard({ seed: 'race' });
    const basic = { authorization: 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64') };
    const form = { ...basic, 'content-type': 'application/x-www-form-urlencoded' };
    const post = async (path: string, body: string) => (await (await fetch(hook.url + path, { method: 'POST', headers: form, body })).json()) as { sid: string; id?: string };
    const del = (path: string, headers: Record<string, string> = basic) => async () => void expect((await fetch(hook.url + path, { method: 'DELETE', headers })).status).toBe(204);
    try {
      const va = (await post('/v2/Services', 'FriendlyName=a')).sid;
      const yw = (await post(`/v2/Services/${va}/Webhooks`, 'FriendlyName=w&EventTypes=*&WebhookUrl=http://127.0.0.1:9/')).sid;
      const webhook = await slowRequest(`${hook.url}/v2/Services/${va}/Webhooks/${yw}`, 'POST', form, 'FriendlyName=renamed', del(`/v2/Services/${va}/Webhooks/${yw}`));
      expect(webhook).toMatchObject({ status: 404, json: { code: 20404, status: 404 } });
      const service = await slowRequest(`${hook.url}/v2/Services/${va}`, 'POST', form, 'FriendlyName=renamed', del(`/v2/Services/${va}`));
      expect(service).toMatchObject({ status: 404, json: { code: 20404 } });

      const is = (await post('/v1/Services', 'FriendlyName=s')).sid;
      const et = (await post(`/v1/Services/${is}/Documents`, 'Data=%7B%7D')).sid;
      expect(await slowRequest(`${hook.url}/v1/Services/${is}/Documents/${et}`, 'POST', form, 'Data=%7B%22a%22%3A1%7D', del(`/v1/Services/${is}/Documents/${et}`))).toMatchObject({ status: 404, json: { code: 54100 } });

      const dg = (await post('/v1/Sinks', `Description=d&SinkType=webhook&SinkConfiguration=${encodeURIComponent(JSON.stringify({ destination: 'http://127.0.0.1:9/', method: 'POST', batch_events: false }))}`)).sid;
      expect(await slowRequest(`${hook.url}/v1/Sinks/${dg}`, 'POST', form, 'Description=renamed', del(`/v1/Sinks/${dg}`))).toMatchObject({ status: 404, json: { code: 20404 } });

      const sinch = { authorization: 'Basic ' + Buffer.from(`${hook.sinch.keyId}:${hook.sinch.keySecret}`).toString('base64'), 'content-type': 'application/json' };
      const hooks = `/v1/projects/${hook.sinch.projectId}/webhooks`;
      for (const method of ['PUT', 'PATCH']) {
        const created = (await (await fetch(hook.url + hooks, { method: 'POST', headers: sinch, body: JSON.stringify({ target: `http://127.0.0.1:9/${method}`, secret: 's', triggers: ['ALL'] }) })).json()) as { id: string };
        const r = await slowRequest(`${hook.url}${hooks}/${created.id}`, method, sinch, JSON.stringify({ target: `http://127.0.0.1:9/${method}2`, secret: 's', triggers: ['ALL'] }), del(`${hooks}/${created.id}`, sinch));
        expect(r, method).toMatchObject({ status: 404, json: { errorCode: 'webhook_not_found' } });
      }
    } finally {
      await hook.close();
    }
  });
});

describe('trust: no web page can drive hookyard — Host, Origin and content-type rules, optional admin token', () => {
  /** node:http, which (unlike fetch) lets a test set Host and Origin. */
  function raw(url: string, method: string, headers: Record<string, string>, body?: string | Buffer): Promise<{ status: number; json: Record<string, any> }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(url, { method, headers }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, json: text ? (JSON.parse(text) as Record<string, any>) : {} }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('answers only known Hosts: localhost, IPs, the bound host, provider hosts and --allowed-host; others get 403 in the path owner\'s shape', async () => {
    const hook = await createHookyard({ allowedHosts: ['my-laptop.local', '.example.test'] });
    const auth = { authorization: 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64') };
    try {
      for (const host of ['localhost', `localhost:${hook.port}`, 'app.localhost', '127.0.0.1', '[::1]:7373', '10.1.2.3', 'verify.twilio.com', 'my-laptop.local', 'api.example.test', 'example.test']) {
        expect((await raw(`${hook.url}/v2/Services`, 'GET', { ...auth, host })).status, host).toBe(200);
      }
      const twilioShape = await raw(`${hook.url}/v2/Services`, 'GET', { ...auth, host: 'attacker.example' });
      expect(twilioShape).toMatchObject({ status: 403, json: { code: 20403, status: 403, message: expect.stringContaining('--allowed-host attacker.example') } });
      expect(await raw(`${hook.url}/_hookyard/health`, 'GET', { host: 'rebind.attacker.example:7373' })).toMatchObject({ status: 403, json: { error: { kind: 'forbidden' } } });
      expect(await raw(`${hook.url}/v1/projects/${hook.sinch.projectId}/webhooks`, 'GET', { host: 'evil.example' })).toMatchObject({ status: 403, json: { errorCode: 'forbidden' } });
    } finally {
      await hook.close();
    }
  });

  it('refuses cross-site admin writes (text/plain, forms, foreign Origin) and keeps the store; same-origin and header-less JSON work', async () => {
    const hook = await createHookyard();
    const auth = { authorization: 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64') };
    try {
      await raw(`${hook.url}/v2/Services`, 'POST', { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, 'FriendlyName=keep');
      const count = async () => ((await raw(`${hook.url}/v2/Services`, 'GET', auth)).json['services'] as unknown[]).length;
      const crossSite = { origin: 'https://evil.example' };
      expect(await raw(`${hook.url}/_hookyard/reset`, 'POST', { ...crossSite, 'content-type': 'text/plain' }, 'x')).toMatchObject({ status: 403, json: { error: { kind: 'forbidden' } } });
      expect(await raw(`${hook.url}/_hookyard/reset`, 'POST', { 'content-type': 'text/plain' }, 'x')).toMatchObject({ status: 415, json: { error: { kind: 'unsupported_media' } } });
      expect(await raw(`${hook.url}/_hookyard/reset`, 'POST', crossSite)).toMatchObject({ status: 403 });
      expect((await raw(`${hook.url}/_hookyard/events`, 'POST', { 'content-type': 'application/x-www-form-urlencoded' }, 'type=factor.created')).status).toBe(415);
      expect((await raw(`${hook.url}/_hookyard/chaos`, 'PUT', { ...crossSite, 'content-type': 'application/json' }, '{"duplicate":1}')).status).toBe(403);
      expect(await count()).toBe(1);
      expect(hook.ctx.delivery.chaos?.options).toBeUndefined();
      // Reads are fine from anywhere on an allowed Host; writes from hookyard's own origin or with no Origin.
      expect((await raw(`${hook.url}/_hookyard/deliveries`, 'GET', crossSite)).status).toBe(200);
      // A page's write also needs hookyard's own header (so any cross-origin try is a preflight, never approved).
      expect(await raw(`${hook.url}/_hookyard/chaos`, 'PUT', { origin: hook.url, 'content-type': 'application/json' }, 'null')).toMatchObject({ status: 403, json: { error: { message: expect.stringContaining('x-hookyard-client') } } });
      expect((await raw(`${hook.url}/_hookyard/chaos`, 'PUT', { origin: hook.url, 'x-hookyard-client': 'inspector', 'content-type': 'application/json' }, 'null')).status).toBe(200);
      expect((await raw(`${hook.url}/_hookyard/reset`, 'POST', {})).status).toBe(200);
      expect(await count()).toBe(0);
    } finally {
      await hook.close();
    }
  });

  it('with --admin-token, the admin API (but /health) needs the Bearer token; the fake APIs keep their own auth', async () => {
    const hook = await createHookyard({ adminToken: 's3cret' });
    try {
      expect((await raw(`${hook.url}/_hookyard/health`, 'GET', {})).status).toBe(200);
      expect(await raw(`${hook.url}/_hookyard/deliveries`, 'GET', {})).toMatchObject({ status: 401, json: { error: { kind: 'auth' } } });
      expect((await raw(`${hook.url}/_hookyard/deliveries`, 'GET', { authorization: 'Bearer wrong' })).status).toBe(401);
      expect((await raw(`${hook.url}/_hookyard/deliveries`, 'GET', { authorization: 'Bearer s3cret' })).status).toBe(200);
      const auth = 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64');
      expect((await raw(`${hook.url}/v2/Services`, 'GET', { authorization: auth })).status).toBe(200);
    } finally {
      await hook.close();
    }
  });
});

describe('trust: request bodies are limited while they are read', () => {
  it('answers 413 in the vendor shape for a body over --max-body, declared or streamed', async () => {
    const hook = await createHookyard({ maxBodyBytes: 64 * 1024 });
    const auth = 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64');
    const big = 'FriendlyName=' + 'x'.repeat(200 * 1024);
    try {
      const twilioBody = await fetch(`${hook.url}/v2/Services`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' }, body: big });
      expect(twilioBody.status).toBe(413);
      expect(await twilioBody.json()).toMatchObject({ code: 20413, status: 413 });
      // Streamed without a length: refused once the limit is passed, not after reading it all.
      const stream = new ReadableStream({ start(c) { for (let i = 0; i < 64; i++) c.enqueue(new TextEncoder().encode('y'.repeat(64 * 1024))); c.close(); } });
      const chunked = await fetch(`${hook.url}/_hookyard/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
      expect(chunked.status).toBe(413);
      expect(await chunked.json()).toMatchObject({ error: { kind: 'too_large' } });
      const sinch = await fetch(`${hook.url}/v1/projects/${hook.sinch.projectId}/webhooks`, { method: 'POST', headers: { authorization: 'Basic ' + Buffer.from(`${hook.sinch.keyId}:${hook.sinch.keySecret}`).toString('base64'), 'content-type': 'application/json' }, body: JSON.stringify({ target: 'http://x/' + 'a'.repeat(100 * 1024) }) });
      expect(sinch.status).toBe(413);
      expect(await sinch.json()).toMatchObject({ errorCode: 'payload_too_large' });
      expect((await fetch(`${hook.url}/v2/Services`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' }, body: 'FriendlyName=small' })).status).toBe(201);
    } finally {
      await hook.close();
    }
  });
});

describe('trust: one small request cannot multiply into gigabytes', () => {
  it('caps what an emit may produce, and answers with ids and a summary unless the records are asked for', async () => {
    const receiver = await startReceiver();
    const hook = await createHookyard({ seed: 'burst-size' });
    try {
      const s = { sid: await serviceWithWebhooks(hook, [receiver.url]) };
      const data = { blob: 'z'.repeat(64 * 1024) };
      const emit = (count: number) => fetch(`${hook.url}/_hookyard/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'factor.created', serviceSid: s.sid, count, data }) });
      const refused = await emit(1000);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ error: { param: 'count', message: expect.stringContaining('16 MiB') } });
      const res = await emit(200);
      const text = await res.text();
      expect(res.status).toBe(202);
      // 200 deliveries of 64 KiB bodies, answered in a few dozen KiB: no body is echoed back.
      expect(text.length).toBeLessThan(200 * 1024);
      const body = JSON.parse(text) as { eventIds: string[]; deliveries: { id: string }[]; summary: { events: number } };
      expect(body.eventIds).toHaveLength(200);
      expect(body.deliveries).toHaveLength(200);
      await hook.idle();
      expect(receiver.received).toHaveLength(200);
    } finally {
      await hook.close();
      await receiver.close();
    }
  });
});

describe('trust: a burst never opens a socket per delivery', () => {
  it('1,000 events to two webhooks reuse a bounded pool of connections to the receiver', async () => {
    const receiver = await startReceiver();
    const hook = await createHookyard({ seed: 'burst' });
    try {
      const s = { sid: await serviceWithWebhooks(hook, [`${receiver.url}/a`, `${receiver.url}/b`]) };
      const before = receiver.connections.total;
      const { deliveries } = await hook.emit({ type: 'factor.created', serviceSid: s.sid, count: 1000, wait: true });
      expect(deliveries).toHaveLength(2000);
      expect(deliveries.every((d) => d.outcome === 'delivered')).toBe(true);
      expect(receiver.received).toHaveLength(2000);
      expect(receiver.connections.peak).toBeLessThanOrEqual(32);
      expect(receiver.connections.total - before).toBeLessThanOrEqual(32);
    } finally {
      await hook.close();
      await receiver.close();
    }
  });
});

describe('trust: prototype names are ids like any other', () => {
  it('GET /v1/Schemas/toString and …/constructor/Versions are 404s, and --set refuses __proto__ paths', async () => {
    const hook = await createHookyard();
    const auth = { authorization: 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64') };
    try {
      for (const path of ['/v1/Schemas/toString', '/v1/Schemas/constructor/Versions', '/v1/Schemas/__proto__/Versions/1', '/v1/Types/hasOwnProperty']) {
        const res = await fetch(hook.url + path, { headers: auth });
        expect(res.status, path).toBe(404);
        expect(await res.json()).toMatchObject({ code: 20404 });
      }
    } finally {
      await hook.close();
    }
    const r = runCli(['trigger', 'sync.document_updated', '--to', 'http://127.0.0.1:9/', '--set', '__proto__.polluted=1']);
    expect(await r.exited).not.toBe(0);
    expect(r.stderr()).toMatch(/__proto__/);
  });
});

describe('trust: createHookyard checks its numeric options before anything starts', () => {
  it('names the option out of range', async () => {
    for (const [options, name] of [[{ timeScale: -1 }, 'timeScale'], [{ journalLimit: 0 }, 'journalLimit'], [{ port: 70000 }, 'port'], [{ maxBodyBytes: 1e300 }, 'maxBodyBytes'], [{ chaos: { reorderWindowMs: 1e300 } }, 'reorderWindowMs']] as const) {
      await expect(createHookyard(options as never), name).rejects.toThrow(name);
    }
  });
});
