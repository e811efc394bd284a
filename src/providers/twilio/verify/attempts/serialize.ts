import type { VerificationAttempt } from './model.js';

/** Per channel: the delivery status field and its value (hookyard's messages and calls always get through). */
const DELIVERY: Record<string, Record<string, string>> = {
  sms: { message_status: 'delivered' },
  whatsapp: { message_status: 'read' },
  call: { call_status: 'completed' },
  email: { message_status: 'delivered' },
  sna: {},
};

/** Model → `verify.v2.verification_attempt` JSON, `channel_data` as the spec's sms example shapes it. */
export function toAttemptJson(a: VerificationAttempt, origin: string) {
  const phone = a.channel !== 'email';
  return {
    sid: a.sid,
    account_sid: a.accountSid,
    service_sid: a.serviceSid,
    verification_sid: a.verificationSid,
    date_created: a.dateCreated,
    date_updated: a.dateUpdated,
    conversion_status: a.conversionStatus,
    channel: a.channel,
    price: a.price,
    channel_data: {
      verification_sid: a.verificationSid,
      to: a.to,
      status: a.attemptStatus,
      ...DELIVERY[a.channel],
      error_code: null,
      ...(phone ? { country: a.country } : {}),
      code_length: a.codeLength,
      locale: a.locale,
      ...(phone && a.carrier ? { mcc: a.carrier.mcc, mnc: a.carrier.mnc, carrier: a.carrier.name } : {}),
    },
    url: `${origin}/v2/Attempts/${a.sid}`,
  };
}

/** `81.818181818`: a percentage with at most 9 decimals, as in Twilio's example; `0` with no attempts. */
export function conversionRate(converted: number, total: number): string {
  if (total === 0) return '0';
  return String(Number(((converted / total) * 100).toFixed(9)));
}
