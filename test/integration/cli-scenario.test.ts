import { validateWebhookSignature } from '@sinch/sdk-core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, waitForLines } from '../helpers/cli.js';
import { startReceiver } from '../helpers/receiver.js';
import { tempDir } from '../helpers/tmp.js';

describe('hookyard scenario run against a running server (real processes)', () => {
  it('runs every step, waits included, and exits 0 only after the last one', async () => {
    const receiver = await startReceiver();
    const server = runCli(['serve', '--port', '0', '--print-env', '-q']);
    const env = Object.fromEntries((await waitForLines(server, 6)).map((l) => l.split('=', 2) as [string, string]));
    const dir = tempDir('hookyard-scenario-');
    const file = join(dir, 'waits.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'waits',
        steps: [
          { name: 'service', request: { method: 'POST', path: '/v2/Services', auth: 'twilio', form: { FriendlyName: 'waits' } } },
          { name: 'webhook', request: { method: 'POST', path: '/v2/Services/${service.sid}/Webhooks', auth: 'twilio', form: { FriendlyName: 'w', EventTypes: ['*'], WebhookUrl: '${env:WEBHOOK_URL}' } } },
          { name: 'before', emit: { event: 'verify.factor.created', input: { serviceSid: '${service.sid}' } } },
          { name: 'pause', wait: '50ms' },
          { name: 'after', emit: { event: 'verify.challenge.approved', input: { serviceSid: '${service.sid}' } } },
          { name: 'pause_again', wait: '30ms' },
          { name: 'last', emit: { event: 'verify.factor.deleted', input: { serviceSid: '${service.sid}' } } },
        ],
      }),
    );
    try {
      const r = runCli(['scenario', 'run', file], { HOOKYARD_URL: env['HOOKYARD_URL']!, WEBHOOK_URL: `${receiver.url}/hooks` });
      expect(await r.exited).toBe(0);
      expect(r.stdout()).toMatch(/after: verify\.challenge\.approved/);
      expect(r.stdout()).toMatch(/last: verify\.factor\.deleted/);
      expect(receiver.received).toHaveLength(3);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      await receiver.close();
    }
  });
});

describe('hookyard scenario list / run <name> (the shipped scenarios, real processes)', () => {
  it('lists every shipped scenario with its description', async () => {
    const r = runCli(['scenario', 'list']);
    expect(await r.exited).toBe(0);
    const names = r.stdout().trim().split('\n').map((l) => l.split(/\s+/)[0]);
    expect(names).toEqual(['event-streams-quickstart', 'sinch-whatsapp-template-review', 'sync-collaborative-document', 'verify-push-login']);
    expect(r.stdout()).toMatch(/sinch-whatsapp-template-review\s+A WhatsApp template goes through review/);
  });

  it('runs a shipped scenario by name in-process, delivering to WEBHOOK_URL', async () => {
    const receiver = await startReceiver();
    try {
      const r = runCli(['scenario', 'run', 'sinch-whatsapp-template-review', '--seed', '7'], { WEBHOOK_URL: `${receiver.url}/sinch`, HOOKYARD_URL: '' });
      expect(await r.exited).toBe(0);
      expect(r.stderr()).toBe('');
      // the fixture's three emits reach the receiver, signed with the default secret the app's validator is given
      expect(receiver.received.map((x) => (JSON.parse(x.body) as { type: string }).type)).toEqual(['WHATSAPP_TEMPLATE_COMMENT_ADDED', 'WHATSAPP_TEMPLATE_APPROVED', 'WHATSAPP_TEMPLATE_REJECTED']);
      for (const got of receiver.received) expect(validateWebhookSignature('hookyard_webhook_secret', got.headers, got.body)).toBe(true);
    } finally {
      await receiver.close();
    }
  });

  it('an unknown name is one line naming the shipped ones, exit 2', async () => {
    const r = runCli(['scenario', 'run', 'verify-push-logn'], { HOOKYARD_URL: '' });
    expect(await r.exited).toBe(2);
    expect(r.stderr().trim().split('\n')).toEqual([expect.stringMatching(/^hookyard: no file or shipped scenario 'verify-push-logn'; shipped: event-streams-quickstart, .*verify-push-login$/)]);
  });
});
