import { createAuthenticator } from '../helpers/authenticator.js';
import { createPushDevice } from '../helpers/push-device.js';
import { describeSpecFields, type SpecApi } from '../helpers/spec-fields.js';

const ids: Record<string, string> = {};
const IDENTITY = 'spec-user-0001';
const ORIGIN = 'https://example.com';
const phone = createPushDevice();
const authenticator = createAuthenticator(ORIGIN);

/** A registered passkey of a new entity, for the passkey operations that need one. */
async function newPasskey(api: SpecApi, identity: string) {
  const f = await api.create(`/v2/Services/${ids['VA']}/Passkeys/Factors`, { json: { friendly_name: identity, identity } });
  return authenticator.create((f['options'] as { publicKey: never }).publicKey);
}

describeSpecFields({
  title: 'Verify v2: spec status and field set of every operation',
  file: 'twilio_verify_v2.json',
  count: 57,
  options: { seed: 'spec-fields' },
  async setup(api) {
    const va = String(
      (await api.create('/v2/Services', { FriendlyName: 'spec', 'Passkeys.RelyingParty.Id': 'example.com', 'Passkeys.RelyingParty.Name': 'Example', 'Passkeys.RelyingParty.Origins': ORIGIN, 'Passkeys.AuthenticatorAttachment': 'platform', 'Passkeys.DiscoverableCredentials': 'preferred', 'Passkeys.UserVerification': 'preferred' }))['sid'],
    );
    ids['VA'] = va;
    ids['YW'] = String((await api.create(`/v2/Services/${va}/Webhooks`, { FriendlyName: 'w', EventTypes: '*', WebhookUrl: 'http://127.0.0.1:9/w' }))['sid']);
    ids['VE'] = String((await api.create(`/v2/Services/${va}/Verifications`, { To: '+15017122661', Channel: 'sms' }))['sid']);
    ids['RK'] = String((await api.create(`/v2/Services/${va}/RateLimits`, { UniqueName: 'ip' }))['sid']);
    ids['BL'] = String((await api.create(`/v2/Services/${va}/RateLimits/${ids['RK']}/Buckets`, { Max: '5', Interval: '60' }))['sid']);
    await api.create(`/v2/Services/${va}/MessagingConfigurations`, { Country: 'CA', MessagingServiceSid: 'MG' + 'a'.repeat(32) });
    await api.create('/v2/SafeList/Numbers', { PhoneNumber: '+18001234567' });
    ids['VL'] = String(((await api.call('GET', '/v2/Attempts')).json!['attempts'] as { sid: string }[])[0]!.sid);
    // A verified push factor (notifications need a platform) and a pending challenge on it.
    const entity = `/v2/Services/${va}/Entities/${IDENTITY}`;
    const factor = await api.create(`${entity}/Factors`, {
      FriendlyName: 'phone', FactorType: 'push', 'Binding.Alg': 'ES256', 'Binding.PublicKey': phone.publicKey,
      'Config.SdkVersion': '1', 'Config.AppId': 'com.example', 'Config.NotificationPlatform': 'fcm', 'Config.NotificationToken': 't'.repeat(40),
    });
    ids['YF'] = String(factor['sid']);
    await api.create(`${entity}/Factors/${ids['YF']}`, { AuthPayload: phone.proveFactor(ids['YF']) });
    ids['YC'] = String((await api.create(`${entity}/Challenges`, { FactorSid: ids['YF'], 'Details.Message': 'Log in?' }))['sid']);
    ids['YK'] = String((await api.create(`/v2/Services/${va}/AccessTokens`, { Identity: IDENTITY, FactorType: 'push' }))['sid']);
  },
  fill: (path) =>
    path
      .replace('{ServiceSid}', ids['VA']!)
      .replace('{RateLimitSid}', ids['RK']!)
      .replace('{Country}', 'CA')
      .replace('{PhoneNumber}', '+18001234567')
      .replace('{FormType}', 'form-push')
      .replace('{Identity}', IDENTITY)
      .replace('{ChallengeSid}', ids['YC']!)
      .replace(/\/Services\/\{Sid\}/, `/Services/${ids['VA']}`)
      .replace(/\/(\w+)\/\{Sid\}$/, (_, coll: string) => `/${coll}/${ids[{ Webhooks: 'YW', Verifications: 'VE', RateLimits: 'RK', Buckets: 'BL', Attempts: 'VL', Factors: 'YF', Challenges: 'YC', AccessTokens: 'YK' }[coll] ?? '']}`),
  body: {
    CreateService: () => ({ FriendlyName: 'another' }),
    UpdateService: () => ({ CodeLength: '8' }),
    CreateWebhook: () => ({ FriendlyName: 'w2', EventTypes: 'factor.created', WebhookUrl: 'http://127.0.0.1:9/w2' }),
    UpdateWebhook: () => ({ Status: 'disabled' }),
    CreateVerification: () => ({ To: '+14155552671', Channel: 'sms' }),
    UpdateVerification: () => ({ Status: 'canceled' }),
    CreateVerificationCheck: (api) => ({ To: '+14155552671', Code: api.hook.verify.codes({ to: '+14155552671' })[0]!.code }),
    CreateRateLimit: () => ({ UniqueName: 'session', Description: 'd' }),
    UpdateRateLimit: () => ({ Description: 'changed' }),
    CreateBucket: () => ({ Max: '10', Interval: '3600' }),
    UpdateBucket: () => ({ Max: '6' }),
    CreateMessagingConfiguration: () => ({ Country: 'US', MessagingServiceSid: 'MG' + 'b'.repeat(32) }),
    UpdateMessagingConfiguration: () => ({ MessagingServiceSid: 'MG' + 'c'.repeat(32) }),
    CreateSafelist: () => ({ PhoneNumber: '+18001234568' }),
    CreateEntity: () => ({ Identity: 'spec-user-0002' }),
    CreateNewFactor: () => ({ FriendlyName: 'authenticator', FactorType: 'totp' }),
    UpdateFactor: () => ({ FriendlyName: 'renamed phone' }),
    CreateChallenge: () => ({ FactorSid: ids['YF']!, 'Details.Message': 'Pay €10?' }),
    UpdateChallenge: async (api) => {
      const r = await fetch(`${api.hook.url}/v2/Services/${ids['VA']}/Entities/${IDENTITY}/Challenges/${ids['YC']}`, { headers: { authorization: 'Basic ' + Buffer.from(`${api.hook.accountSid}:${api.hook.authToken}`).toString('base64') } });
      const names = r.headers.get('twilio-verify-signature-fields')!.split(',');
      const body = (await r.json()) as Record<string, unknown>;
      return { AuthPayload: phone.answerJwt(Object.fromEntries(names.map((n) => [n, body[n]])), 'approved') };
    },
    CreateNotification: () => ({ Ttl: '60' }),
    CreateAccessToken: () => ({ Identity: IDENTITY, FactorType: 'push', Ttl: '300' }),
    CreateNewFactorPasskey: () => ({ json: { friendly_name: 'Ana', identity: 'passkey-user-01' } }),
    UpdatePasskeysFactor: async (api) => ({ json: await newPasskey(api, 'passkey-user-02') }),
    CreateChallengePasskeys: () => ({ json: {} }),
    UpdateChallengePasskeys: async (api) => {
      await api.create(`/v2/Services/${ids['VA']}/Passkeys/VerifyFactor`, { json: await newPasskey(api, 'passkey-user-03') });
      const ch = await api.create(`/v2/Services/${ids['VA']}/Passkeys/Challenges`, { json: { identity: 'passkey-user-03' } });
      return { json: authenticator.get((ch['options'] as { publicKey: never }).publicKey) };
    },
  },
  // The verification is fetched before it is canceled, the challenge before it is answered; children go before parents.
  rank: { UpdateVerification: 2, UpdateChallenge: 2, DeleteFactor: 3, DeleteEntity: 4, DeleteService: 5 },
});
