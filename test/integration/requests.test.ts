import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHookyard, type Hookyard } from '../../src/index.js';
import { TABLES, operationTable } from '../../scripts/operations.mjs';
import { PROVIDERS } from '../../src/providers/index.js';
import { sdk } from '../helpers/twilio.js';

describe('the request journal: what the app called', () => {
  let hook: Hookyard;
  let basic: string;
  beforeAll(async () => {
    hook = await createHookyard({ seed: 'requests' });
    basic = `Basic ${Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64')}`;
  });
  afterAll(() => hook.close());
  beforeEach(() => hook.reset());

  const form = (path: string, body: Record<string, string | string[]>, headers: Record<string, string> = { authorization: basic }) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(body)) for (const x of [v].flat()) p.append(k, x);
    return fetch(`${hook.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: p });
  };

  it('journals each SDK call with its operationId, route, parameters, account and answer', async () => {
    const client = sdk(hook);
    const service = await client.verify.v2.services.create({ friendlyName: 'Journal' });
    await client.verify.v2.services(service.sid).verifications.create({ to: '+15017122661', channel: 'sms' });
    const [v] = hook.requests({ operation: 'CreateVerification' });
    expect(v).toMatchObject({
      provider: 'twilio.verify',
      operation: 'CreateVerification',
      method: 'POST',
      path: `/v2/Services/${service.sid}/Verifications`,
      route: '/v2/Services/{ServiceSid}/Verifications',
      host: new URL(hook.url).host,
      account: hook.accountSid,
      params: { ServiceSid: service.sid, To: '+15017122661', Channel: 'sms' },
      status: 201,
    });
    expect(hook.requests().map((r) => r.operation)).toEqual(['CreateService', 'CreateVerification']);
    await hook.expectRequest({ operation: 'CreateVerification', params: { To: '+15017122661', Channel: 'sms' } }, { times: 1 });
    await hook.expectRequest({ operation: 'CreateVerification', params: { To: /^\+1501/ } });
  });

  it('over HTTP: newest first, filtered by operation, status class and param.<Name>, paged', async () => {
    const service = (await (await form('/v2/Services', { FriendlyName: 'H' })).json()) as { sid: string };
    for (const to of ['+15017122661', '+15017122662', '+15017122663']) await form(`/v2/Services/${service.sid}/Verifications`, { To: to, Channel: 'sms' });
    await form(`/v2/Services/${service.sid}/VerificationCheck`, { To: '+15017122661', Code: '000000' });
    await form('/v2/Services', { FriendlyName: 'nope' }, { authorization: 'Basic bm86bm8=' });
    const get = async (q: string) => {
      const res = await fetch(`${hook.url}/_hookyard/requests?${q}`);
      return { status: res.status, json: (await res.json()) as { requests: { operation: string; params: Record<string, unknown>; status: number; error?: unknown }[]; next: string | null; error?: { message: string } } };
    };
    const byTo = await get('operation=CreateVerification&param.To=%2B15017122662');
    expect(byTo.json.requests.map((r) => r.params['To'])).toEqual(['+15017122662']);
    const all = await get('operation=CreateVerification&limit=2');
    expect(all.json.requests.map((r) => r.params['To'])).toEqual(['+15017122663', '+15017122662']);
    const rest = await get(`operation=CreateVerification&limit=2&cursor=${all.json.next}`);
    expect(rest.json).toMatchObject({ requests: [{ params: { To: '+15017122661' } }], next: null });
    const refused = await get('status=4xx');
    expect(refused.json.requests).toEqual([expect.objectContaining({ operation: 'CreateService', status: 401, error: { code: 20003, message: 'Authenticate' } })]);
    expect((await get('operation=CreateVerificaton')).json.error?.message).toBe("no operation 'CreateVerificaton'; did you mean CreateVerification?");
    expect((await get('eventType=x')).status).toBe(400);
    expect((await get('status=20')).status).toBe(400);
    expect((await get('method=FETCH')).status).toBe(400);
    expect((await fetch(`${hook.url}/_hookyard/requests`, { method: 'DELETE' })).status).toBe(204);
    expect(hook.requests()).toEqual([]);
  });

  it('expectRequest waits for a call on its way, and fails naming the closest calls that arrived', async () => {
    const client = sdk(hook);
    const service = await client.verify.v2.services.create({ friendlyName: 'Expect' });
    const waiting = hook.expectRequest({ operation: 'CreateWebhook' }, { times: 1, timeout: 2000 });
    await client.verify.v2.services(service.sid).webhooks.create({ friendlyName: 'w', eventTypes: ['challenge.approved'], webhookUrl: 'http://127.0.0.1:9/h' });
    expect((await waiting)[0]!.params['EventTypes']).toBe('challenge.approved');

    const wrong = await hook.expectRequest({ operation: 'CreateWebhook', params: { EventTypes: ['factor.created'], WebhookUrl: 'http://127.0.0.1:9/h' } }, { timeout: 20 }).catch((e: Error) => e);
    expect(wrong).toBeInstanceOf(Error);
    expect((wrong as Error).message).toMatch(/^expected at least 1 call matching \{"operation":"CreateWebhook","params":\{"EventTypes":\["factor.created"\],"WebhookUrl":"http:\/\/127.0.0.1:9\/h"\}\}, got 0; the closest of 2 journaled calls:\n {2}POST \/v2\/Services\/VA[0-9a-f]{32}\/Webhooks \(CreateWebhook\) 201 at .* — EventTypes = "challenge.approved"\n {2}POST \/v2\/Services \(CreateService\) 201/);
    // Too many is known at once, without waiting out the timeout.
    const started = Date.now();
    await expect(hook.expectRequest({ operation: 'CreateService' }, { times: 0, timeout: 60_000 })).rejects.toThrow(/expected 0 calls matching \{"operation":"CreateService"\}, got 1/);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(hook.expectRequest({ operation: 'DeleteService' }, { times: 0 })).resolves.toEqual([]);
    expect(() => hook.requests({ operation: 'createWebhook' })).toThrow(/did you mean CreateWebhook\?/);
    expect(() => hook.requests({ bogus: 1 } as never)).toThrow(/unknown filter 'bogus'/);
  });

  it('journals Sinch calls by its operationIds with the JSON body, hiding a client secret', async () => {
    const token = (await (
      await fetch(`${hook.url}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: hook.sinch.keyId, client_secret: hook.sinch.keySecret }),
      })
    ).json()) as { access_token: string };
    const body = { target: 'http://127.0.0.1:9/sinch', secret: 's', triggers: ['ALL'] };
    const res = await fetch(`${hook.url}/v1/projects/${hook.sinch.projectId}/webhooks`, { method: 'POST', headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    const [auth, created] = hook.requests();
    expect(auth).toMatchObject({ operation: 'oauth2Token', params: { grant_type: 'client_credentials', client_secret: '[redacted]' } });
    expect(created).toMatchObject({ provider: 'sinch.provisioning', operation: 'WebhookWebhookController_createWebhook_v1', account: hook.sinch.projectId, body, params: { projectId: hook.sinch.projectId, triggers: ['ALL'] } });
  });

  it('journals calls no route answers (404), and calls the guard refuses (a body too large), without keeping the body', async () => {
    await fetch(`${hook.url}/v2/Nope`, { headers: { authorization: basic } });
    await form('/v2/Services', { FriendlyName: 'x'.repeat(1024 * 1024) });
    expect(hook.requests().map((r) => [r.operation, r.status, r.route])).toEqual([
      [null, 404, null],
      ['CreateService', 413, '/v2/Services'],
    ]);
    expect(hook.requests()[1]!.params).toEqual({});
  });

  it('matches any parameters it was sent (property)', async () => {
    const name = fc.stringMatching(/^[A-Z][A-Za-z]{1,8}$/).filter((n) => !['FriendlyName', 'Sid', 'ServiceSid'].includes(n));
    const value = fc.string({ minLength: 1, maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(fc.dictionary(name, fc.oneof(value, fc.array(value, { minLength: 2, maxLength: 3 })), { minKeys: 1, maxKeys: 4 }), async (params) => {
        hook.clearRequests();
        const p = new URLSearchParams({ FriendlyName: 'prop' });
        for (const [k, v] of Object.entries(params)) for (const x of [v].flat()) p.append(k, x);
        await hook.app.fetch(new Request(`${hook.url}/v2/Services`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, body: p }));
        expect(hook.requests({ operation: 'CreateService', params })).toHaveLength(1);
        const [k, v] = Object.entries(params)[0]!;
        expect(hook.requests({ params: { [k]: Array.isArray(v) ? v.slice(1) : `${v}!` } })).toHaveLength(0);
      }),
      { numRuns: 60 },
    );
  });

  it('is bounded like the delivery journal', async () => {
    const small = await createHookyard({ journalLimit: 2 });
    try {
      for (let i = 0; i < 5; i++) await fetch(`${small.url}/v2/Services`, { headers: { authorization: `Basic ${Buffer.from(`${small.accountSid}:${small.authToken}`).toString('base64')}` } });
      expect(small.requests()).toHaveLength(2);
      expect(((await (await fetch(`${small.url}/_hookyard/requests`)).json()) as { evicted: number }).evicted).toBe(3);
    } finally {
      await small.close();
    }
  });
});

describe('operation names', () => {
  it("are Twilio's own: each table is what its OpenAPI file says", () => {
    for (const t of TABLES) {
      const provider = PROVIDERS.find((p) => t.out.includes(`/${p.name.split('.')[1]}/`))!;
      expect(provider.operations).toEqual(operationTable(t.spec));
    }
  });

  it('name every route hookyard answers on a provider API', async () => {
    const hook = await createHookyard();
    try {
      const unnamed = hook.app.hono.routes
        .filter((r) => r.method !== 'ALL' && !r.path.startsWith('/_hookyard'))
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
        .filter((key) => !PROVIDERS.some((p) => key in p.operations));
      expect(unnamed).toEqual([]);
    } finally {
      await hook.close();
    }
  });
});
