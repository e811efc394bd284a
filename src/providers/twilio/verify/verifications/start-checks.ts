import type { Context } from '../../../../core/context.js';
import { verifyError, verifyInvalid } from '../errors.js';
import type { VerifyService } from '../services/model.js';
import { findTemplate, type Template } from '../templates/catalog.js';
import { SUPPORTED_LOCALES } from './message.js';
import type { Channel } from './model.js';
import { localeFor, lookupJson, lookupPhone, type PhoneInfo } from './phone.js';
import type { CreateParams } from './serialize.js';

/** What a start resolved to, once every check passed. */
export interface Start {
  channel: Channel;
  phone: PhoneInfo | undefined;
  locale: string;
  lookup: Record<string, unknown>;
  template: Template | undefined;
  snaUrl: (verificationSid: string) => string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Every check Twilio makes before it sends anything, in its error codes. Nothing is stored until all pass.
 * @see https://www.twilio.com/docs/verify/api/verification#start-new-verification
 */
export async function checkStart(_ctx: Context, service: VerifyService, p: CreateParams, origin: string): Promise<Start> {
  // `auto` tries Silent Network Auth first and falls back to SMS; hookyard has no carrier network, so SMS.
  const channel: Channel = p.channel === 'auto' ? 'sms' : p.channel;
  let phone: PhoneInfo | undefined;
  if (channel === 'email') {
    if (!EMAIL.test(p.to)) throw verifyInvalid('To', `${p.to} is not an email address`);
  } else {
    phone = await lookupPhone(p.to);
    if (!phone) throw verifyInvalid('To', `${p.to} is not a valid phone number in E.164 format`);
  }
  if (p.customMessage !== undefined) throw verifyError(400, 60243, 'Custom messages are not supported', 'CustomMessage');
  if (p.customCode !== undefined) {
    if (!service.customCodeEnabled) throw verifyError(403, 60204, 'Service does not support this feature: custom codes are not enabled for this Service', 'CustomCode');
    if (p.customCode.length < 4 || p.customCode.length > 10) throw verifyInvalid('CustomCode', 'must be 4 to 10 characters');
  }
  // Twilio answers an unsupported locale with a 404 ("retry without the locale parameter").
  if (p.locale !== undefined && !SUPPORTED_LOCALES.has(p.locale.toLowerCase())) throw verifyError(404, 20404, `Locale '${p.locale}' is not supported; retry without the Locale parameter`, 'Locale');
  if (channel === 'whatsapp' && !service.whatsapp.msgServiceSid && !service.whatsapp.from) {
    throw verifyError(400, 68008, 'Verify WhatsApp channel not configured: set Whatsapp.MsgServiceSid and Whatsapp.From on the Service', 'Channel');
  }
  if (service.psd2Enabled && (p.amount === undefined || p.payee === undefined)) throw verifyError(400, 60206, "'Amount' & 'Payee' params are required", p.amount === undefined ? 'Amount' : 'Payee');
  const templateSid = p.templateSid ?? service.defaultTemplateSid ?? undefined;
  const template = templateSid === undefined ? undefined : findTemplate(templateSid);
  if (templateSid !== undefined && !template) throw verifyInvalid('TemplateSid', `${templateSid} is not a template of this account (GET /v2/Templates lists them)`);
  if (channel === 'sms' && service.skipSmsToLandlines && service.lookupEnabled && phone?.type === 'FIXED_LINE') {
    throw verifyError(403, 60205, 'SMS is not supported by landline phone number', 'To');
  }
  return {
    channel,
    phone,
    locale: p.locale?.toLowerCase() ?? localeFor(phone?.country ?? null),
    lookup: service.lookupEnabled ? lookupJson(phone) : {},
    template,
    snaUrl: (sid) => `${origin}/_hookyard/verify/sna/${sid}`,
  };
}
