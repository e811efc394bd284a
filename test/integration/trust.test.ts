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
