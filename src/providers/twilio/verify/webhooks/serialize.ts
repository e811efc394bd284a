import { list, oneOf, str, url, type Form } from '../../common/params.js';
import { VERIFY_WEBHOOK_EVENT_TYPES, type VerifyWebhook } from './model.js';

/** Wire → model for createWebhook (all required params) and updateWebhook (all optional). */
export function parseWebhookParams(form: Form, create: boolean) {
  const required = { required: create };
  return {
    friendlyName: str(form, 'FriendlyName', { ...required, max: 64 }),
    eventTypes: list(form, 'EventTypes', VERIFY_WEBHOOK_EVENT_TYPES, required),
    webhookUrl: url(form, 'WebhookUrl', required),
    status: oneOf(form, 'Status', ['enabled', 'disabled'] as const),
    version: oneOf(form, 'Version', ['v1', 'v2'] as const),
  };
}

/** Model → `verify.v2.service.webhook` JSON in the spec's key order. No `links`. */
export function toWebhookJson(w: VerifyWebhook, origin: string) {
  return {
    url: `${origin}/v2/Services/${w.serviceSid}/Webhooks/${w.sid}`,
    sid: w.sid,
    account_sid: w.accountSid,
    service_sid: w.serviceSid,
    friendly_name: w.friendlyName,
    event_types: w.eventTypes,
    // The API has no WebhookMethod parameter; every spec example reports POST, which is what is sent.
    webhook_method: 'POST',
    webhook_url: w.webhookUrl,
    status: w.status,
    version: w.version,
    date_created: w.dateCreated,
    date_updated: w.dateUpdated,
  };
}
