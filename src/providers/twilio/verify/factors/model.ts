import { defineIndex, type Row } from '../../../../core/collection.js';

export type FactorType = 'push' | 'totp' | 'passkeys';
export type TotpAlg = 'sha1' | 'sha256' | 'sha512';

export interface PushConfig {
  sdkVersion: string | null;
  appId: string | null;
  notificationPlatform: 'apn' | 'fcm' | 'none';
  notificationToken: string | null;
  /** The JWT `kid` the mobile SDKs sign with; maps back to this factor. */
  credentialSid: string;
}

export interface TotpConfig {
  alg: TotpAlg;
  skew: number;
  codeLength: number;
  timeStep: number;
}

export interface PasskeysConfig {
  relyingParty: { id: string; name: string; origins: string[] };
  authenticatorAttachment: string;
  discoverableCredentials: string;
  userVerification: string;
}

/** A Factor of an Entity: a Push key pair, a TOTP secret, or a passkey. */
export interface Factor extends Row {
  accountSid: string;
  serviceSid: string;
  entitySid: string;
  identity: string;
  friendlyName: string;
  factorType: FactorType;
  status: 'unverified' | 'verified';
  /** push: base64 DER SPKI of the P-256 key; totp: the Base32 secret; passkeys: the credential, once registered. */
  binding:
    | { kind: 'push'; alg: 'ES256'; publicKey: string }
    | { kind: 'totp'; secret: string }
    | { kind: 'passkeys'; challenge: string; credentialId: string | null; publicKey: string | null; counter: number };
  config: PushConfig | TotpConfig | PasskeysConfig;
  metadata: Record<string, string> | null;
  /** Wrong verification codes so far (TOTP); the 6th try after 5 is 60310. */
  failedVerifications: number;
  dateCreated: string;
  dateUpdated: string;
}

export const VERIFY_FACTORS = 'verify.factors';
/** Push factors by the credential SID their device's JWTs name as `kid`. */
export const FACTORS_BY_CREDENTIAL = defineIndex<Factor>('credentialSid', (f) => (f.factorType === 'push' ? (f.config as PushConfig).credentialSid : undefined));
/** An entity's factors. */
export const FACTORS_BY_ENTITY = defineIndex<Factor>('entitySid', (f) => f.entitySid);
/** A service's factors of one type (key: `<service sid> <factor type>`). */
export const FACTORS_BY_TYPE = defineIndex<Factor>('service+type', (f) => `${f.serviceSid} ${f.factorType}`);
/** Wrong TOTP codes a factor or challenge takes; the next try is 429 (60310 / 60308). */
export const MAX_TOTP_FAILURES = 5;

/** Simulated devices' private keys, by factor SID (`POST /_hookyard/verify/devices`). */
export const VERIFY_DEVICES = 'verify.devices';
