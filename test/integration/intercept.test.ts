import { ApiFetchClient, Oauth2TokenRequest } from '@sinch/sdk-core';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { createHookyard } from '../../src/index.js';
import { startReceiver } from '../helpers/receiver.js';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../..', import.meta.url));

/** A plain CommonJS `http.get` (what SDKs built on `http` do), resolving with status and body. */
const httpGet = (url: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    (require('node:http') as typeof import('node:http')).get(url, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    }).on('error', reject);
  });

describe('intercept: the real SDKs reach hookyard with no code change', () => {
  it('the twilio SDK with only its credentials, and @sinch/sdk-core with only its key, drive hookyard; other hosts are untouched', async () => {
    const rx = await startReceiver();
    const hook = await createHookyard({ seed: 'intercept', intercept: true });
    try {
      const client = twilio(hook.accountSid, hook.authToken); // no httpClient, no region, no edge
      const service = await client.verify.v2.services.create({ friendlyName: 'Zero config' });
      await client.verify.v2.services(service.sid).webhooks.create({ friendlyName: 'app', eventTypes: ['*'], webhookUrl: `${rx.url}/verify` });
      expect((await client.verify.v2.services.list()).map((s) => s.sid)).toEqual([service.sid]);
      expect(await client.events.v1.sinks.list()).toEqual([]);
      const sync = await client.sync.v1.services.create({ friendlyName: 'Zero config sync' });
      expect(sync.sid).toMatch(/^IS/);
      expect(hook.requests({ operation: 'CreateService' }).map((r) => r.host)).toEqual(['verify.twilio.com', 'sync.twilio.com']);

      // Sinch: the SDK's own OAuth2 flow against auth.sinch.com, then the provisioning host.
      const sinch = new ApiFetchClient({ requestPlugins: [new Oauth2TokenRequest(hook.sinch.keyId, hook.sinch.keySecret)] });
      const url = `https://provisioning.api.sinch.com/v1/projects/${hook.sinch.projectId}/webhooks`;
      const created = await sinch.processCall<{ id: string; target: string }>({
        url,
        requestOptions: await sinch.prepareOptions(url, 'POST', {}, { 'Content-Type': 'application/json' }, JSON.stringify({ target: `${rx.url}/sinch`, secret: 's', triggers: ['ALL'] })),
        apiName: 'provisioning',
        operationId: 'CreateWebhook',
      });
      expect(created.target).toBe(`${rx.url}/sinch`);
      expect(hook.requests({ operation: 'oauth2Token' })[0]!.host).toBe('auth.sinch.com');

      // Everything else goes out as it would have: fetch and http to the receiver, and hookyard's own deliveries.
      expect((await fetch(`${rx.url}/plain-fetch`)).status).toBe(200);
      expect((await httpGet(`${rx.url}/plain-http`)).status).toBe(200);
      await hook.emit({ type: 'factor.created', serviceSid: service.sid, wait: true });
      const paths = rx.received.map((r) => new URL(r.url).pathname);
      expect(paths).toEqual(['/plain-fetch', '/plain-http', '/verify']);
      const got = rx.received.at(-1)!;
      expect(twilio.validateRequest(hook.authToken, got.headers['x-twilio-signature'] as string, got.url, Object.fromEntries(new URLSearchParams(got.body)))).toBe(true);

      // One hookyard owns the hosts at a time.
      await expect(createHookyard({ intercept: true })).rejects.toThrow(/already intercepts/);
    } finally {
      await hook.close();
      await rx.close();
    }
    // close() hands the hosts back: another hookyard may take them.
    const next = await createHookyard({ intercept: true });
    expect((await twilio(next.accountSid, next.authToken).verify.v2.services.list()).length).toBe(0);
    await next.close();
  });

  it("import 'hookyard/intercept' in an app's own process: the unchanged twilio client talks to hookyard", async () => {
    const script = `
      const { hook } = await import('hookyard/intercept');
      const twilio = (await import('twilio')).default;
      const client = twilio(hook.accountSid, hook.authToken);
      const s = await client.verify.v2.services.create({ friendlyName: 'From the app' });
      console.log(JSON.stringify({ sid: s.sid, url: process.env.HOOKYARD_URL === hook.url, calls: hook.requests().length }));
      await hook.close();`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
    expect(JSON.parse(stdout)).toEqual({ sid: expect.stringMatching(/^VA[0-9a-f]{32}$/), url: true, calls: 1 });
  });
});
