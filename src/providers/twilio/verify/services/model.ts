import type { Row } from '../../../../core/collection.js';

/** A Verify Service; the minimal field set of the spec that webhooks and push events need. */
export interface VerifyService extends Row {
  accountSid: string;
  friendlyName: string;
  codeLength: number;
  lookupEnabled: boolean;
  psd2Enabled: boolean;
  skipSmsToLandlines: boolean;
  dtmfInputRequired: boolean;
  ttsName: string | null;
  doNotShareWarningEnabled: boolean;
  customCodeEnabled: boolean;
  verifyEventSubscriptionEnabled: boolean;
  push: { includeDate: boolean; apnCredentialSid: string | null; fcmCredentialSid: string | null };
  totp: { issuer: string | null; timeStep: number; codeLength: number; skew: number };
  defaultTemplateSid: string | null;
  whatsapp: { msgServiceSid: string | null; from: string | null };
  passkeys: {
    relyingPartyId: string | null;
    relyingPartyName: string | null;
    relyingPartyOrigins: string[];
    authenticatorAttachment: string | null;
    discoverableCredentials: string | null;
    userVerification: string | null;
  };
  dateCreated: string;
  dateUpdated: string;
}

export const VERIFY_SERVICES = 'verify.services';

/** A Service without passkey settings (also what one stored before they existed reads as). */
export const NO_PASSKEYS: VerifyService['passkeys'] = { relyingPartyId: null, relyingPartyName: null, relyingPartyOrigins: [], authenticatorAttachment: null, discoverableCredentials: null, userVerification: null };
