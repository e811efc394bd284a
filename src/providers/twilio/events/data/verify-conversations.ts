import { lastSegment, phone, sid, type Generator, type GenInput } from './generator.js';

const sentAt = (g: GenInput, secondsBefore: number) => new Date(g.now.getTime() - secondsBefore * 1000).toISOString();

/** AccountSecurity.VerifyEventStreamEvent (snake_case; `verification_status` upper case). */
export const verifyVerification: Generator = (g) => {
  const serviceSid = sid(g, 'verifyService');
  const verificationSid = sid(g, 'verification');
  const status = lastSegment(g.type).toUpperCase();
  const checks = status === 'APPROVED' ? 1 : status === 'MAX_ATTEMPTS_REACHED' ? 5 : 0;
  return {
    source: `/v2/Services/${serviceSid}/Verifications/${verificationSid}`,
    payload: {
      account_sid: g.accountSid,
      service_sid: serviceSid,
      verification_sid: verificationSid,
      friendly_name: g.faker.company.name(),
      custom_code_enabled: false,
      custom_friendly_name: null,
      created_at: sentAt(g, 60),
      verified_at: status === 'APPROVED' ? g.now.toISOString() : null,
      to: phone(g),
      verification_status: status,
      country: 'US',
      code_length: 6,
      send_code_attempts: {
        count: 1,
        attempts: [{ time: sentAt(g, 60), channel: 'SMS', attempt_sid: sid(g, 'verificationAttempt'), delivery_status: 'DELIVERED', error_code: null, locale: 'en' }],
      },
      check_attempts: { count: checks, attempts: Array.from({ length: checks }, (_, i) => ({ time: sentAt(g, 30 - i), status: i === checks - 1 && status === 'APPROVED' ? 'APPROVED' : 'PENDING' })) },
      expired_at: status === 'EXPIRED' ? g.now.toISOString() : null,
    },
  };
};

/** AccountSecurity.MessageStatusEvent: the status of the message carrying a Verify code. */
export const verifyMessage: Generator = (g) => {
  const serviceSid = sid(g, 'verifyService');
  const verificationSid = sid(g, 'verification');
  const status = lastSegment(g.type);
  return {
    source: `/v2/Services/${serviceSid}/Verifications/${verificationSid}`,
    payload: {
      created_at: g.now.toISOString(),
      account_sid: g.accountSid,
      service_sid: serviceSid,
      verification_sid: verificationSid,
      attempt_sid: sid(g, 'verificationAttempt'),
      error_code: status === 'failed' || status === 'undelivered' ? '30008' : '',
      channel: 'sms',
      message_status: status,
      has_fallback: false,
      is_fallback: false,
      mnc: '260',
      mcc: '310',
      to: phone(g),
      number_segments: 1,
      tags: {},
    },
  };
};

/** Conversations events (field set unconfirmed; mirrors the Conversations webhook parameters, snake_case). */
export const conversationEvent: Generator = (g) => {
  const [resource = 'conversation'] = g.type.slice('com.twilio.conversations.'.length).split('.');
  const conversationSid = sid(g, 'conversation');
  const base = {
    account_sid: g.accountSid,
    chat_service_sid: sid(g, 'conversationsService'),
    conversation_sid: conversationSid,
    date_created: g.now.toISOString(),
    event_type: g.type.slice('com.twilio.conversations.'.length),
  };
  const extra: Record<string, unknown> =
    resource === 'message'
      ? { message_sid: sid(g, 'conversationMessage'), index: g.faker.number.int({ max: 200 }), author: g.faker.internet.username(), body: g.faker.lorem.sentence(), participant_sid: sid(g, 'conversationParticipant') }
      : resource === 'participant'
        ? { participant_sid: sid(g, 'conversationParticipant'), identity: g.faker.internet.username(), attributes: '{}' }
        : { friendly_name: `${g.faker.commerce.productName()} support`, unique_name: null, attributes: '{}', state: 'active' };
  return { source: `/v1/Conversations/${conversationSid}`, payload: { ...base, ...extra } };
};

/** ErrorLogs.Error (field set unconfirmed). */
export const errorLogged: Generator = (g) => {
  const code = g.faker.helpers.arrayElement([11200, 11205, 12100, 30003, 21211]);
  return {
    source: `/v1/Accounts/${g.accountSid}/Alerts`,
    payload: {
      account_sid: g.accountSid,
      correlation_sid: sid(g, 'call'),
      error_code: code,
      level: 'ERROR',
      more_info: `https://www.twilio.com/docs/errors/${code}`,
      product_name: code >= 30000 ? 'Programmable Messaging' : 'Programmable Voice',
      request_url: `https://${g.faker.internet.domainName()}/twilio/voice`,
      timestamp: g.now.toISOString(),
      sid: sid(g, 'errorLog'),
    },
  };
};
