import { defineIndex, type Row } from '../../../../core/collection.js';
import type { Channel } from '../verifications/model.js';

/** One send of a verification's code (one `send_code_attempts` entry), as the Attempts API reports it. */
export interface VerificationAttempt extends Row {
  accountSid: string;
  serviceSid: string;
  verificationSid: string;
  channel: Channel;
  to: string;
  conversionStatus: 'converted' | 'unconverted';
  /** `confirmed` once the code was accepted, `expired` once the verification expired, else `unconfirmed`. */
  attemptStatus: 'confirmed' | 'unconfirmed' | 'expired';
  country: string | null;
  codeLength: number;
  locale: string;
  carrier: { mcc: string; mnc: string; name: string } | null;
  price: { value: string; currency: string } | null;
  dateCreated: string;
  dateUpdated: string;
}

export const VERIFY_ATTEMPTS = 'verify.attempts';
/** A verification's attempts. */
export const ATTEMPTS_BY_VERIFICATION = defineIndex<VerificationAttempt>('verificationSid', (a) => a.verificationSid);
