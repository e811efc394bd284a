import twilio from 'twilio';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Hookyard } from '../../src/index.js';
import { createAuthenticator } from '../helpers/authenticator.js';
import { formParams, type Receiver } from '../helpers/receiver.js';
import { useHookAndReceiver } from '../helpers/suite.js';
import { sdk } from '../helpers/twilio.js';

const ORIGIN = 'https://bank.example';

describe('Verify passkeys: WebAuthn registration and authentication, verified for real, with a software authenticator', () => {
  let hook: Hookyard;
  let receiver: Receiver;
  let client: ReturnType<typeof sdk>;
  const env = useHookAndReceiver({ seed: 'passkeys' });
  beforeAll(() => {
    ({ hook, receiver } = env);
    client = sdk(hook);
  });

  const post = async (path: string, body: unknown) => {
    const res = await fetch(hook.url + path, { method: 'POST', headers: { authorization: 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64'), 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  };
  const service = async () => {
    const s = await client.verify.v2.services.create({ friendlyName: 'Bank', 'passkeys.relyingParty.id': 'bank.example', 'passkeys.relyingParty.name': 'Bank', 'passkeys.relyingParty.origins': ORIGIN, 'passkeys.authenticatorAttachment': 'platform', 'passkeys.discoverableCredentials': 'preferred', 'passkeys.userVerification': 'required' });
    await client.verify.v2.services(s.sid).webhooks.create({ friendlyName: 'all', eventTypes: ['*'], webhookUrl: `${receiver.url}/v` });
    return s;
  };

  it('registers a passkey and signs in with it, by identity and discoverably; each step announced', async () => {
    const s = await service();
    expect(s.passkeys).toMatchObject({ relying_party: { id: 'bank.example', name: 'Bank', origins: [ORIGIN] }, user_verification: 'required' });
    const created = await post(`/v2/Services/${s.sid}/Passkeys/Factors`, { friendly_name: 'Ana', identity: 'user-ana-0001' });
    expect(created.status).toBe(201);
    const f = created.json;
    expect(f).toMatchObject({ factor_type: 'passkeys', status: 'unverified', binding: null, config: { relying_party: { id: 'bank.example' }, user_verification: 'required' } });
    const opts = f['options'].publicKey;
    expect(opts).toMatchObject({ rp: { id: 'bank.example', name: 'Bank' }, user: { name: 'Ana', displayName: 'Ana' }, timeout: 600000, attestation: 'none', authenticatorSelection: { authenticatorAttachment: 'platform', userVerification: 'required', requireResidentKey: false } });
    expect(Buffer.from(opts.challenge, 'base64url').toString()).toBe(f['sid']);
    expect(Buffer.from(opts.user.id, 'base64url').toString()).toBe(f['entity_sid']);

    const authenticator = createAuthenticator(ORIGIN);
    const attestation = authenticator.create(opts);
    const verified = await post(`/v2/Services/${s.sid}/Passkeys/VerifyFactor`, attestation);
    expect(verified).toMatchObject({ status: 200, json: { sid: f['sid'], status: 'verified', factor_type: 'passkeys' } });
    expect(verified.json).not.toHaveProperty('options');

    const byIdentity = await post(`/v2/Services/${s.sid}/Passkeys/Challenges`, { identity: 'user-ana-0001' });
    expect(byIdentity).toMatchObject({ status: 201, json: { status: 'pending', identity: 'user-ana-0001', factor_type: 'passkeys', expiration_date: null, url: `${hook.url}/v2/Services/${s.sid}/Passkeys/Challenges` } });
    const request = byIdentity.json['options'].publicKey;
    expect(request.allowCredentials.map((c: { id: string }) => c.id)).toEqual([attestation.id]);
    const approved = await post(`/v2/Services/${s.sid}/Passkeys/ApproveChallenge`, authenticator.get(request));
    expect(approved).toMatchObject({ status: 200, json: { sid: byIdentity.json['sid'], status: 'approved', factor_sid: f['sid'], url: `${hook.url}/v2/Services/${s.sid}/Passkeys/ApproveChallenge` } });

    const discoverable = await post(`/v2/Services/${s.sid}/Passkeys/Challenges`, {});
    expect(discoverable.json).toMatchObject({ entity_sid: '', identity: '', factor_sid: '', status: 'pending' });
    expect(discoverable.json['options'].publicKey.allowCredentials).toEqual([]);
    const signedIn = await post(`/v2/Services/${s.sid}/Passkeys/ApproveChallenge`, authenticator.get(discoverable.json['options'].publicKey));
    expect(signedIn.json).toMatchObject({ status: 'approved', identity: 'user-ana-0001', factor_sid: f['sid'] });

    await hook.idle();
    const got = receiver.received.map((r) => {
      const p = formParams(r.body) as Record<string, string>;
      expect(twilio.validateRequest(hook.authToken, String(r.headers['x-twilio-signature']), r.url, p)).toBe(true);
      return [p['type'], p['factor_type']];
    });
    expect(got).toEqual([['factor.created', 'passkeys'], ['factor.verified', 'passkeys'], ['challenge.approved', 'passkeys'], ['challenge.approved', 'passkeys']]);
  });

  it('refuses a wrong origin, a replayed or foreign assertion, and missing criteria', async () => {
    const s = await service();
    const f = (await post(`/v2/Services/${s.sid}/Passkeys/Factors`, { friendly_name: 'Bo', identity: 'user-bo-00001' })).json;
    const evil = createAuthenticator('https://evil.example');
    const wrongOrigin = await post(`/v2/Services/${s.sid}/Passkeys/VerifyFactor`, evil.create(f['options'].publicKey));
    expect(wrongOrigin).toMatchObject({ status: 403, json: { code: 60311 } });
    const good = createAuthenticator(ORIGIN);
    await post(`/v2/Services/${s.sid}/Passkeys/VerifyFactor`, good.create(f['options'].publicKey));
    const ch = (await post(`/v2/Services/${s.sid}/Passkeys/Challenges`, { identity: 'user-bo-00001' })).json;
    const assertion = good.get(ch['options'].publicKey);
    const stranger = createAuthenticator(ORIGIN);
    const foreign = stranger.create({ challenge: 'x', rp: { id: 'bank.example' }, user: { id: 'x' } });
    expect((await post(`/v2/Services/${s.sid}/Passkeys/ApproveChallenge`, stranger.get(ch['options'].publicKey, foreign.id))).json).toMatchObject({ code: 60324 });
    const tampered = { ...assertion, response: { ...assertion.response, signature: good.get(ch['options'].publicKey).response.signature } };
    expect((await post(`/v2/Services/${s.sid}/Passkeys/ApproveChallenge`, tampered)).json).toMatchObject({ code: 60324 });
    expect((await post(`/v2/Services/${s.sid}/Passkeys/ApproveChallenge`, assertion)).json).toMatchObject({ status: 'approved' });
    expect((await post(`/v2/Services/${s.sid}/Passkeys/ApproveChallenge`, assertion)).status).toBe(409);

    const bare = await client.verify.v2.services.create({ friendlyName: 'No passkeys' });
    const missing = await post(`/v2/Services/${bare.sid}/Passkeys/Factors`, { friendly_name: 'x', identity: 'user-x-000001' });
    expect(missing).toMatchObject({ status: 400, json: { code: 60393, message: expect.stringContaining('relying_party.id') } });
    expect((await post(`/v2/Services/${s.sid}/Passkeys/Factors`, { identity: 'user-x-000001' })).status).toBe(400);
  });
});
