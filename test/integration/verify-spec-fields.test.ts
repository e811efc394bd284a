import { beforeAll, describe, expect, it } from 'vitest';
import { createHookyard, type Hookyard } from '../../src/index.js';
import { createAuthenticator } from '../helpers/authenticator.js';
import { createPushDevice, type PushDevice } from '../helpers/push-device.js';
import { loadSpec } from '../helpers/spec.js';

const sorted = (keys: readonly string[]) => [...keys].sort();

/**
 * Every Verify operation, called for real with valid input, answers the spec's success
 * status with exactly the spec's field set (and, for lists, the item's field set and `meta`).
 */
describe('Verify v2: spec status and field set of every operation', () => {
  let hook: Hookyard;
  let auth: string;
  const ids: Record<string, string> = {};
  const IDENTITY = 'spec-user-0001';
  const ORIGIN = 'https://example.com';
  const authenticator = createAuthenticator(ORIGIN);
  /** A registered passkey of a new entity, for the passkey operations that need one. */
  const newPasskey = async (identity: string) => {
    const f = await create(`/v2/Services/${ids['VA']}/Passkeys/Factors`, { json: { friendly_name: identity, identity } });
    return authenticator.create((f['options'] as { publicKey: never }).publicKey);
  };
  let phone: PushDevice;
  /** A form body, or `{ json }` for the Passkeys operations, which take JSON. */
  const call = async (method: string, path: string, form?: Record<string, string> | { json: unknown }) => {
    const json = form && 'json' in form ? form.json : undefined;
    const res = await fetch(hook.url + path, {
      method,
      headers: { authorization: auth, ...(json !== undefined ? { 'content-type': 'application/json' } : form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(json !== undefined ? { body: JSON.stringify(json) } : form ? { body: new URLSearchParams(form as Record<string, string>).toString() } : {}),
    });
    return { status: res.status, json: res.status === 204 ? undefined : ((await res.json()) as Record<string, unknown>) };
  };
  const create = async (path: string, form: Record<string, string> | { json: unknown }) => {
    const r = await call('POST', path, form);
    if (r.status >= 300) throw new Error(`${path}: ${JSON.stringify(r.json)}`);
    return r.json!;
  };

  beforeAll(async () => {
    hook = await createHookyard({ seed: 'spec-fields' });
    auth = 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64');
    const va = String((await create('/v2/Services', { FriendlyName: 'spec', 'Passkeys.RelyingParty.Id': 'example.com', 'Passkeys.RelyingParty.Name': 'Example', 'Passkeys.RelyingParty.Origins': ORIGIN, 'Passkeys.AuthenticatorAttachment': 'platform', 'Passkeys.DiscoverableCredentials': 'preferred', 'Passkeys.UserVerification': 'preferred' })).sid);
    ids['VA'] = va;
    ids['YW'] = String((await create(`/v2/Services/${va}/Webhooks`, { FriendlyName: 'w', EventTypes: '*', WebhookUrl: 'http://127.0.0.1:9/w' })).sid);
    ids['VE'] = String((await create(`/v2/Services/${va}/Verifications`, { To: '+15017122661', Channel: 'sms' })).sid);
    ids['RK'] = String((await create(`/v2/Services/${va}/RateLimits`, { UniqueName: 'ip' })).sid);
    ids['BL'] = String((await create(`/v2/Services/${va}/RateLimits/${ids['RK']}/Buckets`, { Max: '5', Interval: '60' })).sid);
    await create(`/v2/Services/${va}/MessagingConfigurations`, { Country: 'CA', MessagingServiceSid: 'MG' + 'a'.repeat(32) });
    await create('/v2/SafeList/Numbers', { PhoneNumber: '+18001234567' });
    ids['VL'] = String(((await call('GET', '/v2/Attempts')).json!['attempts'] as { sid: string }[])[0]!.sid);
    // A verified push factor (notifications need a platform) and a pending challenge on it.
    phone = createPushDevice();
    const entity = `/v2/Services/${va}/Entities/${IDENTITY}`;
    const factor = await create(`${entity}/Factors`, {
      FriendlyName: 'phone', FactorType: 'push', 'Binding.Alg': 'ES256', 'Binding.PublicKey': phone.publicKey,
      'Config.SdkVersion': '1', 'Config.AppId': 'com.example', 'Config.NotificationPlatform': 'fcm', 'Config.NotificationToken': 't'.repeat(40),
    });
    ids['YF'] = String(factor['sid']);
    await create(`${entity}/Factors/${ids['YF']}`, { AuthPayload: phone.proveFactor(ids['YF']) });
    ids['YC'] = String((await create(`${entity}/Challenges`, { FactorSid: ids['YF'], 'Details.Message': 'Log in?' }))['sid']);
    ids['YK'] = String((await create(`/v2/Services/${va}/AccessTokens`, { Identity: IDENTITY, FactorType: 'push' }))['sid']);
  });

  /** Path parameters → the resources made above; `{Sid}` by the collection it is in. */
  const fill = (path: string) =>
    path
      .replace('{ServiceSid}', ids['VA']!)
      .replace('{RateLimitSid}', ids['RK']!)
      .replace('{Country}', 'CA')
      .replace('{PhoneNumber}', '+18001234567')
      .replace('{FormType}', 'form-push')
      .replace('{Identity}', IDENTITY)
      .replace('{ChallengeSid}', ids['YC']!)
      .replace(/\/Services\/\{Sid\}/, `/Services/${ids['VA']}`)
      .replace(/\/(\w+)\/\{Sid\}$/, (_, coll: string) => `/${coll}/${ids[{ Webhooks: 'YW', Verifications: 'VE', RateLimits: 'RK', Buckets: 'BL', Attempts: 'VL', Factors: 'YF', Challenges: 'YC', AccessTokens: 'YK' }[coll] ?? '']}`);

  /** A valid body per operation that takes one (creates make fresh resources, so nothing above is consumed). */
  const BODY: Record<string, () => Record<string, string> | Promise<Record<string, string>> | { json: unknown }> = {
    CreateEntity: () => ({ Identity: 'spec-user-0002' }),
    CreateNewFactor: () => ({ FriendlyName: 'authenticator', FactorType: 'totp' }),
    UpdateFactor: () => ({ FriendlyName: 'renamed phone' }),
    CreateChallenge: () => ({ FactorSid: ids['YF']!, 'Details.Message': 'Pay €10?' }),
    UpdateChallenge: async () => {
      const r = await fetch(`${hook.url}/v2/Services/${ids['VA']}/Entities/${IDENTITY}/Challenges/${ids['YC']}`, { headers: { authorization: auth } });
      const names = r.headers.get('twilio-verify-signature-fields')!.split(',');
      const body = (await r.json()) as Record<string, unknown>;
      return { AuthPayload: phone.answerJwt(Object.fromEntries(names.map((n) => [n, body[n]])), 'approved') };
    },
    CreateNotification: () => ({ Ttl: '60' }),
    CreateAccessToken: () => ({ Identity: IDENTITY, FactorType: 'push', Ttl: '300' }),
    CreateNewFactorPasskey: () => ({ json: { friendly_name: 'Ana', identity: 'passkey-user-01' } }) as never,
    UpdatePasskeysFactor: async () => ({ json: await newPasskey('passkey-user-02') }) as never,
    CreateChallengePasskeys: () => ({ json: {} }) as never,
    UpdateChallengePasskeys: async () => {
      await create(`/v2/Services/${ids['VA']}/Passkeys/VerifyFactor`, { json: await newPasskey('passkey-user-03') });
      const ch = await create(`/v2/Services/${ids['VA']}/Passkeys/Challenges`, { json: { identity: 'passkey-user-03' } });
      return { json: authenticator.get((ch['options'] as { publicKey: never }).publicKey) } as never;
    },
    CreateService: () => ({ FriendlyName: 'another' }),
    UpdateService: () => ({ CodeLength: '8' }),
    CreateWebhook: () => ({ FriendlyName: 'w2', EventTypes: 'factor.created', WebhookUrl: 'http://127.0.0.1:9/w2' }),
    UpdateWebhook: () => ({ Status: 'disabled' }),
    CreateVerification: () => ({ To: '+14155552671', Channel: 'sms' }),
    UpdateVerification: () => ({ Status: 'canceled' }),
    CreateVerificationCheck: () => ({ To: '+14155552671', Code: hook.verify.codes({ to: '+14155552671' })[0]!.code }),
    CreateRateLimit: () => ({ UniqueName: 'session', Description: 'd' }),
    UpdateRateLimit: () => ({ Description: 'changed' }),
    CreateBucket: () => ({ Max: '10', Interval: '3600' }),
    UpdateBucket: () => ({ Max: '6' }),
    CreateMessagingConfiguration: () => ({ Country: 'US', MessagingServiceSid: 'MG' + 'b'.repeat(32) }),
    UpdateMessagingConfiguration: () => ({ MessagingServiceSid: 'MG' + 'c'.repeat(32) }),
    CreateSafelist: () => ({ PhoneNumber: '+18001234568' }),
  };
  // What ends a resource goes after what reads it; deletes last, parents after children.
  const RANK: Record<string, number> = { UpdateVerification: 2, UpdateChallenge: 2, DeleteFactor: 3, DeleteEntity: 4, DeleteService: 5 };
  const ORDER = (op: { method: string; operationId: string }) => RANK[op.operationId] ?? (op.method === 'DELETE' ? 3 : 1);
  const ops = loadSpec('twilio_verify_v2.json').sort((a, b) => ORDER(a) - ORDER(b));

  it('covers every operation of the spec', () => {
    expect(ops).toHaveLength(57);
  });

  it.each(ops)('$operationId ($method $path) answers $statuses with the spec fields', async (op) => {
    const r = await call(op.method, fill(op.path), await BODY[op.operationId]?.());
    expect(op.statuses, JSON.stringify(r.json)).toContain(r.status);
    if (op.keys === undefined) return expect(r.json).toBeUndefined();
    expect(sorted(Object.keys(r.json!))).toEqual(sorted(op.keys));
    if (op.itemKey && op.itemKeys) {
      const items = r.json![op.itemKey] as Record<string, unknown>[];
      expect(items.length, `${op.itemKey} is empty: nothing to compare`).toBeGreaterThan(0);
      for (const item of items) expect(sorted(Object.keys(item))).toEqual(sorted(op.itemKeys));
    }
  });
});
