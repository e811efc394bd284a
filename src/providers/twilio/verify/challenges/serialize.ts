import { str, type Form } from '../../common/params.js';
import { verifyError } from '../errors.js';
import { parseMetadata } from '../factors/serialize.js';
import type { Challenge } from './model.js';

/** The challenge fields a device signs when it answers (the `Twilio-Verify-Signature-Fields` header). */
export const SIGNATURE_FIELDS = ['sid', 'account_sid', 'service_sid', 'entity_sid', 'identity', 'factor_sid', 'date_created', 'expiration_date', 'details', 'hidden_details'] as const;

const invalidDetails = (why: string) => verifyError(400, 60368, `Challenge details invalid: ${why}`, 'Details');

/** `Details.Message` (required for push, ≤256) and `Details.Fields` (repeated JSON `{label ≤36, value ≤128}`, ≤20). */
export function parseDetails(form: Form, push: boolean): Challenge['details'] {
  const message = str(form, 'Details.Message');
  if (message === undefined) {
    if (push) throw invalidDetails('Details.Message is required for a push factor');
    return null;
  }
  if (message.length > 256) throw invalidDetails('Details.Message is at most 256 characters');
  const raw = form.get('Details.Fields') ?? [];
  if (raw.length > 20) throw invalidDetails('at most 20 Details.Fields');
  const fields = raw.map((text) => {
    let f: unknown;
    try {
      f = JSON.parse(text);
    } catch {
      throw invalidDetails(`Details.Fields ${text} is not JSON`);
    }
    const { label, value } = (f ?? {}) as { label?: unknown; value?: unknown };
    if (typeof label !== 'string' || typeof value !== 'string' || label.length > 36 || value.length > 128) throw invalidDetails('each Details.Fields is {"label": ≤36 characters, "value": ≤128 characters}');
    return { label, value };
  });
  return { message, fields };
}

export const parseHiddenDetails = (form: Form) => parseMetadata(form, 'HiddenDetails') ?? null;

/** Model → `verify.v2.service.entity.challenge` JSON. */
export function toChallengeJson(ch: Challenge, origin: string) {
  const url = `${origin}/v2/Services/${ch.serviceSid}/Entities/${ch.identity}/Challenges/${ch.sid}`;
  return {
    sid: ch.sid,
    account_sid: ch.accountSid,
    service_sid: ch.serviceSid,
    entity_sid: ch.entitySid,
    identity: ch.identity,
    factor_sid: ch.factorSid,
    date_created: ch.dateCreated,
    date_updated: ch.dateUpdated,
    date_responded: ch.dateResponded,
    expiration_date: ch.expirationDate,
    status: ch.status,
    responded_reason: ch.respondedReason,
    details: ch.details,
    hidden_details: ch.hiddenDetails,
    metadata: ch.metadata,
    factor_type: ch.factorType,
    url,
    links: { notifications: `${url}/Notifications` },
  };
}
