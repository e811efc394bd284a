import type { EventDescription, HookyardApi, SetupResult } from '../../provider.js';
import { expectCreated } from '../../setup-check.js';

/** The Verify Push webhook events, as Twilio's docs describe them. @see https://www.twilio.com/docs/verify/api/webhooks */
const DESCRIPTIONS: Record<string, string> = {
  'factor.created': 'A push Factor was created; it cannot take challenges until it is verified',
  'factor.verified': 'A push Factor was verified and can now receive challenges',
  'factor.deleted': 'A push Factor was deleted',
  'challenge.approved': 'A Challenge was approved by the user on their device',
  'challenge.denied': 'A Challenge was denied by the user on their device',
};

export const describeVerifyEvent = (type: string): EventDescription => ({
  name: `verify.${type}`,
  description: DESCRIPTIONS[type] ?? type,
  requires: ['serviceSid: a Verify Service (VA…) with a webhook subscribed to the event'],
});

/** A Verify Service and a webhook for the event type pointing at `webhookUrl`. */
export async function setupVerify(api: HookyardApi, type: string, webhookUrl: string): Promise<SetupResult> {
  const service = expectCreated(await api.request('POST', '/v2/Services', { form: { FriendlyName: 'hookyard trigger' } }, 'twilio'), 'a Verify Service');
  const form = { FriendlyName: 'hookyard trigger', EventTypes: [type], WebhookUrl: webhookUrl };
  const hook = expectCreated(await api.request('POST', `/v2/Services/${service.sid}/Webhooks`, { form }, 'twilio'), 'a Verify webhook');
  return { input: { serviceSid: service.sid }, created: [`Verify Service ${service.sid}`, `Verify Webhook ${hook.sid} → ${webhookUrl}`] };
}
