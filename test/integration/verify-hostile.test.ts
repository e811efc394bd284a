import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHookyard, type Hookyard } from '../../src/index.js';
import { loadSpec } from '../helpers/spec.js';

/**
 * Random form bodies and path ids against every Verify operation: whatever arrives, the answer is never a
 * 5xx but the documented 501s, and every error is in Twilio's shape. Seeded, bounded, printed on failure.
 */
describe('Verify v2 under hostile input', () => {
  let hook: Hookyard;
  let auth: string;
  let serviceSid: string;
  beforeAll(async () => {
    hook = await createHookyard({ seed: 'hostile', clock: 'manual' });
    auth = 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64');
    const res = await hook.app.fetch(new Request('http://localhost/v2/Services', { method: 'POST', headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' }, body: 'FriendlyName=h&CustomCodeEnabled=true&Psd2Enabled=true&LookupEnabled=true' }));
    serviceSid = ((await res.json()) as { sid: string }).sid;
  });
  afterAll(() => hook.close());

  const ops = loadSpec('twilio_verify_v2.json');
  const PARAMS = ['To', 'Channel', 'Code', 'CustomCode', 'Locale', 'RateLimits', 'Tags', 'Amount', 'Payee', 'VerificationSid', 'Status', 'UniqueName', 'Max', 'Interval', 'Country', 'MessagingServiceSid', 'PhoneNumber', 'TemplateSid', 'ChannelConfiguration', 'CustomMessage', 'DateCreatedAfter', 'PageSize', '__proto__', 'constructor'];
  const value = fc.oneof(
    fc.constantFrom('+15017122661', '+4915123456789', 'a@b.co', 'sms', 'call', 'email', 'whatsapp', 'sna', 'auto', 'canceled', 'approved', '123456', '{}', '{"ip":"1"}', '[1]', 'null', '1e309', '-1', '0', 'all', 'CA', 'MG' + 'a'.repeat(32), '__proto__', 'toString', '%', ''),
    fc.string({ maxLength: 40 }),
  );
  const id = fc.oneof(fc.constantFrom('toString', 'constructor', '__proto__', '%2B1', 'VE' + '0'.repeat(32), '+15017122661', 'Summary'), fc.string({ minLength: 1, maxLength: 12 }).map(encodeURIComponent));

  it('never answers 5xx (but 501 for what is not built) and always in Twilio error shape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ops), fc.array(fc.tuple(fc.constantFrom(...PARAMS), value), { maxLength: 6 }), id, fc.boolean(), async (op, pairs, anyId, realService) => {
        const path = op.path.replace('{ServiceSid}', realService ? serviceSid : anyId).replace(/\{\w+\}/g, anyId);
        const body = new URLSearchParams(pairs).toString();
        const url = `http://localhost${path}${op.method === 'GET' ? `?${body}` : ''}`;
        const init: RequestInit = { method: op.method, headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' } };
        if (op.method === 'POST') init.body = body;
        const res = await hook.app.fetch(new Request(url, init));
        if (res.status >= 500) expect(res.status, `${op.method} ${path} ${body}`).toBe(501);
        if (res.status >= 400) {
          const err = (await res.json()) as Record<string, unknown>;
          expect(Object.keys(err).sort(), `${op.method} ${path} ${body}`).toEqual(['code', 'message', 'more_info', 'status']);
          expect(err['status']).toBe(res.status);
        }
      }),
      { numRuns: 600, seed: 20261201 },
    );
    // Still answering afterwards, and nothing leaked onto Object.prototype.
    expect((await hook.app.fetch(new Request('http://localhost/v2/Services', { headers: { authorization: auth } }))).status).toBe(200);
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});
