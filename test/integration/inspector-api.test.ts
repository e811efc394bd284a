import { validateWebhookSignature } from '@sinch/sdk-core';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHookyard, type Hookyard } from '../../src/index.js';
import { startReceiver, type Receiver } from '../helpers/receiver.js';
import { sdk } from '../helpers/twilio.js';

/** The inspector's server side over HTTP: signature verdicts, replay with changes, rows, the live stream, state, trigger. */
describe('the inspector API', () => {
  let hook: Hookyard;
  let rx: Receiver;
  const admin = async (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const res = await fetch(`${hook.url}/_hookyard${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
  };
  const triggered = async (event: string, path = '/hooks') => {
    const r = await admin('/trigger', { method: 'POST', body: { event, webhookUrl: rx.url + path } });
    expect(r.status).toBe(201);
    return r.json.deliveries.at(-1).id as string;
  };
  const formParams = (body: string) => Object.fromEntries(new URLSearchParams(body));

  beforeAll(async () => {
    rx = await startReceiver();
    hook = await createHookyard({ seed: 'inspector-api' });
  });
  afterAll(async () => {
    await hook.close();
    await rx.close();
  });

  it("says a Twilio form delivery's signature is valid exactly when twilio.validateRequest does", async () => {
    const id = await triggered('verify.factor.created');
    const [got] = await rx.waitFor(1);
    expect(twilio.validateRequest(hook.authToken, got!.headers['x-twilio-signature'] as string, got!.url, formParams(got!.body))).toBe(true);
    const sig = await admin(`/deliveries/${id}/signature`);
    expect(sig.json).toMatchObject({ header: 'x-twilio-signature', valid: true, key: `Auth Token of ${hook.accountSid}`, sent: got!.headers['x-twilio-signature'] });
    expect(sig.json.signedString.startsWith(got!.url)).toBe(true);
  });

  it('a replay with an edited body is signed anew: the vendor validator accepts it, and the old signature would not', async () => {
    const id = await triggered('sync.document_updated');
    const before = rx.received.length;
    const original = hook.deliveries().find((d) => d.id === id)!;
    const edited = original.request.body.replace(/DocumentRevision=\d+/, 'DocumentRevision=42');
    expect(edited).not.toBe(original.request.body);
    const r = await admin(`/deliveries/${id}/replay`, { method: 'POST', body: { body: edited } });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ replayOf: id, edited: true, outcome: 'delivered' });
    const got = (await rx.waitFor(before + 1)).at(-1)!;
    expect(got.body).toBe(edited);
    const header = got.headers['x-twilio-signature'] as string;
    expect(twilio.validateRequest(hook.authToken, header, got.url, formParams(got.body))).toBe(true);
    expect(header).not.toBe(original.request.headers['x-twilio-signature']);
    expect((await admin(`/deliveries/${r.json.id}/signature`)).json.valid).toBe(true);
    // A plain replay sends the same bytes.
    const plain = await admin(`/deliveries/${id}/replay`, { method: 'POST' });
    expect(plain.json.request).toEqual(original.request);
  });

  it('CloudEvents: the verdict checks bodySHA256 as validateRequestWithBody does; an edited replay rehashes', async () => {
    const id = await triggered('com.twilio.messaging.message.sent');
    const got = rx.received.at(-1)!;
    expect(twilio.validateRequestWithBody(hook.authToken, got.headers['x-twilio-signature'] as string, got.url, got.body)).toBe(true);
    expect((await admin(`/deliveries/${id}/signature`)).json).toMatchObject({ valid: true, bodyHash: { valid: true } });
    const events = JSON.parse(hook.deliveries().find((d) => d.id === id)!.request.body) as { data: Record<string, unknown> }[];
    events[0]!.data['to'] = '+15550001111';
    const r = await admin(`/deliveries/${id}/replay`, { method: 'POST', body: { body: JSON.stringify(events) } });
    const again = rx.received.at(-1)!;
    expect(r.json.request.url).not.toBe(hook.deliveries().find((d) => d.id === id)!.request.url);
    expect(twilio.validateRequestWithBody(hook.authToken, again.headers['x-twilio-signature'] as string, again.url, again.body)).toBe(true);
    expect((await admin(`/deliveries/${id}/replay`, { method: 'POST', body: { body: 'not json' } })).status).toBe(400);
  });

  it("Sinch: valid with the webhook's secret as validateWebhookSignature says; invalid with a reason once the secret changes", async () => {
    const id = await triggered('sinch.whatsapp_template_approved');
    const got = rx.received.at(-1)!;
    expect(validateWebhookSignature('hookyard_webhook_secret', got.headers, got.body)).toBe(true);
    expect((await admin(`/deliveries/${id}/signature`)).json).toMatchObject({ header: 'x-sinch-webhook-signature', valid: true });
    const d = hook.deliveries().find((x) => x.id === id)!;
    const auth = { authorization: 'Basic ' + Buffer.from(`${hook.sinch.keyId}:${hook.sinch.keySecret}`).toString('base64') };
    const res = await fetch(`${hook.url}/v1/projects/${hook.sinch.projectId}/webhooks/${d.target.id}`, { method: 'PATCH', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ secret: 'rotated-secret' }) });
    expect(res.status).toBe(200);
    const after = (await admin(`/deliveries/${id}/signature`)).json;
    expect(after.valid).toBe(false);
    expect(after.reason).toMatch(/does not match/);
    expect(validateWebhookSignature('rotated-secret', got.headers, got.body)).toBe(false);
    // Replayed with changes, it is signed with the secret in force now.
    await admin(`/deliveries/${id}/replay`, { method: 'POST', body: { body: got.body.replace('"type"', '"type" ') } });
    const again = rx.received.at(-1)!;
    expect(validateWebhookSignature('rotated-secret', again.headers, again.body)).toBe(true);
  });

  it('rows page newest first with filters and search; bad filters are 400 naming what is accepted', async () => {
    const all = await admin('/inspect/rows?limit=2');
    expect(all.json.rows).toHaveLength(2);
    expect(all.json.next).toMatch(/^HD/);
    expect(Object.keys(all.json.rows[0]).sort()).toEqual(expect.arrayContaining(['id', 'outcome', 'status', 'latencyMs', 'attempts', 'nextAttemptAt', 'target']));
    const page2 = await admin(`/inspect/rows?limit=2&cursor=${all.json.next}`);
    expect(page2.json.rows[0].id).not.toBe(all.json.rows[0].id);
    const sinch = await admin('/inspect/rows?provider=sinch.provisioning');
    expect(sinch.json.rows.length).toBeGreaterThan(0);
    expect(sinch.json.rows.every((r: { provider: string }) => r.provider === 'sinch.provisioning')).toBe(true);
    const docSid = /DocumentSid=([A-Za-z0-9]+)/.exec(hook.deliveries({ provider: 'twilio.sync' })[0]!.request.body)![1]!;
    const found = await admin(`/inspect/rows?q=${docSid.toLowerCase()}`);
    expect(found.json.rows.length).toBeGreaterThan(0);
    expect(found.json.rows.every((r: { provider: string }) => r.provider === 'twilio.sync')).toBe(true);
    expect((await admin('/inspect/rows?outcome=bogus')).json.error.message).toMatch(/not one of pending, delivered/);
    expect((await admin('/inspect/rows?colour=red')).status).toBe(400);
  });

  it('streams each delivery added or changed as Server-Sent Events, filtered', async () => {
    const controller = new AbortController();
    const res = await fetch(`${hook.url}/_hookyard/stream?provider=twilio.verify`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const until = async (pred: () => boolean) => {
      while (!pred()) text += (await reader.read()).value ?? '';
    };
    await until(() => text.includes('event: ready'));
    await triggered('sync.document_updated'); // filtered out
    await triggered('verify.factor.verified');
    await until(() => /event: delivery\ndata: .*"outcome":"delivered"/.test(text));
    const rows = [...text.matchAll(/event: delivery\ndata: (.*)\n/g)].map((m) => JSON.parse(m[1]!) as { provider: string; eventType: string });
    expect(rows.every((r) => r.provider === 'twilio.verify')).toBe(true);
    expect(rows.map((r) => r.eventType)).toContain('factor.verified');
    controller.abort();
  });

  it('browses the fake state read-only with secrets masked', async () => {
    const service = await sdk(hook).verify.v2.services.create({ friendlyName: 'Inspector Co' });
    const tables = (await admin('/inspect/tables')).json.tables as { name: string; provider: string; scopes: Record<string, number> }[];
    expect(tables.find((t) => t.name === 'verify.services')).toMatchObject({ provider: 'twilio.verify' });
    expect(tables.find((t) => t.name === 'sinch.webhooks')).toMatchObject({ provider: 'sinch.provisioning' });
    const services = (await admin(`/inspect/tables/verify.services?scope=${hook.accountSid}&limit=500`)).json;
    expect(services.rows.map((r: { sid: string }) => r.sid)).toContain(service.sid);
    const sinch = (await admin('/inspect/tables/sinch.webhooks')).json.rows;
    expect(sinch.length).toBeGreaterThan(0);
    expect(JSON.stringify(sinch)).not.toMatch(/hookyard_webhook_secret|rotated-secret/);
    expect(sinch[0].secret).toBe('••••••');
    expect((await admin('/inspect/tables/__proto__')).status).toBe(404);
    expect((await admin('/inspect/tables/verify.services?limit=0')).status).toBe(400);
  });

  it('trigger: catalogue, setup reused across sends, and 400s for bad input', async () => {
    const catalog = (await admin('/catalog')).json.events as { name: string }[];
    expect(catalog.map((e) => e.name)).toContain('verify.challenge.approved');
    const webhooks = () => hook.ctx.store.data.tables['verify.webhooks']?.[hook.accountSid]?.length ?? 0;
    const before = webhooks();
    await triggered('verify.challenge.approved', '/again');
    await triggered('verify.challenge.approved', '/again');
    expect(webhooks()).toBe(before + 1);
    expect((await admin('/trigger', { method: 'POST', body: { event: 'verify.factor.creatd' } })).json.error.message).toMatch(/did you mean verify\.factor\.created/);
    expect((await admin('/trigger', { method: 'POST', body: { event: 'verify.factor.created', webhookUrl: 'ftp://x' } })).status).toBe(400);
    expect((await admin('/trigger', { method: 'POST', body: { event: 'verify.factor.created', count: 0 } })).status).toBe(400);
  });

  it('serves the page with a strict CSP; a page write without the inspector header is refused', async () => {
    const page = await fetch(`${hook.url}/_hookyard/ui`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'/);
    const html = await page.text();
    expect(html).not.toMatch(/<script>|\son[a-z]+=/i);
    expect((await fetch(`${hook.url}/_hookyard/ui/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${hook.url}/_hookyard/ui/..%2Fpackage.json`)).status).toBe(404);
    const refused = await admin('/reset', { method: 'POST', headers: { origin: hook.url } });
    expect(refused.status).toBe(403);
    const crossSite = await admin('/reset', { method: 'POST', headers: { origin: 'https://evil.example', 'x-hookyard-client': 'inspector' } });
    expect(crossSite.status).toBe(403);
    expect(hook.deliveries().length).toBeGreaterThan(0);
  });
});
