import { defineIndex, type Row } from '../../../../core/collection.js';

/** Values `EventTypes` accepts; `*` subscribes to all. */
export const VERIFY_WEBHOOK_EVENT_TYPES = ['*', 'factor.deleted', 'factor.created', 'factor.verified', 'challenge.approved', 'challenge.denied'] as const;
export type VerifyWebhookEventType = (typeof VERIFY_WEBHOOK_EVENT_TYPES)[number];

export interface VerifyWebhook extends Row {
  accountSid: string;
  serviceSid: string;
  friendlyName: string;
  eventTypes: VerifyWebhookEventType[];
  webhookUrl: string;
  status: 'enabled' | 'disabled';
  version: 'v1' | 'v2';
  dateCreated: string;
  dateUpdated: string;
}

export const VERIFY_WEBHOOKS = 'verify.webhooks';
/** A service's webhooks, for its list page and for the matcher. */
export const WEBHOOKS_BY_SERVICE = defineIndex<VerifyWebhook>('serviceSid', (w) => w.serviceSid);
