import { DEFAULTS } from '../../../defaults.js';
import type { EventDescription, HookyardApi, SetupResult } from '../../provider.js';
import { expectCreated } from '../../setup-check.js';

const words = (type: string) => type.toLowerCase().replace(/_/g, ' ').replace('whatsapp', 'WhatsApp').replace('rcs', 'RCS').replace('kakaotalk', 'KakaoTalk').replace('waba', 'WABA');

export const describeSinchEvent = (type: string): EventDescription => ({
  name: `sinch.${type.toLowerCase()}`,
  description: `Provisioning callback: ${words(type)}`,
  requires: ['a webhook of the project whose triggers hold the type or ALL'],
});

/** A Provisioning webhook for `webhookUrl` with the trigger (reusing one already registered for that target). */
export async function setupSinch(api: HookyardApi, type: string, webhookUrl: string, options: { secret?: string | undefined } = {}): Promise<SetupResult> {
  const base = `/v1/projects/${api.sinchProjectId}/webhooks`;
  const secret = options.secret ?? DEFAULTS.sinchWebhookSecret;
  const created = await api.request('POST', base, { json: { target: webhookUrl, secret, triggers: [type] } }, 'sinch');
  if (created.status !== 409) {
    const hook = expectCreated(created, 'a Sinch webhook');
    return { input: {}, created: [`Sinch webhook ${hook.id} → ${webhookUrl} (secret ${secret})`] };
  }
  const list = expectCreated(await api.request('GET', base, undefined, 'sinch'), 'the webhook list');
  const existing = (list.webhooks as { id: string; target: string; triggers: string[] }[]).find((w) => w.target === webhookUrl)!;
  const json = { secret, triggers: [...new Set([...existing.triggers, type])] };
  expectCreated(await api.request('PATCH', `${base}/${existing.id}`, { json }, 'sinch'), 'the Sinch webhook update');
  return { input: {}, created: [`Sinch webhook ${existing.id} now also takes ${type} (secret ${secret})`] };
}
