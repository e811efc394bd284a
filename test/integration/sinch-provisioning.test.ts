import { ApiFetchClient, Oauth2TokenRequest, PaginationEnum, validateWebhookSignature } from '@sinch/sdk-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHookyard, createManualClock, type Hookyard, type ManualClock } from '../../src/index.js';
import { SINCH_CALLBACK_TYPES } from '../../src/providers/sinch/provisioning/triggers.js';
import { type Receiver } from '../helpers/receiver.js';
import { useHookAndReceiver } from '../helpers/suite.js';

interface WebhookDto {
  id: string;
  target: string;
  projectId: string;
  triggers: string[];
  secret?: string;
}

describe('Sinch Provisioning API webhooks', () => {
  let hook: Hookyard;
  let clock: ManualClock;
  let receiver: Receiver;
  let base: string;
  let basic: Record<string, string>;

  /** A call as the SDK makes it: JSON content type even on GET/DELETE with no body. */
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = basic) =>
    fetch(`${hook.url}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  const expectError = async (res: Response, status: number, errorCode: string) => {
    expect(res.status).toBe(status);
    const json = (await res.json()) as { errorCode: string; message: string; resolution: string; additionalInformation?: { validationErrors?: string[] } };
    expect(json.errorCode).toBe(errorCode);
    expect(json.message.length).toBeGreaterThan(3);
    expect(json.resolution.length).toBeGreaterThan(3);
    return json;
  };
  const create = async (target: string, triggers: string[] = ['ALL'], secret = 'top-secret') => {
    const res = await call('POST', base, { target, secret, triggers });
    expect(res.status).toBe(201);
    return (await res.json()) as WebhookDto;
  };

  clock = createManualClock('2026-06-01T12:00:00Z');
  const env = useHookAndReceiver({ seed: 'sinch', clock });
  beforeAll(() => {
    ({ hook, receiver } = env);
    base = `/v1/projects/${hook.sinch.projectId}/webhooks`;
    basic = { authorization: 'Basic ' + Buffer.from(`${hook.sinch.keyId}:${hook.sinch.keySecret}`).toString('base64') };
  });

  it('drives all six operations; the secret is never returned', async () => {
    const created = await create(`${receiver.url}/b`, ['WHATSAPP_TEMPLATE_APPROVED', 'WHATSAPP_TEMPLATE_REJECTED']);
    expect(created).toEqual({ id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/), target: `${receiver.url}/b`, projectId: hook.sinch.projectId, triggers: ['WHATSAPP_TEMPLATE_APPROVED', 'WHATSAPP_TEMPLATE_REJECTED'] });
    const fetched = (await (await call('GET', `${base}/${created.id}`)).json()) as WebhookDto;
    expect(fetched).toEqual(created);

    const replaced = await call('PUT', `${base}/${created.id}`, { target: `${receiver.url}/c`, secret: 'new-secret', triggers: ['ALL'] });
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).toEqual({ ...created, target: `${receiver.url}/c`, triggers: ['ALL'] });
    const patched = await call('PATCH', `${base}/${created.id}`, { triggers: ['BUNDLE_DONE'] });
    expect(await patched.json()).toEqual({ ...created, target: `${receiver.url}/c`, triggers: ['BUNDLE_DONE'] });
    expect(await (await call('PATCH', `${base}/${created.id}`, {})).json()).toMatchObject({ triggers: ['BUNDLE_DONE'] });

    await create(`${receiver.url}/a`);
    const list = (await (await call('GET', base)).json()) as { webhooks: WebhookDto[]; totalSize: number; pageSize: number };
    expect(list).toMatchObject({ totalSize: 2, pageSize: 15 });
    expect(list.webhooks.map((w) => w.target)).toEqual([`${receiver.url}/a`, `${receiver.url}/c`]);
    expect(list.webhooks.every((w) => !('secret' in w))).toBe(true);
    expect(list).not.toHaveProperty('nextPageToken');

    const del = await call('DELETE', `${base}/${created.id}`);
    expect(del.status).toBe(204);
    expect(await del.text()).toBe('');
    await expectError(await call('GET', `${base}/${created.id}`), 404, 'webhook_not_found');
  });

  it('pages alphabetically by target with page tokens, as the SDK follows them', async () => {
    for (const name of ['delta', 'alpha', 'echo', 'charlie', 'bravo']) await create(`${receiver.url}/${name}`);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = (await (await call('GET', `${base}?pageSize=2${token ? `&pageToken=${token}` : ''}`)).json()) as { webhooks: WebhookDto[]; nextPageToken?: string; previousPageToken?: string; totalSize: number };
      expect(res.totalSize).toBe(5);
      if (pages > 0) expect(res.previousPageToken).toBeTruthy();
      seen.push(...res.webhooks.map((w) => new URL(w.target).pathname.slice(1)));
      token = res.nextPageToken;
      pages++;
    } while (token);
    expect(seen).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo']);
    expect(pages).toBe(3);
    await expectError(await call('GET', `${base}?pageSize=abc`), 400, 'invalid_page_size');
    await expectError(await call('GET', `${base}?pageSize=16`), 400, 'invalid_page_size');
    await expectError(await call('GET', `${base}?pageToken=garbage`), 400, 'invalid_page_token');
  });

  it('answers every documented error in the {errorCode, message, resolution} shape', async () => {
    const first = await create(`${receiver.url}/taken`);
    await expectError(await call('POST', base, { target: `${receiver.url}/taken`, secret: 's', triggers: ['ALL'] }), 409, 'webhook_exists');
    const other = await create(`${receiver.url}/other`);
    await expectError(await call('PATCH', `${base}/${other.id}`, { target: first.target }), 409, 'webhook_exists');
    await expectError(await call('PUT', `${base}/${other.id}`, { target: first.target, secret: 's', triggers: ['ALL'] }), 409, 'webhook_exists');
    await expectError(await call('GET', `${base}/not-a-ulid`), 400, 'invalid_id_format');
    await expectError(await call('DELETE', `${base}/not-a-ulid`), 400, 'invalid_id_format');
    await expectError(await call('GET', `${base}/01HZZZZZZZZZZZZZZZZZZZZZZZ`), 404, 'webhook_not_found');
    await expectError(await call('POST', base, '{not json'), 400, 'invalid_payload');
    const invalid = [
      [{ target: 'not a url', secret: 's', triggers: ['ALL'] }, /target must be a URL address/],
      [{ target: `${receiver.url}/${'x'.repeat(760)}`, secret: 's', triggers: ['ALL'] }, /shorter than or equal to 742/],
      [{ target: `${receiver.url}/n`, secret: '', triggers: ['ALL'] }, /secret must be longer/],
      [{ target: `${receiver.url}/n`, secret: 'x'.repeat(129), triggers: ['ALL'] }, /secret must be shorter/],
      [{ target: `${receiver.url}/n`, secret: 's', triggers: [] }, /triggers should not be empty/],
      [{ target: `${receiver.url}/n`, secret: 's', triggers: ['ALL', 'ALL'] }, /must be unique/],
      [{ target: `${receiver.url}/n`, secret: 's', triggers: ['NOPE'] }, /each value in triggers must be one of/],
      [{ target: `${receiver.url}/n`, triggers: ['ALL'] }, /secret must be a string/],
      [{ target: `${receiver.url}/n`, secret: 's', triggers: ['ALL'], url: 'x' }, /property url should not exist/],
    ] as const;
    for (const [body, message] of invalid) {
      const json = await expectError(await call('POST', base, body), 400, 'invalid_input');
      expect(json.additionalInformation!.validationErrors!.join('; ')).toMatch(message);
    }
    await expectError(await call('PATCH', `${base}/${other.id}`, { secret: '' }), 400, 'invalid_input');
    await expectError(await call('GET', base, undefined, {}), 401, 'unauthorized_error');
    await expectError(await call('GET', `/v1/projects/another-project/webhooks`), 401, 'unauthorized_error');
    await expectError(await call('GET', base, undefined, { authorization: 'Basic ' + Buffer.from(`${hook.sinch.keyId}:wrong`).toString('base64') }), 401, 'unauthorized_error');
    await expectError(await call('GET', `/v1/projects/${hook.sinch.projectId}/whatsapp/templates`), 501, 'not_implemented');
    // Nothing from a rejected request was stored.
    expect(((await (await call('GET', base)).json()) as { totalSize: number }).totalSize).toBe(2);
  });

  it('caps a project at 15 webhooks even under 50 concurrent creates', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => call('POST', base, { target: `${receiver.url}/c${i}`, secret: 's', triggers: ['ALL'] })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(15);
    expect(statuses.filter((s) => s === 424)).toHaveLength(35);
    const codes = await Promise.all(results.filter((r) => r.status === 424).map(async (r) => ((await r.json()) as { errorCode: string }).errorCode));
    expect(new Set(codes)).toEqual(new Set(['webhook_limit_reached']));
    expect(((await (await call('GET', base)).json()) as { totalSize: number }).totalSize).toBe(15);
  });

  it('issues OAuth2 tokens the official SDK client uses, and refreshes them when they expire', async () => {
    const token = await fetch(`${hook.url}/oauth2/token`, { method: 'POST', headers: { ...basic, 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
    expect(token.status).toBe(200);
    const json = (await token.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(json).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    const claims = JSON.parse(Buffer.from(json.access_token.split('.')[1]!, 'base64url').toString()) as { exp: number };
    expect(claims.exp).toBe(Date.parse('2026-06-01T12:00:00Z') / 1000 + 3600);
    expect((await call('GET', base, undefined, { authorization: `Bearer ${json.access_token}` })).status).toBe(200);
    await expectError(await call('GET', base, undefined, { authorization: `Bearer ${json.access_token}x` }), 401, 'unauthorized_error');
    const badClient = await fetch(`${hook.url}/oauth2/token`, { method: 'POST', headers: { authorization: 'Basic ' + Buffer.from('who:what').toString('base64') }, body: 'grant_type=client_credentials' });
    expect(badClient.status).toBe(401);
    expect(await badClient.json()).toMatchObject({ error: 'invalid_client' });
    const badGrant = await fetch(`${hook.url}/oauth2/token`, { method: 'POST', headers: basic, body: 'grant_type=password' });
    expect(badGrant.status).toBe(400);

  });

  it('serves the official SDK client: OAuth2 via its plugin, token pages, and a refresh when the server says expired', async () => {
    // The SDK judges expiry by real time, so this server's clock starts at real now.
    const serverClock = createManualClock(new Date());
    const h = await createHookyard({ clock: serverClock });
    try {
      const path = `/v1/projects/${h.sinch.projectId}/webhooks`;
      const client = new ApiFetchClient({ requestPlugins: [new Oauth2TokenRequest(h.sinch.keyId, h.sinch.keySecret, h.url)] });
      const request = async (method: string, body?: unknown, query: Record<string, string> = {}) =>
        client.prepareOptions(`${h.url}${path}`, method, query, { 'Content-Type': 'application/json' }, body === undefined ? undefined : JSON.stringify(body));
      const url = (query: Record<string, string> = {}) => client.prepareUrl(`${h.url}${path}`, query);
      for (const name of ['c', 'a', 'b']) {
        const created = await client.processCall<{ id: string }>({ url: url(), requestOptions: await request('POST', { target: `${receiver.url}/${name}`, secret: 's', triggers: ['ALL'] }), apiName: 'provisioning', operationId: 'CreateWebhook' });
        expect(created.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
      }
      // Token pagination exactly as the SDK follows it (nextPageToken → pageToken, stop when absent).
      const targets: string[] = [];
      let page = await client.processCallWithPagination<{ target: string }>({
        url: url({ pageSize: '2' }),
        requestOptions: await request('GET', undefined, { pageSize: '2' }),
        apiName: 'provisioning',
        operationId: 'ListWebhooks',
        pagination: PaginationEnum.TOKEN,
        dataKey: 'webhooks',
      });
      targets.push(...page.data.map((w) => w.target));
      while (page.hasNextPage) {
        page = await page.nextPage();
        targets.push(...page.data.map((w) => w.target));
      }
      expect(targets).toEqual(['a', 'b', 'c'].map((n) => `${receiver.url}/${n}`));

      // Two hours later by the server's clock the SDK's cached token is expired. The server answers 401 with
      // `expired` in WWW-Authenticate, the SDK fetches a new token and retries — the call succeeds.
      serverClock.advance(2 * 3600 * 1000);
      const stale = (await request('GET')).headers.get('Authorization')!;
      const rejected = await fetch(`${h.url}${path}`, { headers: { authorization: stale } });
      expect(rejected.status).toBe(401);
      expect(rejected.headers.get('www-authenticate')).toContain('expired');
      const after = await client.processCall<{ totalSize: number }>({ url: url(), requestOptions: await request('GET'), apiName: 'provisioning', operationId: 'ListWebhooks' });
      expect(after.totalSize).toBe(3);
    } finally {
      await h.close();
    }
  });

  it('delivers every trigger to the webhooks that want it, signed with each webhook’s own secret', async () => {
    const all = await create(`${receiver.url}/all`, ['ALL'], 'secret-all');
    await create(`${receiver.url}/templates`, ['WHATSAPP_TEMPLATE_APPROVED', 'WHATSAPP_TEMPLATE_REJECTED'], 'secret-templates');
    for (const type of SINCH_CALLBACK_TYPES) {
      const res = await fetch(`${hook.url}/_hookyard/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type }) });
      expect(res.status, type).toBe(202);
    }
    const got = await receiver.waitFor(SINCH_CALLBACK_TYPES.length + 2);
    await hook.idle();
    const secrets: Record<string, string> = { '/all': 'secret-all', '/templates': 'secret-templates' };
    for (const r of got) {
      const path = new URL(r.url).pathname;
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['x-sinch-webhook-signature-algorithm']).toBe('HmacSHA256');
      expect(r.headers['x-sinch-webhook-signature-nonce']).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
      expect(r.headers['x-sinch-webhook-signature-timestamp']).toBe(String(clock.now().getTime() / 1000));
      // The SDK's validator, on the raw body and on the parsed object (it re-serialises with JSON.stringify).
      expect(validateWebhookSignature(secrets[path]!, r.headers, r.body)).toBe(true);
      expect(validateWebhookSignature(secrets[path]!, r.headers, JSON.parse(r.body))).toBe(true);
      expect(validateWebhookSignature('wrong-secret', r.headers, r.body)).toBe(false);
    }
    const at = (p: string) => got.filter((r) => new URL(r.url).pathname === p).map((r) => JSON.parse(r.body) as { type: string; payload: Record<string, unknown>; comment?: string; newState?: string });
    // Deliveries run concurrently, so arrival order is not emission order.
    expect(at('/all').map((b) => b.type).sort()).toEqual([...SINCH_CALLBACK_TYPES].sort());
    expect(at('/templates').map((b) => b.type).sort()).toEqual(['WHATSAPP_TEMPLATE_APPROVED', 'WHATSAPP_TEMPLATE_REJECTED']);
    const byType = Object.fromEntries(at('/all').map((b) => [b.type, b]));
    expect(byType['WHATSAPP_TEMPLATE_APPROVED']!.payload).toMatchObject({ state: 'APPROVED', name: expect.stringMatching(/^[a-z]+_[a-z]+$/), language: expect.any(String), category: expect.any(String) });
    expect(byType['WHATSAPP_TEMPLATE_REJECTED']!.payload).toMatchObject({ state: 'REJECTED', rejectionCode: expect.any(String) });
    expect(byType['WHATSAPP_TEMPLATE_STATUS_UPDATED']!.newState).toMatch(/^(PAUSED|DISABLED|FLAGGED|REINSTATED)$/);
    expect(byType['WHATSAPP_SENDER_COMMENT_ADDED']!.comment).toBeTruthy();
    expect(byType['WHATSAPP_SENDER_ACTIVE']!.payload).toMatchObject({ state: 'ACTIVE', id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(hook.deliveries({ target: all.id }).every((d) => d.outcome === 'delivered')).toBe(true);
  });
});
