import { int, oneOf, str, type Form } from '../../common/params.js';
import { verifyError, verifyInvalid } from '../errors.js';
import type { VerifyService } from '../services/model.js';
import { type Factor, type PasskeysConfig, type PushConfig, type TotpConfig } from './model.js';

/** `Metadata`: a JSON object of strings, at most 1024 characters (factors and challenges alike). */
export function parseMetadata(form: Form, name = 'Metadata'): Record<string, string> | undefined {
  const text = str(form, name);
  if (text === undefined) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw verifyInvalid(name, 'must be a JSON object of string values');
  }
  if (text.length > 1024 || !v || typeof v !== 'object' || Array.isArray(v) || Object.values(v).some((x) => typeof x !== 'string')) {
    throw verifyInvalid(name, 'must be a JSON object of string values, at most 1024 characters');
  }
  return v as Record<string, string>;
}

const PLATFORMS = ['apn', 'fcm', 'none'] as const;
const ALGS = ['sha1', 'sha256', 'sha512'] as const;

/** Push `Config.*` on create (all required but the token with platform `none`) or update (all optional). */
export function parsePushConfig(form: Form, current: PushConfig | undefined, credentialSid: string): PushConfig {
  const create = current === undefined;
  const platform = oneOf(form, 'Config.NotificationPlatform', PLATFORMS, { required: create }) ?? current!.notificationPlatform;
  const token = str(form, 'Config.NotificationToken');
  if (token !== undefined && (token.length < 32 || token.length > 255)) throw verifyInvalid('Config.NotificationToken', 'must be 32 to 255 characters');
  const notificationToken = token ?? current?.notificationToken ?? null;
  if (platform !== 'none' && notificationToken === null) throw verifyInvalid('Config.NotificationToken', `is required with Config.NotificationPlatform ${platform}`);
  return {
    sdkVersion: str(form, 'Config.SdkVersion', { required: create }) ?? current!.sdkVersion,
    appId: str(form, 'Config.AppId', { required: create, max: 100 }) ?? current!.appId,
    notificationPlatform: platform,
    notificationToken: platform === 'none' ? null : notificationToken,
    credentialSid: current?.credentialSid ?? credentialSid,
  };
}

/** TOTP `Config.*`, defaulting to the Service's `totp` settings (then 30 s, skew 1, 6 digits, sha1). */
export function parseTotpConfig(form: Form, base: TotpConfig | VerifyService['totp']): TotpConfig {
  return {
    timeStep: int(form, 'Config.TimeStep', { min: 20, max: 60 }) ?? base.timeStep,
    skew: int(form, 'Config.Skew', { min: 0, max: 2 }) ?? base.skew,
    codeLength: int(form, 'Config.CodeLength', { min: 3, max: 8 }) ?? base.codeLength,
    alg: oneOf(form, 'Config.Alg', ALGS) ?? ('alg' in base ? base.alg : 'sha1'),
  };
}

/** `FactorType` of CreateNewFactor: push or totp (passkeys have their own route, 60369). */
export const requireFactorType = (v: string | undefined) => {
  if (v === 'passkeys') throw verifyError(400, 60369, 'Passkey factors are created with POST /v2/Services/{ServiceSid}/Passkeys/Factors', 'FactorType');
  if (v !== 'push' && v !== 'totp') throw verifyInvalid('FactorType', 'must be push or totp');
  return v;
};

function configJson(f: Factor) {
  if (f.factorType === 'push') {
    const c = f.config as PushConfig;
    return { sdk_version: c.sdkVersion, app_id: c.appId, notification_platform: c.notificationPlatform, notification_token: c.notificationToken, credential_sid: c.credentialSid };
  }
  if (f.factorType === 'totp') {
    const c = f.config as TotpConfig;
    return { alg: c.alg, skew: c.skew, code_length: c.codeLength, time_step: c.timeStep };
  }
  const c = f.config as PasskeysConfig;
  return { relying_party: c.relyingParty, authenticator_attachment: c.authenticatorAttachment, discoverable_credentials: c.discoverableCredentials, user_verification: c.userVerification };
}

const factorUrl = (f: Factor, origin: string) => `${origin}/v2/Services/${f.serviceSid}/Entities/${f.identity}/Factors/${f.sid}`;

/** Model → `verify.v2.service.entity.factor` JSON (no binding: Twilio returns it only on create). */
export function toFactorJson(f: Factor, origin: string) {
  return {
    sid: f.sid,
    account_sid: f.accountSid,
    service_sid: f.serviceSid,
    entity_sid: f.entitySid,
    identity: f.identity,
    date_created: f.dateCreated,
    date_updated: f.dateUpdated,
    friendly_name: f.friendlyName,
    status: f.status,
    factor_type: f.factorType,
    config: configJson(f),
    metadata: f.metadata,
    url: factorUrl(f, origin),
  };
}

/** Model → `verify.v2.service.entity.new_factor` JSON: the factor plus its `binding` and `options`. */
export function toNewFactorJson(f: Factor, origin: string, binding: Record<string, unknown> | null, options: Record<string, unknown> | null = null) {
  const { url, ...rest } = toFactorJson(f, origin);
  const { sid, account_sid, service_sid, entity_sid, identity, ...after } = rest;
  return { sid, account_sid, service_sid, entity_sid, identity, binding, options, ...after, url };
}
