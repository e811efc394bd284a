import { defineIndex, type Row } from '../../../../core/collection.js';

export type ChallengeStatus = 'pending' | 'approved' | 'denied' | 'expired';

/** A Challenge: one login (or payment …) for the user to approve or deny on a factor. */
export interface Challenge extends Row {
  accountSid: string;
  serviceSid: string;
  entitySid: string;
  identity: string;
  factorSid: string;
  factorType: 'push' | 'totp' | 'passkeys';
  status: ChallengeStatus;
  respondedReason: 'none' | 'not_needed' | 'not_requested';
  details: { message: string; date?: string; fields: { label: string; value: string }[] } | null;
  hiddenDetails: Record<string, string> | null;
  metadata: Record<string, string> | null;
  /** ISO seconds. */
  expirationDate: string;
  dateResponded: string | null;
  failedAttempts: number;
  /** Passkeys: the WebAuthn challenge (base64url) the assertion must sign. */
  webauthnChallenge?: string;
  dateCreated: string;
  dateUpdated: string;
}

/** A push notification recorded for a challenge (`NT…`). */
export interface Notification extends Row {
  accountSid: string;
  serviceSid: string;
  entitySid: string;
  identity: string;
  challengeSid: string;
  priority: 'high';
  ttl: number;
  dateCreated: string;
}

export const VERIFY_CHALLENGES = 'verify.challenges';
export const VERIFY_NOTIFICATIONS = 'verify.notifications';
/** An entity's challenges. */
export const CHALLENGES_BY_ENTITY = defineIndex<Challenge>('entitySid', (c) => c.entitySid);
/** A factor's challenges. */
export const CHALLENGES_BY_FACTOR = defineIndex<Challenge>('factorSid', (c) => c.factorSid);
/** A challenge's notifications. */
export const NOTIFICATIONS_BY_CHALLENGE = defineIndex<Notification>('challengeSid', (n) => n.challengeSid);
/** Twilio's default challenge life: five minutes; at most one hour. */
export const CHALLENGE_TTL_MS = 5 * 60_000;
export const MAX_CHALLENGE_TTL_MS = 60 * 60_000;
