import { isHttpUrl } from '../../../../core/url.js';
import { sinchError } from '../../common/errors.js';
import { SINCH_TRIGGERS, type SinchTrigger } from '../triggers.js';
import type { SinchWebhook } from './model.js';

export interface WebhookInput {
  target?: string;
  secret?: string;
  triggers?: SinchTrigger[];
}

/** The body's JSON, or 400 `invalid_payload`. */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw sinchError('invalid_payload');
  }
}

function checkTriggers(v: unknown, errors: string[]): void {
  if (!Array.isArray(v)) return void errors.push('triggers must be an array');
  if (v.length === 0) errors.push('triggers should not be empty');
  if (new Set(v).size !== v.length) errors.push("All triggers's elements must be unique");
  if (v.some((t) => !(SINCH_TRIGGERS as readonly unknown[]).includes(t))) {
    errors.push(`each value in triggers must be one of the following values: ${SINCH_TRIGGERS.join(', ')}`);
  }
}

/**
 * Checks a create/replace body (all fields required) or an update body (all optional), with the
 * class-validator style messages the real API returns in `additionalInformation.validationErrors`.
 */
export function parseWebhookInput(body: unknown, partial: boolean): WebhookInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw sinchError('invalid_payload');
  const b = body as Record<string, unknown>;
  const errors: string[] = [];
  const present = (k: string) => !partial || b[k] !== undefined;
  for (const key of Object.keys(b)) if (!['target', 'secret', 'triggers'].includes(key)) errors.push(`property ${key} should not exist`);
  if (present('target')) {
    if (typeof b['target'] !== 'string') errors.push('target must be a string');
    else if (b['target'].length > 742) errors.push('target must be shorter than or equal to 742 characters');
    else if (!isHttpUrl(b['target'])) errors.push('target must be a URL address');
  }
  if (present('secret')) {
    if (typeof b['secret'] !== 'string') errors.push('secret must be a string');
    else if (b['secret'].length < 1) errors.push('secret must be longer than or equal to 1 characters');
    else if (b['secret'].length > 128) errors.push('secret must be shorter than or equal to 128 characters');
  }
  if (present('triggers')) checkTriggers(b['triggers'], errors);
  if (errors.length > 0) throw sinchError('invalid_input', { additionalInformation: { validationErrors: errors } });
  return { target: b['target'] as string | undefined, secret: b['secret'] as string | undefined, triggers: b['triggers'] as SinchTrigger[] | undefined };
}

/** Model → `WebhookWebhookDto`: id, target, projectId, triggers — never the secret. */
export const toWebhookDto = (w: SinchWebhook) => ({ id: w.sid, target: w.target, projectId: w.projectId, triggers: w.triggers });
