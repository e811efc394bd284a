import { CloudEvent } from 'cloudevents';
import twilio from 'twilio';
import { beforeAll, describe, expect, it } from 'vitest';
import { createManualClock, type Hookyard, type ManualClock } from '../../src/index.js';
import { PROVIDERS } from '../../src/providers/index.js';
import { createApi } from '../../src/scenarios/api.js';
import type { Receiver } from '../helpers/receiver.js';
import { useHookAndReceiver } from '../helpers/suite.js';
import { expectTwilioError, sdk } from '../helpers/twilio.js';

const TO = '+15017122661';

describe('Verify verifications and checks through the twilio SDK', () => {
  let hook: Hookyard;
  let receiver: Receiver;
  let client: ReturnType<typeof sdk>;
  const clock: ManualClock = createManualClock('2026-02-01T09:00:00Z');
  const env = useHookAndReceiver({ seed: 'verify-codes', clock });
  beforeAll(() => {
    ({ hook, receiver } = env);
    client = sdk(hook);
  });

  const service = (params: Parameters<ReturnType<typeof sdk>['verify']['v2']['services']['create']>[0] = { friendlyName: 'My App' }) => client.verify.v2.services.create(params);
  const codes = async (query = '') => ((await (await fetch(`${hook.url}/_hookyard/verify/codes${query}`)).json()) as { codes: { to: string; code: string; body: string; verificationSid: string; channel: string }[] }).codes;
  const moveClock = async (body: unknown) => {
    const res = await fetch(`${hook.url}/_hookyard/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  it('walks the SMS flow: start → read the code → check → approved, then the verification is gone', async () => {
    const s = await service();
    const v = await client.verify.v2.services(s.sid).verifications.create({ to: TO, channel: 'sms' });
    expect(v).toMatchObject({ serviceSid: s.sid, accountSid: hook.accountSid, to: TO, channel: 'sms', status: 'pending', valid: false, lookup: {}, amount: null, payee: null, sna: null });
    expect(v.sid).toMatch(/^VE[0-9a-f]{32}$/);
    expect(v.sendCodeAttempts).toEqual([{ time: '2026-02-01T09:00:00Z', channel: 'SMS', attempt_sid: expect.stringMatching(/^VL[0-9a-f]{32}$/) }]);
    expect(v.url).toBe(`${hook.url}/v2/Services/${s.sid}/Verifications/${v.sid}`);

    const [sent] = await codes(`?to=${encodeURIComponent(TO)}`);
    expect(sent).toMatchObject({ to: TO, channel: 'sms', verificationSid: v.sid, serviceSid: s.sid, sentAt: '2026-02-01T09:00:00.000Z' });
    expect(sent!.code).toMatch(/^\d{6}$/);
    expect(sent!.body).toBe(`Your My App verification code is: ${sent!.code}`);
    expect(hook.verify.codes({ verificationSid: v.sid })).toEqual([expect.objectContaining({ code: sent!.code })]);

    expect((await client.verify.v2.services(s.sid).verifications(v.sid).fetch()).status).toBe('pending');
    const check = await client.verify.v2.services(s.sid).verificationChecks.create({ to: TO, code: sent!.code });
    expect(check).toMatchObject({ sid: v.sid, status: 'approved', valid: true, to: TO, channel: 'sms', snaAttemptsErrorCodes: [] });

    await expectTwilioError(client.verify.v2.services(s.sid).verifications(v.sid).fetch(), 404, 20404, new RegExp(`/Services/${s.sid}/Verifications/${v.sid} was not found`));
    await expectTwilioError(client.verify.v2.services(s.sid).verificationChecks.create({ to: TO, code: sent!.code }), 404, 20404, /VerificationCheck was not found/);
  });

  it('counts wrong codes: five leave it max_attempts_reached, the sixth is 429 / 60202; a new start is a new verification', async () => {
    const s = await service();
    const checks = client.verify.v2.services(s.sid).verificationChecks;
    const v = await client.verify.v2.services(s.sid).verifications.create({ to: TO, channel: 'sms' });
    const right = hook.verify.codes({ to: TO })[0]!.code;
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 4; i++) expect(await checks.create({ verificationSid: v.sid, code: wrong })).toMatchObject({ status: 'pending', valid: false });
    expect(await checks.create({ verificationSid: v.sid, code: wrong })).toMatchObject({ status: 'max_attempts_reached', valid: false });
    await expectTwilioError(checks.create({ verificationSid: v.sid, code: right }), 429, 60202, /Max check attempts reached/);
    await expectTwilioError(checks.create({ to: TO, code: right }), 429, 60202);
    const again = await client.verify.v2.services(s.sid).verifications.create({ to: TO, channel: 'sms' });
    expect(again.sid).not.toBe(v.sid);
    expect((await checks.create({ to: TO, code: hook.verify.codes({ to: TO })[0]!.code })).status).toBe('approved');
  });

  it('re-sends the same code to the same verification, five times at most (60203), unless the number is safelisted', async () => {
    const s = await service();
    const verifications = client.verify.v2.services(s.sid).verifications;
    const first = await verifications.create({ to: TO, channel: 'sms' });
    for (let n = 2; n <= 5; n++) {
      const v = await verifications.create({ to: TO, channel: n === 3 ? 'call' : 'sms' });
      expect(v.sid).toBe(first.sid);
      expect(v.sendCodeAttempts).toHaveLength(n);
    }
    expect((await verifications(first.sid).fetch()).sendCodeAttempts.map((a: { channel: string }) => a.channel)).toEqual(['SMS', 'SMS', 'CALL', 'SMS', 'SMS']);
    await expectTwilioError(verifications.create({ to: TO, channel: 'sms' }), 429, 60203, /Max send attempts reached/);
    const sent = hook.verify.codes({ verificationSid: first.sid });
    expect(sent).toHaveLength(5);
    expect(new Set(sent.map((m) => m.code)).size).toBe(1);
    expect(sent[2]!.body).toMatch(/^Your My App verification code is: \d, \d, \d, \d, \d, \d\.$/);

    expect(await client.verify.v2.safelist.create({ phoneNumber: TO })).toMatchObject({ phoneNumber: TO, sid: expect.stringMatching(/^GN[0-9a-f]{32}$/), url: `${hook.url}/v2/SafeList/Numbers/${TO}` });
    await expectTwilioError(client.verify.v2.safelist.create({ phoneNumber: TO }), 400, 60411);
    expect((await verifications.create({ to: TO, channel: 'sms' })).sendCodeAttempts).toHaveLength(6);
    expect(await client.verify.v2.safelist(TO).remove()).toBe(true);
    await expectTwilioError(client.verify.v2.safelist(TO).fetch(), 404, 20404);
    await expectTwilioError(verifications.create({ to: TO, channel: 'sms' }), 429, 60203);
  });

  it('cancels (by SID or by To) and approves by hand; an ended verification cannot be checked or updated', async () => {
    const s = await service();
    const verifications = client.verify.v2.services(s.sid).verifications;
    const v = await verifications.create({ to: TO, channel: 'sms' });
    expect((await verifications(TO).fetch()).sid).toBe(v.sid);
    expect(await verifications(TO).update({ status: 'canceled' })).toMatchObject({ sid: v.sid, status: 'canceled', valid: false });
    await expectTwilioError(client.verify.v2.services(s.sid).verificationChecks.create({ to: TO, code: hook.verify.codes({ to: TO })[0]!.code }), 404, 20404);
    await expectTwilioError(verifications(v.sid).update({ status: 'approved' }), 404, 20404);
    const email = await verifications.create({ to: 'ana@example.com', channel: 'email' });
    expect(email.sendCodeAttempts[0]).toMatchObject({ channel: 'EMAIL' });
    expect(await verifications(email.sid).update({ status: 'approved' })).toMatchObject({ status: 'approved', valid: true });
    await expectTwilioError(verifications(email.sid).update({ status: 'pending' as never }), 400, 60200, /Status/);
  });

  it('expires a pending verification 10 minutes after it started, on the clock moved through /_hookyard/clock', async () => {
    await expectTwilioError(client.verify.v2.services((await service()).sid).verifications.create({ to: TO, channel: 'whatsapp' }), 400, 68008, /WhatsApp channel not configured/);
    const s = await service({ friendlyName: 'My App', 'whatsapp.msgServiceSid': 'MG' + 'a'.repeat(32), 'whatsapp.from': '+14155552671' });
    const v = await client.verify.v2.services(s.sid).verifications.create({ to: TO, channel: 'whatsapp' });
    const code = hook.verify.codes({ to: TO })[0]!.code;
    expect(await moveClock({ advance: '9m59s' })).toMatchObject({ status: 200, json: { now: '2026-02-01T09:09:59.000Z', mode: 'manual' } });
    expect((await client.verify.v2.services(s.sid).verifications(v.sid).fetch()).status).toBe('pending');
    await moveClock({ advance: '1s' });
    await expectTwilioError(client.verify.v2.services(s.sid).verifications(v.sid).fetch(), 404, 20404);
    await expectTwilioError(client.verify.v2.services(s.sid).verificationChecks.create({ to: TO, code }), 404, 20404);
    const [attempt] = await client.verify.v2.verificationAttempts.list({ verificationSid: v.sid });
    expect(attempt).toMatchObject({ conversionStatus: 'unconverted', channel: 'whatsapp', channelData: expect.objectContaining({ status: 'expired' }) });
    expect((await moveClock({ set: '2026-02-01T09:00:00Z' })).json).toMatchObject({ now: '2026-02-01T09:00:00.000Z' });
  });

  it('validates the start: To per channel, Channel, custom codes, locales, PSD2 — 60200 naming the parameter, nothing stored', async () => {
    const s = await service();
    const verifications = client.verify.v2.services(s.sid).verifications;
    await expectTwilioError(verifications.create({ to: '5017122661', channel: 'sms' }), 400, 60200, /Invalid parameter `To`/);
    await expectTwilioError(verifications.create({ to: '+15551234567', channel: 'sms' }), 400, 60200, /`To`/);
    await expectTwilioError(verifications.create({ to: TO, channel: 'email' }), 400, 60200, /`To`/);
    await expectTwilioError(verifications.create({ to: TO, channel: 'pigeon' }), 400, 60200, /`Channel`/);
    await expectTwilioError(verifications.create({ to: TO, channel: 'sms', locale: 'xx' }), 404, 20404, /Locale 'xx' is not supported/);
    await expectTwilioError(verifications.create({ to: TO, channel: 'sms', customCode: '1234' }), 403, 60204);
    await expectTwilioError(verifications.create({ to: TO, channel: 'sms', rateLimits: { nope: 'x' } }), 400, 60200, /RateLimits/);
    // `curl -d To=+1…`: the + arrives as a space, and the error says so.
    const raw = await fetch(`${hook.url}/v2/Services/${s.sid}/Verifications`, {
      method: 'POST',
      headers: { authorization: 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64'), 'content-type': 'application/x-www-form-urlencoded' },
      body: `To=${TO}&Channel=sms`,
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ code: 60200, message: expect.stringContaining('--data-urlencode') });
    expect(hook.verify.codes()).toEqual([]);
    expect(await client.verify.v2.verificationAttempts.list()).toEqual([]);

    const custom = await service({ friendlyName: 'Custom', customCodeEnabled: true, codeLength: 8, psd2Enabled: true });
    const cv = client.verify.v2.services(custom.sid).verifications;
    await expectTwilioError(cv.create({ to: TO, channel: 'sms', amount: '€39.99' }), 400, 60206);
    await expectTwilioError(cv.create({ to: TO, channel: 'sms', customCode: 'abc', amount: '€1', payee: 'Acme' }), 400, 60200, /CustomCode/);
    const v = await cv.create({ to: '+4915123456789', channel: 'sms', customCode: 'Hook-42', amount: '€39.99', payee: 'Acme Inc.' });
    expect(v).toMatchObject({ amount: '€39.99', payee: 'Acme Inc.' });
    const checks = client.verify.v2.services(custom.sid).verificationChecks;
    expect((await checks.create({ to: '+4915123456789', code: 'Hook-42', amount: '€1.00', payee: 'Acme Inc.' })).status).toBe('pending');
    expect((await checks.create({ to: '+4915123456789', code: 'Hook-42', amount: '€39.99', payee: 'Acme Inc.' })).status).toBe('approved');
    expect(hook.verify.codes({ serviceSid: custom.sid })[0]).toMatchObject({ code: 'Hook-42', locale: 'de', body: 'Ihr Custom-Bestätigungscode lautet: Hook-42' });
    const es = await client.verify.v2.services(s.sid).verifications.create({ to: TO, channel: 'sms', locale: 'es', customFriendlyName: 'Acme' });
    expect(hook.verify.codes({ verificationSid: es.sid })[0]!.body).toMatch(/^Tu código de verificación de Acme es: \d{6}$/);
  });

  it('meters RateLimits against buckets (429 / 20429), in a sliding window on the clock', async () => {
    const s = await service();
    const limit = await client.verify.v2.services(s.sid).rateLimits.create({ uniqueName: 'end_user_ip_address', description: 'per IP' });
    expect(limit).toMatchObject({ uniqueName: 'end_user_ip_address', description: 'per IP', links: { buckets: `${limit.url}/Buckets` } });
    const bucket = await client.verify.v2.services(s.sid).rateLimits(limit.sid).buckets.create({ max: 2, interval: 60 });
    expect(bucket).toMatchObject({ rateLimitSid: limit.sid, serviceSid: s.sid, max: 2, interval: 60 });
    await expectTwilioError(client.verify.v2.services(s.sid).rateLimits(limit.sid).buckets.create({ max: 5, interval: 60 }), 400, 60211);
    await expectTwilioError(client.verify.v2.services(s.sid).rateLimits.create({ uniqueName: 'end_user_ip_address' }), 400, 60208);
    const start = (to: string, ip: string) => client.verify.v2.services(s.sid).verifications.create({ to, channel: 'sms', rateLimits: { end_user_ip_address: ip } });
    await start('+14155552671', '10.0.0.1');
    await moveClock({ advance: '30s' });
    await start('+14155552672', '10.0.0.1');
    await start('+14155552673', '10.0.0.2');
    await expectTwilioError(start('+14155552674', '10.0.0.1'), 429, 20429, /Too many requests/);
    await moveClock({ advance: '31s' });
    await start('+14155552674', '10.0.0.1');
    await expectTwilioError(start('+14155552675', '10.0.0.1'), 429, 20429);
    expect(await client.verify.v2.services(s.sid).rateLimits(limit.sid).buckets(bucket.sid).update({ max: 10 })).toMatchObject({ max: 10, interval: 60 });
    await start('+14155552675', '10.0.0.1');
    expect(await client.verify.v2.services(s.sid).rateLimits(limit.sid).remove()).toBe(true);
    await expectTwilioError(client.verify.v2.services(s.sid).rateLimits(limit.sid).buckets(bucket.sid).fetch(), 404, 20404);
  });

  it('lists attempts with the documented filters and summarises conversion', async () => {
    const s = await service();
    const other = await service({ friendlyName: 'Other' });
    const approve = async (svc: string, to: string, channel: string) => {
      await client.verify.v2.services(svc).verifications.create({ to, channel });
      await client.verify.v2.services(svc).verificationChecks.create({ to, code: hook.verify.codes({ to, serviceSid: svc })[0]!.code });
    };
    await approve(s.sid, TO, 'sms');
    await approve(s.sid, '+33612345678', 'call');
    await client.verify.v2.services(s.sid).verifications.create({ to: '+4915123456789', channel: 'sms' });
    await client.verify.v2.services(other.sid).verifications.create({ to: TO, channel: 'sms' });
    const all = await client.verify.v2.verificationAttempts.list();
    expect(all).toHaveLength(4);
    expect(all[0]).toMatchObject({ serviceSid: s.sid, channel: 'sms', conversionStatus: 'converted', price: { currency: 'usd' }, channelData: expect.objectContaining({ to: TO, country: 'US', code_length: 6, status: 'confirmed' }) });
    expect((await client.verify.v2.verificationAttempts(all[0]!.sid).fetch()).sid).toBe(all[0]!.sid);
    expect((await client.verify.v2.verificationAttempts.list({ verifyServiceSid: s.sid })).length).toBe(3);
    expect((await client.verify.v2.verificationAttempts.list({ country: 'FR' })).map((a) => a.channel)).toEqual(['call']);
    expect((await client.verify.v2.verificationAttempts.list({ 'channelData.to': TO, status: 'unconverted' } as never)).map((a) => a.serviceSid)).toEqual([other.sid]);
    expect((await client.verify.v2.verificationAttempts.list({ dateCreatedAfter: new Date('2026-02-01T10:00:00Z') })).length).toBe(0);
    const summary = await client.verify.v2.verificationAttemptsSummary().fetch({ verifyServiceSid: s.sid });
    expect(summary).toMatchObject({ totalAttempts: 3, totalConverted: 2, totalUnconverted: 1, conversionRatePercentage: '66.666666667' });
    expect((await client.verify.v2.verificationAttemptsSummary().fetch({ destinationPrefix: '+49' })).totalAttempts).toBe(1);
    await expectTwilioError(client.verify.v2.verificationAttempts('VL' + '0'.repeat(32)).fetch(), 404, 20404);
  });

  it('announces verification and message status on Event Streams when the Service subscribes', async () => {
    const api = createApi(hook.url, { accountSid: hook.accountSid, authToken: hook.authToken, sinchProjectId: hook.sinch.projectId, sinchKeyId: hook.sinch.keyId, sinchKeySecret: hook.sinch.keySecret });
    const events = PROVIDERS.find((p) => p.name === 'twilio.events')!;
    await events.setup(api, 'com.twilio.accountsecurity.verify.verification.approved', `${receiver.url}/stream`);
    const [sub] = await client.events.v1.subscriptions.list();
    await client.events.v1.subscriptions(sub!.sid).subscribedEvents.create({ type: 'com.twilio.accountsecurity.verify.verification.pending' });
    const quiet = await service({ friendlyName: 'Quiet' });
    await client.verify.v2.services(quiet.sid).verifications.create({ to: TO, channel: 'sms' });
    const s = await service({ friendlyName: 'Streamed', verifyEventSubscriptionEnabled: true });
    const v = await client.verify.v2.services(s.sid).verifications.create({ to: '+14155552671', channel: 'sms' });
    await client.verify.v2.services(s.sid).verificationChecks.create({ verificationSid: v.sid, code: hook.verify.codes({ verificationSid: v.sid })[0]!.code });
    await hook.idle();
    const streamed = receiver.received.filter((r) => r.url.includes('/stream') && !r.body.includes('test-event'));
    const ces = streamed.map((r) => {
      expect(twilio.validateRequestWithBody(hook.authToken, String(r.headers['x-twilio-signature']), r.url, r.body)).toBe(true);
      return new CloudEvent<Record<string, unknown>>((JSON.parse(r.body) as object[])[0] as never, true);
    });
    expect(ces.map((e) => e.type)).toEqual(['com.twilio.accountsecurity.verify.verification.pending', 'com.twilio.accountsecurity.verify.verification.approved']);
    expect(ces[1]!.source).toBe(`/v2/Services/${s.sid}/Verifications/${v.sid}`);
    expect(ces[1]!.data).toMatchObject({ verification_sid: v.sid, service_sid: s.sid, friendly_name: 'Streamed', to: '+14155552671', verification_status: 'APPROVED', country: 'US', code_length: 6, send_code_attempts: { count: 1 }, check_attempts: { count: 1, attempts: [{ status: 'APPROVED' }] } });
  });

  it('answers the clock route: GET, and 400 naming what is wrong', async () => {
    expect(await (await fetch(`${hook.url}/_hookyard/clock`)).json()).toMatchObject({ mode: 'manual', now: expect.any(String) });
    for (const [body, param] of [[{ advance: 'soon' }, 'advance'], [{ set: 'tomorrow' }, 'set'], [{ advance: '1m', set: '2026-01-01T00:00:00Z' }, 'body'], [{ warp: 1 }, 'warp'], [{ advance: -5 }, 'advance'], [[1], 'body']] as const) {
      const r = await moveClock(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json).toMatchObject({ error: { kind: 'invalid_param', param } });
    }
  });
});
