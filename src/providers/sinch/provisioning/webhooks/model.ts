import type { Row } from '../../../../core/collection.js';
import type { SinchTrigger } from '../triggers.js';

/** A Provisioning API webhook; `sid` is its id (a ULID). The secret is stored but never returned. */
export interface SinchWebhook extends Row {
  projectId: string;
  target: string;
  secret: string;
  triggers: SinchTrigger[];
}

export const SINCH_WEBHOOKS = 'sinch.webhooks';

/** At most 15 webhooks per project. */
export const SINCH_WEBHOOK_LIMIT = 15;
