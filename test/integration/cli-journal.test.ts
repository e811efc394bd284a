import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHookyard, type Hookyard } from '../../src/index.js';
import { runCli, waitForLines, type Running } from '../helpers/cli.js';
import { startReceiver, type Receiver } from '../helpers/receiver.js';

const until = async (check: () => boolean, what: string, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('the journal from the terminal: deliveries show, replay, recover, requests', () => {
  let hook: Hookyard;
  let receiver: Receiver;
  let serviceSid: string;
  const auth = () => ({ authorization: `Basic ${Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' });
  const cli = async (args: string[]) => {
    const r = runCli(args, { HOOKYARD_URL: hook.url });
    return { code: await r.exited, out: r.stdout(), err: r.stderr() };
  };

  beforeAll(async () => {
    receiver = await startReceiver();
    hook = await createHookyard({ seed: 'cli-journal', retry: { 'twilio.verify': 'none' } });
    serviceSid = ((await (await fetch(`${hook.url}/v2/Services`, { method: 'POST', headers: auth(), body: 'FriendlyName=CLI' })).json()) as { sid: string }).sid;
    await fetch(`${hook.url}/v2/Services/${serviceSid}/Webhooks`, { method: 'POST', headers: auth(), body: new URLSearchParams({ FriendlyName: 'w', EventTypes: '*', WebhookUrl: `${receiver.url}/verify` }) });
  });
  afterAll(async () => {
    await hook.close();
    await receiver.close();
  });

  it('shows one delivery, replays it (exit 1 while it still fails), and recovers what an origin missed', async () => {
    receiver.respondWith(503, 'down for maintenance');
    const since = hook.clock.now().toISOString();
    const { deliveries } = await hook.emit({ type: 'factor.created', serviceSid, wait: true });
    const id = deliveries[0]!.id;

    const shown = await cli(['deliveries', 'show', id]);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain(`${id} factor.created → ${receiver.url}/verify http_error 503 ×1`);
    expect(shown.out).toContain(`  request   POST ${receiver.url}/verify`);
    expect(shown.out).toMatch(/ {4}x-twilio-signature: [A-Za-z0-9+/]{27}=/);
    expect(shown.out).toMatch(/ {2}attempt 1 at .*: http_error 503, error 11200\n {4}down for maintenance/);
    expect(JSON.parse((await cli(['deliveries', 'show', id, '--json'])).out)).toMatchObject({ id, outcome: 'http_error' });

    const stillDown = await cli(['replay', id]);
    expect(stillDown.code).toBe(1);
    expect(stillDown.out).toMatch(new RegExp(`HD[0-9a-f]{32} factor.created → ${receiver.url}/verify http_error 503 ×1`));

    receiver.respondWith(200);
    const recovered = await cli(['recover', '--target', receiver.url, '--since', since]);
    expect(recovered.code).toBe(0);
    // The failure was replayed (and failed again): only the replay stands for it, so the event is resent once.
    expect(recovered.err).toBe(`recovered 1 delivery for ${receiver.url}\n`);
    expect(recovered.out.trim().split('\n')).toHaveLength(1);
    expect(receiver.received.filter((r) => r.url.endsWith('/verify'))).toHaveLength(3);
    expect((await cli(['recover', '--target', receiver.url])).err).toBe(`recovered 0 deliveries for ${receiver.url}\n`);
    expect((await cli(['replay', id])).code).toBe(0);
  });

  it('answers bad input in one line: unknown id exit 1, bad time or missing target exit 2', async () => {
    const unknown = await cli(['deliveries', 'show', 'HD00000000000000000000000000000000']);
    expect([unknown.code, unknown.err]).toEqual([1, 'hookyard: No delivery HD00000000000000000000000000000000 in the journal\n']);
    const badSince = await cli(['recover', '--target', receiver.url, '--since', 'yesterday']);
    expect([badSince.code, badSince.err]).toEqual([2, 'hookyard: since must be an ISO time\n']);
    expect((await cli(['recover'])).code).toBe(2);
    const down = runCli(['replay', 'HD00000000000000000000000000000000', '--url', 'http://127.0.0.1:9']);
    expect(await down.exited).toBe(2);
    expect(down.stderr()).toMatch(/^hookyard: cannot reach http:\/\/127.0.0.1:9 \(.*\)\n$/);
  });

  it('hookyard requests lists the calls the app made, filtered like the API', async () => {
    const all = await cli(['requests', '--operation', 'CreateWebhook']);
    expect(all.code).toBe(0);
    expect(all.out).toMatch(new RegExp(`^\\S+ RQ[0-9a-f]{32} CreateWebhook POST /v2/Services/${serviceSid}/Webhooks 201  ServiceSid=${serviceSid} FriendlyName=w EventTypes=\\* WebhookUrl=${receiver.url}/verify\\n$`));
    expect((await cli(['requests', '--param', 'FriendlyName=CLI'])).out).toMatch(/ CreateService POST \/v2\/Services 201 {2}FriendlyName=CLI\n$/);
    const typo = await cli(['requests', '--operation', 'CreateWebhooks']);
    expect([typo.code, typo.err]).toEqual([2, "hookyard: no operation 'CreateWebhooks'; did you mean CreateWebhook?\n"]);
    expect((await cli(['requests', '--param', 'nope'])).code).toBe(2);
  });
});

/** A free port, for a server that must come back on the same one. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('deliveries --follow across a server restart (real processes)', () => {
  it('says the server is lost, waits, and prints what the restarted server delivers', async () => {
    const receiver = await startReceiver();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const start = async () => {
      const s = runCli(['serve', '--port', String(port), '--print-env', '-q']);
      await waitForLines(s, 7);
      return s;
    };
    const emitTo = async () => {
      const auth = { authorization: `Basic ${Buffer.from('AC00000000000000000000000000000000:hookyard_auth_token').toString('base64')}` };
      const sid = ((await (await fetch(`${url}/v2/Services`, { method: 'POST', headers: auth, body: new URLSearchParams({ FriendlyName: 'f' }) })).json()) as { sid: string }).sid;
      await fetch(`${url}/v2/Services/${sid}/Webhooks`, { method: 'POST', headers: auth, body: new URLSearchParams({ FriendlyName: 'w', EventTypes: '*', WebhookUrl: `${receiver.url}/f` }) });
      await fetch(`${url}/_hookyard/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'factor.created', serviceSid: sid, wait: true }) });
    };
    let server: Running = await start();
    const follow = runCli(['deliveries', '--follow', '--url', url]);
    try {
      await emitTo();
      await until(() => follow.stdout().includes('factor.created'), 'the first delivery');
      server.child.kill('SIGTERM');
      await server.exited;
      await until(() => follow.stderr().includes(`hookyard: lost ${url}; reconnecting…`), 'the lost line');
      server = await start();
      await emitTo();
      await until(() => follow.stdout().trim().split('\n').length === 2, 'the delivery after the restart');
      expect(follow.stderr()).toContain(`hookyard: ${url} is back; following`);
      expect(follow.child.exitCode).toBeNull();
    } finally {
      follow.child.kill('SIGTERM');
      server.child.kill('SIGTERM');
      await Promise.all([follow.exited, server.exited]);
      await receiver.close();
    }
  }, 30_000);
});
