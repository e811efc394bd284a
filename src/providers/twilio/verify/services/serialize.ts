import { invalidParam } from '../../../../core/errors.js';
import { isHttpUrl } from '../../../../core/url.js';
import { bool, int, oneOf, str, type Form } from '../../common/params.js';
import { NO_PASSKEYS, type VerifyService } from './model.js';

const CRITERIA = ['required', 'preferred', 'discouraged'] as const;

/** `Passkeys.RelyingParty.Origins`: comma-separated absolute URLs (repeated keys are accepted too). */
function origins(form: Form): string[] | undefined {
  const values = form.get('Passkeys.RelyingParty.Origins')?.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  if (!values) return undefined;
  const bad = values.find((o) => !isHttpUrl(o));
  if (bad !== undefined) throw invalidParam('Passkeys.RelyingParty.Origins', `Invalid parameter Passkeys.RelyingParty.Origins: '${bad}' is not an absolute URL`);
  return values;
}

/** Wire → model changes for create and update; absent params are left out. Throws 20001 naming the param. */
export function parseServiceParams(form: Form, create: boolean) {
  return {
    friendlyName: str(form, 'FriendlyName', { required: create, max: 32 }),
    codeLength: int(form, 'CodeLength', { min: 4, max: 10 }),
    lookupEnabled: bool(form, 'LookupEnabled'),
    psd2Enabled: bool(form, 'Psd2Enabled'),
    skipSmsToLandlines: bool(form, 'SkipSmsToLandlines'),
    dtmfInputRequired: bool(form, 'DtmfInputRequired'),
    ttsName: str(form, 'TtsName'),
    doNotShareWarningEnabled: bool(form, 'DoNotShareWarningEnabled'),
    customCodeEnabled: bool(form, 'CustomCodeEnabled'),
    verifyEventSubscriptionEnabled: bool(form, 'VerifyEventSubscriptionEnabled'),
    defaultTemplateSid: str(form, 'DefaultTemplateSid'),
    push: {
      includeDate: bool(form, 'Push.IncludeDate'),
      apnCredentialSid: str(form, 'Push.ApnCredentialSid'),
      fcmCredentialSid: str(form, 'Push.FcmCredentialSid'),
    },
    totp: {
      issuer: str(form, 'Totp.Issuer'),
      timeStep: int(form, 'Totp.TimeStep', { min: 20, max: 60 }),
      codeLength: int(form, 'Totp.CodeLength', { min: 3, max: 8 }),
      skew: int(form, 'Totp.Skew', { min: 0, max: 2 }),
    },
    whatsapp: { msgServiceSid: str(form, 'Whatsapp.MsgServiceSid'), from: str(form, 'Whatsapp.From') },
    passkeys: {
      relyingPartyId: str(form, 'Passkeys.RelyingParty.Id'),
      relyingPartyName: str(form, 'Passkeys.RelyingParty.Name'),
      relyingPartyOrigins: origins(form),
      authenticatorAttachment: oneOf(form, 'Passkeys.AuthenticatorAttachment', ['platform', 'cross-platform', 'any']),
      discoverableCredentials: oneOf(form, 'Passkeys.DiscoverableCredentials', CRITERIA),
      userVerification: oneOf(form, 'Passkeys.UserVerification', CRITERIA),
    },
  };
}

export type ServiceParams = ReturnType<typeof parseServiceParams>;

/** Model → `verify.v2.service` JSON, snake_case, with absolute `url` and `links`. */
export function toServiceJson(s: VerifyService, origin: string) {
  const url = `${origin}/v2/Services/${s.sid}`;
  const pk = s.passkeys ?? NO_PASSKEYS;
  return {
    sid: s.sid,
    account_sid: s.accountSid,
    friendly_name: s.friendlyName,
    code_length: s.codeLength,
    lookup_enabled: s.lookupEnabled,
    psd2_enabled: s.psd2Enabled,
    skip_sms_to_landlines: s.skipSmsToLandlines,
    dtmf_input_required: s.dtmfInputRequired,
    tts_name: s.ttsName,
    do_not_share_warning_enabled: s.doNotShareWarningEnabled,
    custom_code_enabled: s.customCodeEnabled,
    push: { include_date: s.push.includeDate, apn_credential_sid: s.push.apnCredentialSid, fcm_credential_sid: s.push.fcmCredentialSid },
    totp: { issuer: s.totp.issuer, time_step: s.totp.timeStep, code_length: s.totp.codeLength, skew: s.totp.skew },
    default_template_sid: s.defaultTemplateSid,
    whatsapp: { msg_service_sid: s.whatsapp.msgServiceSid, from: s.whatsapp.from },
    passkeys: {
      relying_party: { id: pk.relyingPartyId, name: pk.relyingPartyName, origins: pk.relyingPartyOrigins },
      authenticator_attachment: pk.authenticatorAttachment,
      discoverable_credentials: pk.discoverableCredentials,
      user_verification: pk.userVerification,
    },
    verify_event_subscription_enabled: s.verifyEventSubscriptionEnabled,
    date_created: s.dateCreated,
    date_updated: s.dateUpdated,
    url,
    links: {
      verification_checks: `${url}/VerificationCheck`,
      verifications: `${url}/Verifications`,
      rate_limits: `${url}/RateLimits`,
      messaging_configurations: `${url}/MessagingConfigurations`,
      entities: `${url}/Entities`,
      webhooks: `${url}/Webhooks`,
      access_tokens: `${url}/AccessTokens`,
    },
  };
}
