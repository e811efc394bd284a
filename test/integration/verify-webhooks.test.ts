import twilio from 'twilio';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Hookyard } from '../../src/index.js';
import { formParams, type Receiver } from '../helpers/receiver.js';
import { useHookAndReceiver } from '../helpers/suite.js';
import { expectTwilioError, sdk } from '../helpers/twilio.js';

describe('Verify v2 webhooks through the twilio SDK', () => {
  let hook: Hookyard;
  let receiver: Receiver;
  let client: ReturnType<typeof sdk>;

  const env = useHookAndReceiver({ seed: 'verify-test' });
  beforeAll(() => {
    ({ hook, receiver } = env);
    client = sdk(hook);
  });

  it('creates, lists (across pages), fetches, updates and deletes webhooks', async () => {
    const service = await client.verify.v2.services.create({ friendlyName: 'Push login' });
    expect(service.sid).toMatch(/^VA[0-9a-f]{32}$/);
    const hooks = client.verify.v2.services(service.sid).webhooks;
    const created = await hooks.create({
      friendlyName: 'login',
      eventTypes: ['factor.verified', 'challenge.approved'],
      webhookUrl: `${receiver.url}/verify`,
      status: 'enabled',
      versionParam: 'v2',
    });
    expect(created).toMatchObject({
      accountSid: hook.accountSid,
      serviceSid: service.sid,
      friendlyName: 'login',
      eventTypes: ['factor.verified', 'challenge.approved'],
      webhookUrl: `${receiver.url}/verify`,
      webhookMethod: 'POST',
      status: 'enabled',
      version: 'v2',
      url: `${hook.url}/v2/Services/${service.sid}/Webhooks/${created.sid}`,
    });
    expect(created.sid).toMatch(/^YW[0-9a-f]{32}$/);
    expect(created.dateCreated).toBeInstanceOf(Date);

    for (const n of [2, 3, 4, 5]) await hooks.create({ friendlyName: `h${n}`, eventTypes: ['*'], webhookUrl: `${receiver.url}/${n}` });
    // pageSize 2 makes the SDK follow next_page_url twice.
    const all = await hooks.list({ pageSize: 2 });
    expect(all.map((w) => w.friendlyName)).toEqual(['login', 'h2', 'h3', 'h4', 'h5']);
    const seen: string[] = [];
    await hooks.each({ pageSize: 2 }, (w) => void seen.push(w.friendlyName));
    expect(seen).toEqual(['login', 'h2', 'h3', 'h4', 'h5']);
    const page = await hooks.page({ pageSize: 2 });
    expect(page.instances).toHaveLength(2);
    const page2 = await page.nextPage();
    expect(page2!.instances.map((w) => w.friendlyName)).toEqual(['h3', 'h4']);

    const fetched = await hooks(created.sid).fetch();
    expect(fetched.friendlyName).toBe('login');

    const updated = await hooks(created.sid).update({ status: 'disabled', eventTypes: ['*'], versionParam: 'v1' });
    expect(updated).toMatchObject({ status: 'disabled', eventTypes: ['*'], version: 'v1', friendlyName: 'login' });

    expect(await hooks(created.sid).remove()).toBe(true);
    await expectTwilioError(hooks(created.sid).fetch(), 404, 20404, new RegExp(`/Services/${service.sid}/Webhooks/${created.sid} was not found`));
    expect((await hooks.list()).length).toBe(4);
  });

  it('rejects bad input with 20001 naming the parameter, and stores nothing', async () => {
    const service = await client.verify.v2.services.create({ friendlyName: 'errors' });
    const hooks = client.verify.v2.services(service.sid).webhooks;
    const base = { friendlyName: 'x', eventTypes: ['*'], webhookUrl: `${receiver.url}/x` };
    await expectTwilioError(hooks.create({ ...base, friendlyName: '' }), 400, 20001, /FriendlyName/);
    await expectTwilioError(hooks.create({ ...base, eventTypes: ['factor.exploded'] }), 400, 20001, /EventTypes.*factor\.exploded/);
    await expectTwilioError(hooks.create({ ...base, webhookUrl: 'not a url' }), 400, 20001, /WebhookUrl/);
    await expectTwilioError(hooks.create({ ...base, status: 'paused' as never }), 400, 20001, /Status/);
    await expectTwilioError(hooks.create({ ...base, versionParam: 'v3' as never }), 400, 20001, /Version/);
    await expectTwilioError(client.verify.v2.services.create({ friendlyName: 'x'.repeat(33) }), 400, 20001, /FriendlyName/);
    await expectTwilioError(client.verify.v2.services.create({ friendlyName: 'ok', codeLength: 11 }), 400, 20001, /CodeLength/);
    expect(await hooks.list()).toEqual([]);
    expect((await client.verify.v2.services.list()).length).toBe(1);
    const raw = await fetch(`${hook.url}/v2/Services?PageSize=0`, { headers: { authorization: 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64') } });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ code: 20001, message: expect.stringMatching(/PageSize/) });
  });

  it('answers 20404 for unknown or malformed SIDs and 20003 for bad credentials', async () => {
    await expectTwilioError(client.verify.v2.services('VA' + '0'.repeat(32)).fetch(), 404, 20404);
    await expectTwilioError(client.verify.v2.services('nonsense').webhooks.list(), 404, 20404);
    await expectTwilioError(sdk(hook, hook.accountSid, 'wrong-token').verify.v2.services.list(), 401, 20003, /Authenticate/);
    await expectTwilioError(sdk(hook, 'AC' + 'f'.repeat(32)).verify.v2.services.list(), 401, 20003);
    const anonymous = await fetch(`${hook.url}/v2/Services`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  it('deleting a service removes its webhooks', async () => {
    const service = await client.verify.v2.services.create({ friendlyName: 'gone' });
    const w = await client.verify.v2.services(service.sid).webhooks.create({ friendlyName: 'w', eventTypes: ['*'], webhookUrl: `${receiver.url}/w` });
    expect(await client.verify.v2.services(service.sid).remove()).toBe(true);
    await expectTwilioError(client.verify.v2.services(service.sid).webhooks(w.sid).fetch(), 404, 20404);
    const again = await client.verify.v2.services.create({ friendlyName: 'again' });
    expect(await client.verify.v2.services(again.sid).webhooks.list()).toEqual([]);
    expect(Object.values(hook.ctx.store.data.tables['verify.webhooks'] ?? {}).flat()).toEqual([]);
  });

  it('delivers each Verify Push event, signed, to every enabled webhook that subscribed to it', async () => {
    const service = await client.verify.v2.services.create({ friendlyName: 'deliveries' });
    const hooks = client.verify.v2.services(service.sid).webhooks;
    await hooks.create({ friendlyName: 'all', eventTypes: ['*'], webhookUrl: `${receiver.url}/all?tenant=a%20b` });
    await hooks.create({ friendlyName: 'factors', eventTypes: ['factor.created', 'factor.verified'], webhookUrl: `${receiver.url}/factors#rc=2&ct=1000` });
    await hooks.create({ friendlyName: 'off', eventTypes: ['*'], webhookUrl: `${receiver.url}/off`, status: 'disabled' });
    await hooks.create({ friendlyName: 'legacy', eventTypes: ['challenge.denied'], webhookUrl: `${receiver.url}/legacy`, versionParam: 'v1' });

    const types = ['factor.created', 'factor.verified', 'factor.deleted', 'challenge.approved', 'challenge.denied'];
    for (const type of types) {
      const res = await fetch(`${hook.url}/_hookyard/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type, serviceSid: service.sid }) });
      expect(res.status).toBe(202);
    }
    // all: 5, factors: 2, legacy: 1, off: 0
    const got = await receiver.waitFor(8);
    await hook.idle();
    expect(got).toHaveLength(8);
    const byPath = (p: string) => got.filter((r) => new URL(r.url).pathname === p);
    // Deliveries run concurrently: compare what arrived, not in which order.
    expect(byPath('/all').map((r) => formParams(r.body)['type']).sort()).toEqual([...types].sort());
    expect(byPath('/factors').map((r) => formParams(r.body)['type']).sort()).toEqual(['factor.created', 'factor.verified']);
    expect(byPath('/off')).toEqual([]);

    for (const r of got) {
      expect(r.method).toBe('POST');
      expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded');
      const params = formParams(r.body);
      // Twilio's own validator is the oracle; the fragment (#rc=…) is not part of the signed URL.
      expect(twilio.validateRequest(hook.authToken, String(r.headers['x-twilio-signature']), r.url, params)).toBe(true);
      expect(twilio.validateRequest('another-token', String(r.headers['x-twilio-signature']), r.url, params)).toBe(false);
      expect(params).toMatchObject({ account_sid: hook.accountSid, service_sid: service.sid, factor_type: 'push' });
      expect(params['uuid']).toMatch(/^[0-9a-f-]{36}$/);
      expect(params['factor_sid']).toMatch(/^YF[0-9a-f]{32}$/);
      expect(params['entity_identity']).toBeTruthy();
      const isChallenge = String(params['type']).startsWith('challenge.');
      expect(params['challenge_sid'] !== undefined).toBe(isChallenge);
      if (isChallenge) expect(JSON.parse(String(params['challenge_details']))).toHaveProperty('message');
    }
    const legacy = formParams(byPath('/legacy')[0]!.body);
    expect(legacy).not.toHaveProperty('challenge_metadata');
    expect(formParams(byPath('/all').find((r) => formParams(r.body)['type'] === 'challenge.denied')!.body)).toHaveProperty('challenge_metadata');

    const journal = hook.deliveries({ provider: 'twilio.verify' });
    expect(journal).toHaveLength(8);
    for (const d of journal) {
      expect(d.outcome).toBe('delivered');
      expect(d.attempts).toHaveLength(1);
      expect(d.attempts[0]).toMatchObject({ outcome: 'delivered', response: { status: 200 } });
      expect(d.attempts[0]!.request.headers['x-twilio-signature']).toBeTruthy();
      expect(d.attempts[0]!.durationMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('lets overrides set event data, and the same event id rides every delivery of one event', async () => {
    const service = await client.verify.v2.services.create({ friendlyName: 'overrides' });
    await client.verify.v2.services(service.sid).webhooks.create({ friendlyName: 'a', eventTypes: ['*'], webhookUrl: `${receiver.url}/a` });
    await client.verify.v2.services(service.sid).webhooks.create({ friendlyName: 'b', eventTypes: ['*'], webhookUrl: `${receiver.url}/b` });
    const { event, deliveries } = await hook.emit({ type: 'verify.challenge.approved', serviceSid: service.sid, data: { entity_identity: 'user-42' }, wait: true });
    expect(deliveries.map((d) => d.outcome)).toEqual(['delivered', 'delivered']);
    const got = await receiver.waitFor(2);
    expect(got.map((r) => formParams(r.body)['entity_identity'])).toEqual(['user-42', 'user-42']);
    expect(new Set(got.map((r) => r.headers['i-twilio-idempotency-token']))).toEqual(new Set([event.id]));
  });

  it('records failed deliveries without failing the emit: http_error and network_error', async () => {
    const service = await client.verify.v2.services.create({ friendlyName: 'failing' });
    await client.verify.v2.services(service.sid).webhooks.create({ friendlyName: 'a', eventTypes: ['*'], webhookUrl: `${receiver.url}/500` });
    await client.verify.v2.services(service.sid).webhooks.create({ friendlyName: 'b', eventTypes: ['*'], webhookUrl: 'http://127.0.0.1:1/closed' });
    receiver.respondWith(500, 'boom');
    const emit = (extra: object) => fetch(`${hook.url}/_hookyard/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'factor.created', serviceSid: service.sid, wait: true, ...extra }) });
    // By default a summary line per delivery; `records: true` for the full records.
    const summary = (await (await emit({})).json()) as { deliveries: { outcome: string; status: number | null; attempts: number; errorCode: number | null }[]; summary: unknown };
    expect(summary.deliveries.map((d) => [d.outcome, d.status, d.attempts, d.errorCode])).toEqual([['http_error', 500, 1, 11200], ['network_error', null, 1, 11205]]);
    expect(summary.summary).toEqual({ events: 1, deliveries: 2, outcomes: { http_error: 1, network_error: 1 } });
    const res = await emit({ records: true });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { deliveries: { outcome: string; attempts: { response?: { status: number; body: string }; error?: string }[] }[] };
    expect(body.deliveries.map((d) => d.outcome)).toEqual(['http_error', 'network_error']);
    expect(body.deliveries[0]!.attempts[0]!.response).toMatchObject({ status: 500, body: 'boom' });
    expect(body.deliveries[1]!.attempts[0]!.error).toMatch(/ECONNREFUSED/);
    const listed = (await (await fetch(`${hook.url}/_hookyard/deliveries?outcome=http_error`)).json()) as { deliveries: unknown[] };
    expect(listed.deliveries).toHaveLength(2);
  });

  it('rejects bad emit requests with a 4xx naming the field', async () => {
    const post = (body: string) => fetch(`${hook.url}/_hookyard/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const cases: [string, number, string][] = [
      ['not json', 400, 'body'],
      ['{}', 400, 'type'],
      ['{"type":"factor.exploded"}', 400, 'type'],
      ['{"type":"factor.created"}', 400, 'serviceSid'],
      [`{"type":"factor.created","serviceSid":"VA${'1'.repeat(32)}"}`, 404, ''],
      ['{"type":"factor.created","serviceSid":"x","data":[1]}', 400, 'data'],
      ['{"type":"factor.created","provider":"nope"}', 400, 'provider'],
    ];
    for (const [body, status, param] of cases) {
      const res = await post(body);
      expect(res.status, body).toBe(status);
      const json = (await res.json()) as { error: { message: string; param?: string } };
      if (param) expect(json.error.param, body).toBe(param);
      expect(json.error.message.length).toBeGreaterThan(5);
    }
  });
});
