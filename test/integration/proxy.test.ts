import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createHookyard } from '../../src/index.js';
import { runCli, waitForLines } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
/** curl's exit code and output, never throwing. */
const curl = (args: string[]) => run('curl', ['-sS', ...args]).then((r) => ({ code: 0, out: r.stdout, err: r.stderr }), (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }));

describe('serve --proxy: real SDKs in any language, through HTTPS_PROXY and a local CA', () => {
  it('answers the provider hosts through CONNECT with certificates curl trusts from the CA file, and refuses every other host', async () => {
    const caDir = tempDir('hookyard-ca-');
    const hook = await createHookyard({ proxy: { caDir } });
    try {
      const ok = await curl(['-x', hook.url, '--cacert', hook.proxyCa!, '-u', `${hook.accountSid}:${hook.authToken}`, 'https://verify.twilio.com/v2/Services']);
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.out)).toMatchObject({ services: [], meta: { url: 'https://verify.twilio.com/v2/Services?PageSize=50&Page=0' } });
      // Without the CA the certificate is not trusted: it really is hookyard's own.
      expect((await curl(['-x', hook.url, 'https://verify.twilio.com/v2/Services'])).code).toBe(60);
      const refused = await curl(['-x', hook.url, '--cacert', hook.proxyCa!, 'https://example.com/']);
      expect(refused.code).toBe(56);
      expect(refused.err).toContain('CONNECT tunnel failed, response 403');
      // A plain-HTTP proxy request for another host is answered by hookyard's Host rule, never forwarded.
      expect((await curl(['-x', hook.url, '-o', '/dev/null', '-w', '%{http_code}', 'http://example.com/'])).out).toBe('403');
      // …and a client that hangs up after the refusal does not take hookyard down.
      expect((await fetch(`${hook.url}/_hookyard/health`)).status).toBe(200);
      expect(statSync(join(caDir, 'hookyard-ca-key.pem')).mode & 0o777).toBe(0o600);
    } finally {
      await hook.close();
    }
    // The CA is made once and reused.
    const again = await createHookyard({ proxy: { caDir } });
    expect(readFileSync(again.proxyCa!, 'utf8')).toBe(readFileSync(join(caDir, 'hookyard-ca.pem'), 'utf8'));
    await again.close();
  });

  it('the twilio SDK in another process, with only the proxy and CA variables set, creates a Verify webhook', async () => {
    const caDir = tempDir('hookyard-ca-');
    const hook = await createHookyard({ proxy: { caDir } });
    try {
      const script = `
        const twilio = require('twilio');
        const client = twilio(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);
        client.verify.v2.services.create({ friendlyName: 'Via the proxy' })
          .then((s) => client.verify.v2.services(s.sid).webhooks.create({ friendlyName: 'app', eventTypes: ['*'], webhookUrl: 'http://127.0.0.1:3000/hooks' }))
          .then((w) => console.log(w.sid));`;
      // twilio-node reads HTTP_PROXY (and routes https through it); HTTPS_PROXY is what most other clients read.
      const env = { PATH: process.env['PATH'], HTTP_PROXY: hook.url, HTTPS_PROXY: hook.url, NODE_EXTRA_CA_CERTS: hook.proxyCa!, TWILIO_ACCOUNT_SID: hook.accountSid, TWILIO_AUTH_TOKEN: hook.authToken };
      const { stdout } = await run(process.execPath, ['-e', script], { cwd: root, env });
      expect(stdout.trim()).toMatch(/^YW[0-9a-f]{32}$/);
      expect(hook.requests({ operation: 'CreateWebhook' }).map((r) => r.host)).toEqual(['verify.twilio.com']);
    } finally {
      await hook.close();
    }
  });

  it('hookyard ca path, and serve --proxy says where the CA is', async () => {
    const caDir = tempDir('hookyard-ca-');
    const path = runCli(['ca', 'path'], { HOOKYARD_CA_DIR: caDir });
    expect(await path.exited).toBe(0);
    expect(path.stdout()).toBe(`${join(caDir, 'hookyard-ca.pem')}\n`);
    expect(readFileSync(join(caDir, 'hookyard-ca.pem'), 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const serve = runCli(['serve', '--port', '0', '--print-env', '--proxy'], { HOOKYARD_CA_DIR: caDir });
    await waitForLines(serve, 7);
    await expect.poll(() => serve.stderr()).toContain('Press Ctrl+C');
    expect(serve.stderr()).toMatch(new RegExp(`Proxy +HTTPS_PROXY=http://127\\.0\\.0\\.1:\\d+ \\(provider hosts only\\), trusting ${join(caDir, 'hookyard-ca.pem').replace(/[.]/g, '\\.')}`));
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
  });
});
