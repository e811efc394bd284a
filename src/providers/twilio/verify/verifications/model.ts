import { defineIndex, type Row } from '../../../../core/collection.js';

/** What a caller may ask for; `auto` is resolved to a real channel at create. */
export const REQUESTED_CHANNELS = ['sms', 'call', 'email', 'whatsapp', 'sna', 'auto'] as const;
export type RequestedChannel = (typeof REQUESTED_CHANNELS)[number];
export type Channel = Exclude<RequestedChannel, 'auto'>;

export type VerificationStatus = 'pending' | 'approved' | 'canceled' | 'max_attempts_reached' | 'deleted' | 'failed' | 'expired';

export interface SendAttempt {
  attemptSid: string;
  channel: Channel;
  /** ISO seconds. */
  time: string;
}

/** A check of the code, as Event Streams payloads report them. */
export interface CheckAttempt {
  time: string;
  status: 'PENDING' | 'APPROVED';
}

/** A Verification: one code (or SNA session) for one destination, from start to its end state. */
export interface Verification extends Row {
  accountSid: string;
  serviceSid: string;
  to: string;
  channel: Channel;
  status: VerificationStatus;
  code: string;
  customCode: boolean;
  locale: string;
  /** ISO-3166 country of a phone `to`, if known. */
  country: string | null;
  amount: string | null;
  payee: string | null;
  lookup: Record<string, unknown>;
  sna: { url: string; visited: boolean } | null;
  customFriendlyName: string | null;
  tags: Record<string, string> | null;
  sendCodeAttempts: SendAttempt[];
  checkAttempts: CheckAttempt[];
  dateCreated: string;
  dateUpdated: string;
  /** Epoch ms on hookyard's clock when a pending verification expires. */
  expiresAt: number;
  /** ISO time of the end state, for Event Streams (`verified_at`, `expired_at`). */
  endedAt: string | null;
}

/** The message Twilio would have sent: what `GET /_hookyard/verify/codes` lists. Keyed by its attempt SID. */
export interface SentMessage extends Row {
  accountSid: string;
  serviceSid: string;
  verificationSid: string;
  to: string;
  channel: Channel;
  code: string;
  body: string;
  locale: string;
  messagingServiceSid: string | null;
  sentAt: string;
}

export const VERIFY_VERIFICATIONS = 'verify.verifications';
export const VERIFY_MESSAGES = 'verify.messages';
/** Verifications of one destination in one service (key: `<service sid> <to>`). */
export const VERIFICATIONS_BY_TO = defineIndex<Verification>('service+to', (x) => `${x.serviceSid} ${x.to}`);

/** How long a code lives: Twilio's default, 10 minutes. @see https://www.twilio.com/docs/verify/api/rate-limits-and-timeouts */
export const VERIFICATION_TTL_MS = 10 * 60_000;
/** Sends allowed within one verification's life; the next is 60203. */
export const MAX_SENDS = 5;
/** Wrong checks allowed; the verification then ends as `max_attempts_reached`, and further checks are 60202. */
export const MAX_CHECKS = 5;
