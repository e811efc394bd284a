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

const SETUP_NAME = 'hookyard trigger';

/**
 * A Verify Service and a webhook for the event type pointing at `webhookUrl` — reusing the ones an earlier
 * `--setup` made (a service of that name with a webhook for that URL), so runs never pile up parents.
 */
export async function setupVerify(api: HookyardApi, type: string, webhookUrl: string): Promise<SetupResult> {
  const services = expectCreated(await api.request('GET', '/v2/Services?PageSize=1000', undefined, 'twilio'), 'the Verify Service list').services as { sid: string; friendly_name: string }[];
  for (const s of services.filter((x) => x.friendly_name === SETUP_NAME)) {
    const hooks = expectCreated(await api.request('GET', `/v2/Services/${s.sid}/Webhooks?PageSize=1000`, undefined, 'twilio'), 'the webhook list').webhooks as { sid: string; webhook_url: string; event_types: string[]; status: string }[];
    const hook = hooks.find((w) => w.webhook_url === webhookUrl);
    if (!hook) continue;
    if (hook.status !== 'enabled' || !(hook.event_types.includes('*') || hook.event_types.includes(type))) {
      const form = { Status: 'enabled', EventTypes: hook.event_types.includes('*') ? ['*'] : [...hook.event_types, type] };
      expectCreated(await api.request('POST', `/v2/Services/${s.sid}/Webhooks/${hook.sid}`, { form }, 'twilio'), 'the Verify webhook update');
    }
    return { input: { serviceSid: s.sid }, created: [`reusing Verify Service ${s.sid} and Webhook ${hook.sid} → ${webhookUrl}`] };
  }
  const service = expectCreated(await api.request('POST', '/v2/Services', { form: { FriendlyName: SETUP_NAME } }, 'twilio'), 'a Verify Service');
  const form = { FriendlyName: SETUP_NAME, EventTypes: [type], WebhookUrl: webhookUrl };
  const hook = expectCreated(await api.request('POST', `/v2/Services/${service.sid}/Webhooks`, { form }, 'twilio'), 'a Verify webhook');
  return { input: { serviceSid: service.sid }, created: [`Verify Service ${service.sid}`, `Verify Webhook ${hook.sid} → ${webhookUrl}`] };
}
