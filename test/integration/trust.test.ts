import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createHookyard } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';
import { startReceiver } from '../helpers/receiver.js';

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
