import { describe, expect, it } from 'vitest';
import { createHookyard } from '../../src/index.js';
import { startReceiver } from '../helpers/receiver.js';

describe('one name for each event, everywhere', () => {
  it('hook.emit and POST /_hookyard/events take every alias the CLI takes, and suggest instead of listing the catalogue', async () => {
    const receiver = await startReceiver();
    const hook = await createHookyard({ seed: 'names' });
    try {
      const sinch = 'Basic ' + Buffer.from(`${hook.sinch.keyId}:${hook.sinch.keySecret}`).toString('base64');
      await fetch(`${hook.url}/v1/projects/${hook.sinch.projectId}/webhooks`, { method: 'POST', headers: { authorization: sinch, 'content-type': 'application/json' }, body: JSON.stringify({ target: receiver.url, secret: 's', triggers: ['ALL'] }) });
      for (const type of ['sinch.whatsapp_template_approved', 'WHATSAPP_TEMPLATE_APPROVED', 'sinch.WHATSAPP_TEMPLATE_APPROVED', 'sinch.provisioning.whatsapp_template_approved', 'Sinch.WhatsApp_Template_Approved']) {
        const r = await hook.emit({ type, wait: true });
        expect(r.event, type).toMatchObject({ provider: 'sinch.provisioning', type: 'WHATSAPP_TEMPLATE_APPROVED' });
      }
      const api = await fetch(`${hook.url}/_hookyard/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'sinch.whatsapp_template_approved' }) });
      expect(api.status).toBe(202);
      const bad = await fetch(`${hook.url}/_hookyard/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'sinch.whatsap_template_aproved' }) });
      expect(bad.status).toBe(400);
      const { error } = (await bad.json()) as { error: { message: string; param: string } };
      expect(error).toMatchObject({ param: 'type', message: expect.stringContaining('did you mean sinch.whatsapp_template_approved') });
      expect(error.message.length).toBeLessThan(300);
      await expect(hook.emit({ type: 'twilio.events.com.twilio.messaging.message.sent' })).resolves.toMatchObject({ event: { type: 'com.twilio.messaging.message.sent' } });
    } finally {
      await hook.close();
      await receiver.close();
    }
  });
});
