import * as OTPAuth from 'otpauth';
import twilio from 'twilio';
import { beforeAll, describe, expect, it } from 'vitest';
import { createManualClock, type Hookyard } from '../../src/index.js';
import { createPushDevice } from '../helpers/push-device.js';
import { formParams, type Receiver } from '../helpers/receiver.js';
import { useHookAndReceiver } from '../helpers/suite.js';
import { expectTwilioError, sdk } from '../helpers/twilio.js';

const IDENTITY = 'ff483d1ff591898a9942916050d2ca3f';

describe('Verify Push and TOTP: factors, challenges, and the webhooks that follow from them', () => {
  let hook: Hookyard;
  let receiver: Receiver;
  let client: ReturnType<typeof sdk>;
  const clock = createManualClock('2026-03-01T12:00:00Z');
  const env = useHookAndReceiver({ seed: 'push', clock });
  beforeAll(() => {
    ({ hook, receiver } = env);
    client = sdk(hook);
  });

  /** A Service with a webhook for every Push event, pointing at the real receiver. */
  const serviceWithWebhook = async (params: Record<string, unknown> = {}) => {
    const s = await client.verify.v2.services.create({ friendlyName: 'Push Bank', ...params });
    await client.verify.v2.services(s.sid).webhooks.create({ friendlyName: 'all', eventTypes: ['*'], webhookUrl: `${receiver.url}/verify` });
    return s;
  };
  /** Every webhook the receiver got, validated with twilio's own validator. */
  const webhooks = async () => {
    await hook.idle();
    return receiver.received.map((r) => {
      const params = formParams(r.body) as Record<string, string>;
      expect(twilio.validateRequest(hook.authToken, String(r.headers['x-twilio-signature']), r.url, params)).toBe(true);
      return params;
    });
  };
  /** A request as the device sends it (the mobile SDKs do not use twilio-node). */
  const device = (method: string, path: string, authorization: string, form?: Record<string, string>) =>
    fetch(hook.url + path, { method, headers: { authorization, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) }, ...(form ? { body: new URLSearchParams(form) } : {}) });

  it('walks the Push flow with a real P-256 key: access token → factor → verify → challenge → approve, each webhook signed', async () => {
    const s = await serviceWithWebhook();
    const phone = createPushDevice();
    const access = await client.verify.v2.services(s.sid).accessTokens.create({ identity: IDENTITY, factorType: 'push', factorFriendlyName: "Ana's Pixel" });
    expect(access).toMatchObject({ entityIdentity: IDENTITY, factorType: 'push', factorFriendlyName: "Ana's Pixel", ttl: 60 });
    expect(access.token.split('.')).toHaveLength(5);
    expect((await client.verify.v2.services(s.sid).accessTokens(access.sid).fetch()).token).toBe(access.token);

    const factorsPath = `/v2/Services/${s.sid}/Entities/${IDENTITY}/Factors`;
    const created = await device('POST', factorsPath, phone.basic(access.token), {
      FriendlyName: "Ana's Pixel", FactorType: 'push', 'Binding.PublicKey': phone.publicKey, 'Binding.Alg': 'ES256',
      'Config.SdkVersion': '0.9.0', 'Config.AppId': 'com.example.bank', 'Config.NotificationPlatform': 'fcm', 'Config.NotificationToken': 'f'.repeat(64),
      Metadata: JSON.stringify({ os: 'Android' }),
    });
    expect(created.status).toBe(201);
    const factor = (await created.json()) as { sid: string; status: string; binding: unknown; config: { credential_sid: string } };
    expect(factor).toMatchObject({ status: 'unverified', binding: { alg: 'ES256', public_key: phone.publicKey }, config: { notification_platform: 'fcm', app_id: 'com.example.bank' } });
    expect(factor.config.credential_sid).toMatch(/^CR[0-9a-f]{32}$/);
    // The access token creates a factor and nothing else.
    expect((await device('GET', `/v2/Services/${s.sid}/Entities`, phone.basic(access.token))).status).toBe(403);

    const jwt = () => phone.basic(phone.authJwt(factor.config.credential_sid, hook.accountSid, hook.clock.now()));
    const verified = await device('POST', `${factorsPath}/${factor.sid}`, jwt(), { AuthPayload: phone.proveFactor(factor.sid) });
    expect(verified.status).toBe(200);
    expect(((await verified.json()) as { status: string }).status).toBe('verified');

    const challenge = await client.verify.v2.services(s.sid).entities(IDENTITY).challenges.create({
      factorSid: factor.sid, 'details.message': 'Approve the transfer?', 'details.fields': [{ label: 'Amount', value: '€250' }], hiddenDetails: { ip: '203.0.113.7' },
    });
    expect(challenge).toMatchObject({ status: 'pending', factorType: 'push', respondedReason: 'none', details: { message: 'Approve the transfer?', fields: [{ label: 'Amount', value: '€250' }] }, hiddenDetails: { ip: '203.0.113.7' }, expirationDate: new Date('2026-03-01T12:05:00Z') });
    const push = hook.deliveries({ type: 'push.notification' });
    expect(push).toHaveLength(1);
    expect(push[0]).toMatchObject({ outcome: 'not_delivered', target: { kind: 'verify.push', url: `fcm:${'f'.repeat(64)}` } });
    expect(JSON.parse(push[0]!.request.body)).toMatchObject({ data: { type: 'verify_push_challenge', factor_sid: factor.sid, challenge_sid: challenge.sid } });

    // The device fetches the challenge, signs the fields the header names, and answers.
    const fetched = await device('GET', `/v2/Services/${s.sid}/Entities/${IDENTITY}/Challenges/${challenge.sid}`, jwt());
    const names = fetched.headers.get('twilio-verify-signature-fields')!.split(',');
    const body = (await fetched.json()) as Record<string, unknown>;
    expect(names).toContain('details');
    const fields = Object.fromEntries(names.map((n) => [n, body[n]]));
    const tampered = phone.answerJwt({ ...fields, details: { message: 'Something else', fields: [] } }, 'approved');
    const bad = await device('POST', `/v2/Services/${s.sid}/Entities/${IDENTITY}/Challenges/${challenge.sid}`, jwt(), { AuthPayload: tampered });
    expect(bad.status).toBe(403);
    expect(await bad.json()).toMatchObject({ code: 60324 });
    const stranger = createPushDevice().answerJwt(fields, 'approved');
    expect((await device('POST', `/v2/Services/${s.sid}/Entities/${IDENTITY}/Challenges/${challenge.sid}`, jwt(), { AuthPayload: stranger })).status).toBe(403);
    const approved = await device('POST', `/v2/Services/${s.sid}/Entities/${IDENTITY}/Challenges/${challenge.sid}`, jwt(), { AuthPayload: phone.answerJwt(fields, 'approved'), Metadata: JSON.stringify({ os: 'Android' }) });
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ status: 'approved', responded_reason: 'none', date_responded: '2026-03-01T12:00:00Z', metadata: { os: 'Android' } });
    expect(approved.headers.get('twilio-verify-signature-fields')).toBeNull();

    const got = await webhooks();
    expect(got.map((p) => p['type'])).toEqual(['factor.created', 'factor.verified', 'challenge.approved']);
    expect(got[2]).toMatchObject({ account_sid: hook.accountSid, service_sid: s.sid, entity_identity: IDENTITY, factor_sid: factor.sid, factor_type: 'push', factor_friendly_name: "Ana's Pixel", challenge_sid: challenge.sid });
    expect(JSON.parse(got[2]!['challenge_details']!)).toMatchObject({ message: 'Approve the transfer?' });
    expect(JSON.parse(got[2]!['factor_metadata']!)).toEqual({ os: 'Android' });
  });

  it('rejects a device JWT that is expired, unsigned by the factor, or for another factor — with hookyard\'s Date on 401', async () => {
    const s = await serviceWithWebhook();
    const mine = await hook.verify.createDevice({ serviceSid: s.sid, identity: IDENTITY });
    const other = await hook.verify.createDevice({ serviceSid: s.sid, identity: 'other-user-0001' });
    const path = `/v2/Services/${s.sid}/Entities/${IDENTITY}/Factors/${mine.factorSid}`;
    const phone = createPushDevice(mine.privateKey);
    const now = hook.clock.now();
    expect((await device('GET', path, phone.basic(phone.authJwt(mine.credentialSid, hook.accountSid, now)))).status).toBe(200);
    const expired = await device('GET', path, phone.basic(phone.authJwt(mine.credentialSid, hook.accountSid, new Date(now.getTime() - 3_600_000))));
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ code: 20003 });
    expect(expired.headers.get('date')).toBe(now.toUTCString());
    const forged = createPushDevice();
    expect((await device('GET', path, forged.basic(forged.authJwt(mine.credentialSid, hook.accountSid, now)))).status).toBe(401);
    expect((await device('GET', path, phone.basic(phone.authJwt(mine.credentialSid, 'AC' + '1'.repeat(32), now)))).status).toBe(401);
    const otherPhone = createPushDevice(other.privateKey);
    const crossed = await device('GET', path, otherPhone.basic(otherPhone.authJwt(other.credentialSid, hook.accountSid, now)));
    expect(crossed.status).toBe(403);
    expect((await device('GET', `/v2/Services/${s.sid}/Webhooks`, phone.basic(phone.authJwt(mine.credentialSid, hook.accountSid, now)))).status).toBe(403);
  });

  it('denies through a simulated device, expires on the clock (no webhook), and deletes a factor with factor.deleted', async () => {
    const s = await serviceWithWebhook();
    const dev = await (await fetch(`${hook.url}/_hookyard/verify/devices`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ serviceSid: s.sid, identity: IDENTITY, friendlyName: 'Sim' }) })).json() as { factorSid: string; status: string };
    expect(dev.status).toBe('verified');
    const challenges = client.verify.v2.services(s.sid).entities(IDENTITY).challenges;
    const a = await challenges.create({ factorSid: dev.factorSid, 'details.message': 'Log in?' });
    const denied = await (await fetch(`${hook.url}/_hookyard/verify/challenges/${a.sid}/deny`, { method: 'POST' })).json();
    expect(denied).toMatchObject({ status: 'denied', responded_reason: 'none' });
    const b = await challenges.create({ factorSid: dev.factorSid, 'details.message': 'Log in again?', expirationDate: new Date('2026-03-01T12:02:00Z') });
    hook.clock.advance('2m');
    expect((await challenges(b.sid).fetch()).status).toBe('expired');
    await expectTwilioError(challenges(b.sid).update({ authPayload: 'x' }), 403, 60323);
    expect((await challenges.list({ status: 'expired' })).map((c) => c.sid)).toEqual([b.sid]);
    expect((await challenges.list({ order: 'desc' })).map((c) => c.sid)).toEqual([b.sid, a.sid]);
    // Paged one at a time by the SDK, either way; one past its expiration date is expired by the listing itself.
    const c3 = await challenges.create({ factorSid: dev.factorSid, 'details.message': 'Third?', expirationDate: new Date(hook.clock.now().getTime() + 60_000) });
    hook.clock.advance('2m');
    expect((await challenges.list({ order: 'desc', pageSize: 1 })).map((c) => [c.sid, c.status])).toEqual([[c3.sid, 'expired'], [b.sid, 'expired'], [a.sid, 'denied']]);
    expect((await challenges.list({ status: 'expired', pageSize: 1 })).map((c) => c.sid)).toEqual([b.sid, c3.sid]);
    await expectTwilioError(challenges.create({ factorSid: dev.factorSid }), 400, 60368);

    expect(await client.verify.v2.services(s.sid).entities(IDENTITY).factors(dev.factorSid).remove()).toBe(true);
    await expectTwilioError(client.verify.v2.services(s.sid).entities(IDENTITY).factors(dev.factorSid).fetch(), 404, 60390);
    await expectTwilioError(challenges(a.sid).fetch(), 404, 60391);
    expect((await webhooks()).map((p) => p['type'])).toEqual(['factor.created', 'factor.verified', 'challenge.denied', 'factor.deleted']);
    hook.clock.set('2026-03-01T12:00:00Z');
  });

  it('verifies TOTP codes from a real TOTP library on hookyard\'s clock: wrong codes stay unverified, then 60310; challenges 60308', async () => {
    const s = await serviceWithWebhook({ 'totp.issuer': 'Push Bank' });
    const factors = client.verify.v2.services(s.sid).entities(IDENTITY).newFactors;
    const f = await factors.create({ friendlyName: 'ana@example.com', factorType: 'totp', 'config.codeLength': 8, 'config.alg': 'sha256' });
    expect(f).toMatchObject({ factorType: 'totp', status: 'unverified', config: { alg: 'sha256', code_length: 8, time_step: 30, skew: 1 } });
    const binding = f.binding as { secret: string; uri: string };
    expect(binding.uri).toBe(`otpauth://totp/Push%20Bank:ana%40example.com?secret=${binding.secret}&issuer=Push%20Bank&algorithm=SHA256&digits=8&period=30`);
    const totp = OTPAuth.URI.parse(binding.uri) as OTPAuth.TOTP;
    const code = (offsetSteps = 0) => totp.generate({ timestamp: hook.clock.now().getTime() + offsetSteps * 30_000 });
    const factor = client.verify.v2.services(s.sid).entities(IDENTITY).factors(f.sid);
    // hookyard's own reading of the code agrees with the library's, over HTTP and in-process.
    expect(await (await fetch(`${hook.url}/_hookyard/verify/totp/${f.sid}`)).json()).toEqual({ code: code(), validUntil: '2026-03-01T12:00:30.000Z' });
    expect(hook.verify.totp(f.sid).code).toBe(code());
    const wrong = code() === '00000000' ? '11111111' : '00000000';
    for (let i = 0; i < 5; i++) expect((await factor.update({ authPayload: wrong })).status).toBe('unverified');
    await expectTwilioError(factor.update({ authPayload: code() }), 429, 60310);

    const g = await factors.create({ friendlyName: 'second', factorType: 'totp' });
    const totp2 = OTPAuth.URI.parse((g.binding as { uri: string }).uri) as OTPAuth.TOTP;
    // One step of skew either way is accepted; two are not.
    expect((await client.verify.v2.services(s.sid).entities(IDENTITY).factors(g.sid).update({ authPayload: totp2.generate({ timestamp: hook.clock.now().getTime() - 60_000 }) })).status).toBe('unverified');
    expect((await client.verify.v2.services(s.sid).entities(IDENTITY).factors(g.sid).update({ authPayload: totp2.generate({ timestamp: hook.clock.now().getTime() - 30_000 }) })).status).toBe('verified');

    const challenges = client.verify.v2.services(s.sid).entities(IDENTITY).challenges;
    hook.clock.advance('90s');
    const now = () => totp2.generate({ timestamp: hook.clock.now().getTime() });
    expect((await challenges.create({ factorSid: g.sid, authPayload: now() })).status).toBe('approved');
    const pending = await challenges.create({ factorSid: g.sid });
    for (let i = 0; i < 5; i++) expect((await challenges(pending.sid).update({ authPayload: '000000' === now() ? '111111' : '000000' })).status).toBe('pending');
    await expectTwilioError(challenges(pending.sid).update({ authPayload: now() }), 429, 60308);
    const approvedByDevice = await challenges.create({ factorSid: g.sid });
    expect((await hook.verify.approve(approvedByDevice.sid))['status']).toBe('approved');
    const types = (await webhooks()).map((p) => [p['type'], p['factor_type']]);
    expect(types).toEqual([['factor.created', 'totp'], ['factor.created', 'totp'], ['factor.verified', 'totp'], ['challenge.approved', 'totp'], ['challenge.approved', 'totp']]);
    hook.clock.set('2026-03-01T12:00:00Z');
  });

  it('validates factors and challenges in Twilio\'s codes, and refuses challenges on unverified factors (60318)', async () => {
    const s = await serviceWithWebhook();
    const factors = client.verify.v2.services(s.sid).entities(IDENTITY).newFactors;
    const base = { friendlyName: 'x', factorType: 'push', 'binding.alg': 'ES256', 'binding.publicKey': createPushDevice().publicKey, 'config.sdkVersion': '1', 'config.appId': 'a', 'config.notificationPlatform': 'none' } as const;
    await expectTwilioError(factors.create({ ...base, 'binding.publicKey': 'bm90IGEga2V5' }), 400, 60200, /Binding.PublicKey/);
    await expectTwilioError(factors.create({ ...base, 'binding.alg': 'RS256' }), 400, 60200, /Binding.Alg/);
    await expectTwilioError(factors.create({ ...base, factorType: 'passkeys' as never }), 400, 60369);
    await expectTwilioError(client.verify.v2.services(s.sid).entities('short').newFactors.create(base), 400, 60367);
    await expectTwilioError(factors.create({ ...base, 'config.notificationPlatform': 'fcm' }), 400, 60200, /NotificationToken/);
    const f = await factors.create(base);
    await expectTwilioError(client.verify.v2.services(s.sid).entities(IDENTITY).challenges.create({ factorSid: f.sid, 'details.message': 'm' }), 403, 60318);
    await expectTwilioError(client.verify.v2.services(s.sid).entities(IDENTITY).factors(f.sid).update({ authPayload: 'AAAA' }), 403, 60311);
    expect((await client.verify.v2.services(s.sid).entities.list()).map((e) => e.identity)).toEqual([IDENTITY]);
    expect(await client.verify.v2.services(s.sid).entities(IDENTITY).remove()).toBe(true);
    await expectTwilioError(client.verify.v2.services(s.sid).entities(IDENTITY).fetch(), 404, 60392);
    expect((await webhooks()).map((p) => p['type'])).toEqual(['factor.created', 'factor.deleted']);
  });

  it('records notifications, and emits events about a named factor from its real state', async () => {
    const s = await serviceWithWebhook();
    const phone = createPushDevice();
    const f = await client.verify.v2.services(s.sid).entities(IDENTITY).newFactors.create({ friendlyName: 'iPhone', factorType: 'push', 'binding.alg': 'ES256', 'binding.publicKey': phone.publicKey, 'config.sdkVersion': '3.0.2', 'config.appId': 'com.example', 'config.notificationPlatform': 'apn', 'config.notificationToken': 'a'.repeat(64) });
    await client.verify.v2.services(s.sid).entities(IDENTITY).factors(f.sid).update({ authPayload: phone.proveFactor(f.sid) });
    const ch = await client.verify.v2.services(s.sid).entities(IDENTITY).challenges.create({ factorSid: f.sid, 'details.message': 'Hi' });
    const n = await client.verify.v2.services(s.sid).entities(IDENTITY).challenges(ch.sid).notifications.create({ ttl: 120 });
    expect(n).toMatchObject({ challengeSid: ch.sid, identity: IDENTITY, priority: 'high', ttl: 120 });
    expect(n.sid).toMatch(/^NT[0-9a-f]{32}$/);
    expect(hook.deliveries({ type: 'push.notification' }).map((d) => d.target.url)).toEqual([`apn:${'a'.repeat(64)}`, `apn:${'a'.repeat(64)}`]);
    receiver.received.length = 0;
    await hook.emit({ type: 'challenge.approved', serviceSid: s.sid, challengeSid: ch.sid, wait: true });
    const [p] = await webhooks();
    expect(p).toMatchObject({ type: 'challenge.approved', factor_sid: f.sid, challenge_sid: ch.sid, entity_identity: IDENTITY, factor_friendly_name: 'iPhone' });
  });
});
