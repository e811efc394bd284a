import type { Context } from '../../../../core/context.js';
import { streamEventFrom } from '../../events/stream-events.js';
import type { VerifyService } from '../services/model.js';
import type { SendAttempt, Verification } from './model.js';

const TYPE = 'com.twilio.accountsecurity.verify';
const source = (v: Verification) => `/v2/Services/${v.serviceSid}/Verifications/${v.sid}`;

/**
 * `AccountSecurity.VerifyEventStreamEvent` from the verification itself, as Event Streams would carry
 * it; sent only when the Service has `verify_event_subscription_enabled`, as on Twilio.
 * @see https://www.twilio.com/docs/events/event-types/verify/verification-status
 */
export function emitVerificationEvent(ctx: Context, service: VerifyService, v: Verification): void {
  if (!service.verifyEventSubscriptionEnabled) return;
  const payload = {
    account_sid: v.accountSid,
    service_sid: v.serviceSid,
    verification_sid: v.sid,
    friendly_name: service.friendlyName,
    custom_code_enabled: service.customCodeEnabled,
    custom_friendly_name: v.customFriendlyName,
    created_at: new Date(Date.parse(v.dateCreated)).toISOString(),
    verified_at: v.status === 'approved' ? v.endedAt : null,
    to: v.to,
    verification_status: v.status.toUpperCase(),
    country: v.country,
    code_length: v.code.length,
    send_code_attempts: {
      count: v.sendCodeAttempts.length,
      attempts: v.sendCodeAttempts.map((a) => ({ time: a.time, channel: a.channel.toUpperCase(), attempt_sid: a.attemptSid, delivery_status: 'DELIVERED', error_code: null, locale: v.locale })),
    },
    check_attempts: { count: v.checkAttempts.length, attempts: v.checkAttempts },
    expired_at: v.status === 'expired' ? v.endedAt : null,
    ...(v.tags ? { tags: v.tags } : {}),
  };
  ctx.emitter.emit(streamEventFrom(ctx, v.accountSid, `${TYPE}.verification.${v.status}`, source(v), payload));
}

/**
 * `AccountSecurity.MessageStatusEvent` for a code sent by SMS or WhatsApp: `sent`, then `delivered`
 * (hookyard's messages always arrive).
 * @see https://www.twilio.com/docs/events/event-types/verify/message-status
 */
export function emitMessageEvents(ctx: Context, service: VerifyService, v: Verification, attempt: SendAttempt, carrier: { mcc: string; mnc: string } | null): void {
  if (!service.verifyEventSubscriptionEnabled || (attempt.channel !== 'sms' && attempt.channel !== 'whatsapp')) return;
  const events = (['sent', 'delivered'] as const).map((status) =>
    streamEventFrom(ctx, v.accountSid, `${TYPE}.message.${status}`, source(v), {
      created_at: ctx.clock.now().toISOString(),
      account_sid: v.accountSid,
      service_sid: v.serviceSid,
      verification_sid: v.sid,
      attempt_sid: attempt.attemptSid,
      error_code: '',
      channel: attempt.channel,
      message_status: status,
      has_fallback: false,
      is_fallback: false,
      mnc: carrier?.mnc ?? '',
      mcc: carrier?.mcc ?? '',
      to: v.to,
      number_segments: 1,
      tags: v.tags ?? {},
    }),
  );
  for (const e of events) ctx.emitter.emit(e);
}
