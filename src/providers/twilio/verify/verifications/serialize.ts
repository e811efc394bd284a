import { oneOf, str, type Form } from '../../common/params.js';
import { verifyInvalid } from '../errors.js';
import type { Verification } from './model.js';
import { REQUESTED_CHANNELS, type RequestedChannel } from './model.js';

/** Upper case for SMS, CALL and EMAIL, lower for whatsapp and sna: as in Twilio's examples. */
const ATTEMPT_CHANNEL: Record<string, string> = { sms: 'SMS', call: 'CALL', email: 'EMAIL', whatsapp: 'whatsapp', sna: 'sna' };

const jsonObject = (form: Form, name: string): Record<string, unknown> | undefined => {
  const v = str(form, name);
  if (v === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(v);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw verifyInvalid(name, 'must be a JSON object');
};

/** CreateVerification's parameters; `To` and `Channel` checked for presence and shape (60200 naming them). */
export function parseCreateParams(form: Form) {
  const to = str(form, 'To');
  if (to === undefined || to.trim() === '') throw verifyInvalid('To', 'a phone number in E.164 format or an email address is required');
  // `curl -d To=+1…` sends the + as a space: say so instead of a bare "invalid".
  if (/^ \d+$/.test(to)) throw verifyInvalid('To', `'${to}' starts with a space: a + sent unencoded in a form body arrives as one (send %2B, or use curl --data-urlencode)`);
  const channel = str(form, 'Channel');
  if (channel === undefined || !(REQUESTED_CHANNELS as readonly string[]).includes(channel)) throw verifyInvalid('Channel', `must be one of ${REQUESTED_CHANNELS.join(', ')}`);
  const tags = jsonObject(form, 'Tags');
  if (tags && (Object.keys(tags).length > 10 || Object.entries(tags).some(([k, v]) => typeof v !== 'string' || k.length > 128 || v.length > 128))) {
    throw verifyInvalid('Tags', 'at most 10 tags, string values, keys and values at most 128 characters');
  }
  return {
    to,
    channel: channel as RequestedChannel,
    customFriendlyName: str(form, 'CustomFriendlyName'),
    customMessage: str(form, 'CustomMessage'),
    locale: str(form, 'Locale'),
    customCode: str(form, 'CustomCode'),
    amount: str(form, 'Amount'),
    payee: str(form, 'Payee'),
    rateLimits: str(form, 'RateLimits'),
    channelConfiguration: jsonObject(form, 'ChannelConfiguration'),
    appHash: str(form, 'AppHash'),
    templateSid: str(form, 'TemplateSid'),
    templateCustomSubstitutions: jsonObject(form, 'TemplateCustomSubstitutions'),
    tags: tags as Record<string, string> | undefined,
    riskCheck: oneOf(form, 'RiskCheck', ['enable', 'disable'] as const),
    sendDigits: str(form, 'SendDigits'),
    deviceIp: str(form, 'DeviceIp'),
  };
}

export type CreateParams = ReturnType<typeof parseCreateParams>;

/** The fields a verification and a check share, in the spec's order. */
const common = (v: Verification) => ({
  sid: v.sid,
  service_sid: v.serviceSid,
  account_sid: v.accountSid,
  to: v.to,
  channel: v.channel,
  status: v.status,
  valid: v.status === 'approved',
});

/** Model → `verify.v2.service.verification` JSON in the spec's key order. */
export function toVerificationJson(v: Verification, origin: string) {
  return {
    ...common(v),
    lookup: v.lookup,
    amount: v.amount,
    payee: v.payee,
    send_code_attempts: v.sendCodeAttempts.map((a) => ({ time: a.time, channel: ATTEMPT_CHANNEL[a.channel], attempt_sid: a.attemptSid })),
    date_created: v.dateCreated,
    date_updated: v.dateUpdated,
    sna: v.sna ? { url: v.sna.url } : null,
    url: `${origin}/v2/Services/${v.serviceSid}/Verifications/${v.sid}`,
  };
}

/**
 * Model → `verify.v2.service.verification_check` JSON. `sna_attempts_error_codes` lists an sna
 * verification's SNA errors; it is `[]` otherwise, as in the spec's sms and email examples.
 */
export function toCheckJson(v: Verification, snaErrors: { attempt_sid: string; code: number }[] = []) {
  return { ...common(v), amount: v.amount, payee: v.payee, date_created: v.dateCreated, date_updated: v.dateUpdated, sna_attempts_error_codes: snaErrors };
}
