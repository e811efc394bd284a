import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHookyard, type Hookyard } from '../../src/index.js';

/**
 * Hostile input over every route hookyard registers (the three Twilio APIs, Sinch, the admin API): random
 * methods, ids (real ones, prototype names, junk), query strings, bodies (forms, JSON with `__proto__` and
 * `constructor` keys, deep nesting, broken JSON, oversize, wrong content types), credentials and Hosts.
 * Invariants: no 5xx but Sinch's documented 501, every error in its vendor's shape, the server still answers,
 * and nothing appears on Object.prototype. Seeded and bounded; fast-check prints the seed and the case.
 */
describe('fuzz: every route under hostile input', () => {
  let hook: Hookyard;
  const ids: string[] = [];
  beforeAll(async () => {
    hook = await createHookyard({ seed: 'fuzz', clock: 'manual', maxBodyBytes: 256 * 1024 });
    const auth = 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64');
    const post = async (path: string, body: string, type = 'application/x-www-form-urlencoded', a = auth) =>
      (await (await hook.app.fetch(new Request(`http://localhost${path}`, { method: 'POST', headers: { authorization: a, 'content-type': type }, body }))).json()) as Record<string, string>;
    const va = (await post('/v2/Services', 'FriendlyName=fuzz'))['sid']!;
    const is = (await post('/v1/Services', 'FriendlyName=fuzz'))['sid']!;
    const et = (await post(`/v1/Services/${is}/Documents`, 'UniqueName=doc&Data=%7B%7D'))['sid']!;
    const dg = (await post('/v1/Sinks', `Description=d&SinkType=webhook&SinkConfiguration=${encodeURIComponent('{"destination":"http://127.0.0.1:9/","method":"POST","batch_events":false}')}`))['sid']!;
    const sinch = 'Basic ' + Buffer.from(`${hook.sinch.keyId}:${hook.sinch.keySecret}`).toString('base64');
    const wh = (await post(`/v1/projects/${hook.sinch.projectId}/webhooks`, JSON.stringify({ target: 'http://127.0.0.1:9/s', secret: 's', triggers: ['ALL'] }), 'application/json', sinch))['id']!;
    ids.push(va, is, et, dg, wh, hook.sinch.projectId, 'doc', 'ff483d1ff591898a9942916050d2ca3f', '+15017122661', 'form-push', 'Messaging.MessageStatus', 'com.twilio.messaging.message.sent');
  });
  afterAll(() => hook.close());

  const PROTO = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
  const id = () => fc.oneof(fc.constantFrom(...ids), fc.constantFrom(...PROTO), fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent), fc.constantFrom('%00', '%ZZ', '..', '%2F', 'a'.repeat(500), '0', '-1', '1e999'));
  const keyName = fc.oneof(fc.constantFrom(...PROTO, 'FriendlyName', 'To', 'Channel', 'Code', 'Data', 'Ttl', 'Types', 'SinkConfiguration', 'EventTypes', 'WebhookUrl', 'PageSize', 'PageToken', 'type', 'count', 'serviceSid', 'target', 'triggers', 'secret', 'advance', 'set', 'limit', 'cursor'), fc.string({ maxLength: 12 }));
  const scalar = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('1e300', '-1', 'NaN', 'true', '{}', '[]', '{"__proto__":{"x":1}}', 'http://127.0.0.1:9/', '+15017122661'));
  const jsonValue = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), tie('object'), fc.constantFrom(1e300, -0, Number.MAX_SAFE_INTEGER + 2, 'x'.repeat(3000))),
    object: fc.dictionary(keyName, tie('value'), { maxKeys: 5 }),
  })).value;
  const body = fc.oneof(
    fc.constant(undefined),
    fc.array(fc.tuple(keyName, scalar), { maxLength: 8 }).map((pairs) => ({ type: 'application/x-www-form-urlencoded', text: new URLSearchParams(pairs).toString() })),
    jsonValue.map((v) => ({ type: 'application/json', text: JSON.stringify(v) ?? 'null' })),
    fc.constantFrom('{', '{"a":', '[1,', 'null', '"\\u0000"', '\u0000\u0001', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}').map((text) => ({ type: 'application/json', text })),
    fc.constantFrom('text/plain', 'multipart/form-data; boundary=x', 'application/xml', '').map((type) => ({ type, text: 'a=1&b=<x/>' })),
    fc.constant({ type: 'application/json', text: JSON.stringify({ big: 'b'.repeat(300 * 1024) }) }),
  );
  const auth = fc.constantFrom('twilio', 'sinch', 'none', 'junk', 'bearer', 'device');
  const host = fc.constantFrom('localhost', 'localhost', 'localhost', 'verify.twilio.com', 'sync.twilio.com', 'events.twilio.com', 'provisioning.api.sinch.com', 'evil.example', '127.0.0.1:7373');
  const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'] as const;

  /** The shape an error must have: the admin API's, Sinch's on its paths (unless a Twilio host routes it), else Twilio's. */
  const shapeOk = (path: string, hostHeader: string, json: unknown): boolean => {
    const o = json as Record<string, unknown> | null;
    if (!o || typeof o !== 'object') return false;
    const twilioHost = hostHeader.endsWith('.twilio.com');
    if (path.startsWith('/_hookyard')) return typeof (o['error'] as Record<string, unknown> | undefined)?.['kind'] === 'string';
    const sinch = typeof o['errorCode'] === 'string' && typeof o['message'] === 'string' && typeof o['resolution'] === 'string';
    if (!twilioHost && path.startsWith('/oauth2')) return typeof o['error'] === 'string' || sinch;
    if (!twilioHost && /^\/v1\/projects(\/|$)/.test(path)) return sinch;
    if (hostHeader === 'provisioning.api.sinch.com') return sinch || (['code', 'message', 'more_info', 'status'].every((k) => k in o) && Object.keys(o).length === 4);
    return ['code', 'message', 'more_info', 'status'].every((k) => k in o) && Object.keys(o).length === 4;
  };

  it('never answers 5xx (but 501), always in the vendor\'s error shape, and keeps answering', async () => {
    const routes = [...new Map(hook.app.hono.routes.filter((r) => !r.path.endsWith('*') || r.method !== 'ALL').map((r) => [`${r.method} ${r.path}`, r])).values()];
    expect(routes.length).toBeGreaterThan(150);
    const creds = { twilio: 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64'), sinch: 'Basic ' + Buffer.from(`${hook.sinch.keyId}:${hook.sinch.keySecret}`).toString('base64'), junk: 'Basic !!!', bearer: 'Bearer x.y.z', device: 'Basic ' + Buffer.from('token:eyJ.eyJ.sig').toString('base64') } as Record<string, string>;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.constantFrom(...METHODS), fc.boolean(), fc.array(id(), { minLength: 6, maxLength: 6 }), fc.array(fc.tuple(keyName, scalar), { maxLength: 4 }), body, auth, host, fc.boolean(), async (route, otherMethod, useOther, pathIds, query, b, who, hostHeader, foreignOrigin) => {
        let i = 0;
        const path = route.path.replace(/:(\w+)|\*/g, () => pathIds[i++ % pathIds.length]!);
        const method = route.method === 'ALL' || useOther ? otherMethod : route.method;
        if (path === '/_hookyard/reset' && method === 'POST') return; // would wipe the ids the other cases use
        const headers: Record<string, string> = { host: hostHeader };
        if (creds[who]) headers['authorization'] = creds[who]!;
        if (b?.type) headers['content-type'] = b.type;
        if (foreignOrigin) headers['origin'] = 'https://evil.example';
        const qs = query.length ? `?${new URLSearchParams(query)}` : '';
        const withBody = b !== undefined && method !== 'GET' && method !== 'HEAD';
        const res = await hook.app.fetch(new Request(`http://localhost${path}${qs}`, { method, headers, ...(withBody ? { body: b.text } : {}) }));
        const label = `${method} ${path}${qs} host=${hostHeader} auth=${who} body=${b?.type}:${b?.text.slice(0, 80)}`;
        expect(res.status < 500 || res.status === 501, `${label} → ${res.status}`).toBe(true);
        if (res.status >= 400 && method !== 'HEAD') {
          const text = await res.text();
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = text;
          }
          expect(shapeOk(new URL(`http://x${path}`).pathname, hostHeader, json), `${label} → ${res.status} ${text.slice(0, 200)}`).toBe(true);
        } else if (res.headers.get('content-type')?.startsWith('text/event-stream')) await res.body?.cancel(); // the live stream never ends
        else await res.arrayBuffer();
      }),
      { numRuns: 5000, seed: Number(process.env['FUZZ_SEED'] ?? 20261202) },
    );
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const health = await hook.app.fetch(new Request('http://localhost/_hookyard/health'));
    expect(health.status).toBe(200);
  }, 120_000);
});
