import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, waitForLines } from '../helpers/cli.js';
import { startReceiver } from '../helpers/receiver.js';

describe('hookyard scenario run against a running server (real processes)', () => {
  it('runs every step, waits included, and exits 0 only after the last one', async () => {
    const receiver = await startReceiver();
    const server = runCli(['serve', '--port', '0', '--print-env', '-q']);
    const env = Object.fromEntries((await waitForLines(server, 6)).map((l) => l.split('=', 2) as [string, string]));
    const dir = mkdtempSync(join(tmpdir(), 'hookyard-scenario-'));
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
