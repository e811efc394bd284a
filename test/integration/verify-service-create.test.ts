import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHookyard, type Hookyard } from '../../src/index.js';

/**
 * createService builds its row in one literal (its hot path), updateService merges parameters into a stored
 * row: two code paths for one rule. Whatever valid parameters are sent, creating a service with them must
 * give the same resource as creating it with its name alone and then updating it with them.
 */
describe('Verify Service create with parameters = create then update', () => {
  let hook: Hookyard;
  let auth: string;
  beforeAll(async () => {
    hook = await createHookyard({ seed: 'service-create', clock: 'manual' });
    auth = 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64');
  });
  afterAll(() => hook.close());

  const post = async (path: string, form: [string, string][]) => {
    const res = await fetch(`${hook.url}${path}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const bool = fc.constantFrom('true', 'false');
  const text = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s.length > 0);
  const int = (min: number, max: number) => fc.integer({ min, max }).map(String);
  const params = fc.record(
    {
      CodeLength: int(4, 10),
      LookupEnabled: bool,
      Psd2Enabled: bool,
      SkipSmsToLandlines: bool,
      DtmfInputRequired: bool,
      TtsName: text,
      DoNotShareWarningEnabled: bool,
      CustomCodeEnabled: bool,
      VerifyEventSubscriptionEnabled: bool,
      DefaultTemplateSid: fc.constant('HJ' + 'a'.repeat(32)),
      'Push.IncludeDate': bool,
      'Push.ApnCredentialSid': fc.constant('CR' + 'b'.repeat(32)),
      'Push.FcmCredentialSid': fc.constant('CR' + 'c'.repeat(32)),
      'Totp.Issuer': text,
      'Totp.TimeStep': int(20, 60),
      'Totp.CodeLength': int(3, 8),
      'Totp.Skew': int(0, 2),
      'Whatsapp.MsgServiceSid': fc.constant('MG' + 'd'.repeat(32)),
      'Whatsapp.From': fc.constant('+15017122661'),
      'Passkeys.RelyingParty.Id': fc.constant('example.com'),
      'Passkeys.RelyingParty.Name': text,
      'Passkeys.RelyingParty.Origins': fc.constantFrom('https://example.com', 'https://a.example.com,https://b.example.com'),
      'Passkeys.AuthenticatorAttachment': fc.constantFrom('platform', 'cross-platform', 'any'),
      'Passkeys.DiscoverableCredentials': fc.constantFrom('required', 'preferred', 'discouraged'),
      'Passkeys.UserVerification': fc.constantFrom('required', 'preferred', 'discouraged'),
    },
    { requiredKeys: [] },
  );
  // What differs between two services by construction: their SIDs and the URLs that name them.
  const withoutIdentity = (json: Record<string, unknown>) => {
    const { sid, url, links, ...rest } = json;
    return rest;
  };

  it('gives the same service either way, for any subset of valid parameters', async () => {
    await fc.assert(
      fc.asyncProperty(text, params, async (name, p) => {
        const form = Object.entries(p) as [string, string][];
        const direct = await post('/v2/Services', [['FriendlyName', name], ...form]);
        expect(direct.status, JSON.stringify(direct.json)).toBe(201);
        const plain = await post('/v2/Services', [['FriendlyName', name]]);
        const updated = await post(`/v2/Services/${plain.json['sid']}`, form);
        expect(updated.status, JSON.stringify(updated.json)).toBe(200);
        expect(withoutIdentity(direct.json)).toEqual(withoutIdentity(updated.json));
        // And what was answered is what is stored.
        const fetched = await fetch(`${hook.url}/v2/Services/${direct.json['sid']}`, { headers: { authorization: auth } });
        expect(await fetched.json()).toEqual(direct.json);
      }),
      { numRuns: 60, seed: 20261202 },
    );
  });

  it('defaults: the TOTP issuer is the service name, the rest as Twilio documents them', async () => {
    const { json } = await post('/v2/Services', [['FriendlyName', 'Login']]);
    expect(json).toMatchObject({
      friendly_name: 'Login',
      code_length: 6,
      lookup_enabled: false,
      psd2_enabled: false,
      tts_name: null,
      push: { include_date: false, apn_credential_sid: null, fcm_credential_sid: null },
      totp: { issuer: 'Login', time_step: 30, code_length: 6, skew: 1 },
      whatsapp: { msg_service_sid: null, from: null },
      passkeys: { relying_party: { id: null, name: null, origins: [] }, authenticator_attachment: null, discoverable_credentials: null, user_verification: null },
    });
  });
});
