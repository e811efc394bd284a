import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
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

describe('filters that filter, or say why not', () => {
  it('uses the same keys in JS, HTTP and the CLI, and refuses unknown keys and values (400 / exit 2)', async () => {
    const receiver = await startReceiver();
    const hook = await createHookyard({ seed: 'filters' });
    try {
      const auth = { authorization: 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64'), 'content-type': 'application/x-www-form-urlencoded' };
      const s = (await (await fetch(`${hook.url}/v2/Services`, { method: 'POST', headers: auth, body: 'FriendlyName=f' })).json()) as { sid: string };
      await fetch(`${hook.url}/v2/Services/${s.sid}/Webhooks`, { method: 'POST', headers: auth, body: `FriendlyName=w&EventTypes=*&WebhookUrl=${encodeURIComponent(`${receiver.url}/hooks/verify`)}` });
      await hook.emit({ type: 'factor.created', serviceSid: s.sid, wait: true });
      await hook.emit({ type: 'factor.verified', serviceSid: s.sid, wait: true });
      expect(hook.deliveries({ type: 'factor.created' })).toHaveLength(1);
      expect(hook.deliveries({ eventType: 'factor.created' })).toHaveLength(1);
      expect(hook.deliveries({ target: receiver.url })).toHaveLength(2);
      expect(hook.deliveries({ target: `${receiver.url}/hooks/` })).toHaveLength(2);
      expect(hook.deliveries({ target: `${receiver.url}/hoo` })).toHaveLength(0);
      expect(() => hook.deliveries({ kind: 'x' } as never)).toThrow(/unknown filter 'kind'; filter by provider, type, outcome/);
      expect(() => hook.deliveries({ outcome: 'bogus' as never })).toThrow(/outcome 'bogus' is not one of/);
      expect(() => hook.deliveries({ provider: 'twilio.fax' })).toThrow(/provider 'twilio.fax'/);
      await expect(hook.waitForDelivery({ type: 'factor.created', to: receiver.url })).resolves.toMatchObject({ eventType: 'factor.created' });
      await expect(hook.waitForDelivery({ typo: 'x' } as never)).rejects.toThrow(/unknown filter 'typo'/);

      const get = async (q: string) => {
        const res = await fetch(`${hook.url}/_hookyard/deliveries?${q}`);
        return { status: res.status, json: (await res.json()) as { deliveries?: unknown[]; error?: { param: string } } };
      };
      expect((await get('type=factor.verified')).json.deliveries).toHaveLength(1);
      expect((await get('eventType=factor.verified')).json.deliveries).toHaveLength(1);
      expect(await get('outcome=bogus')).toMatchObject({ status: 400, json: { error: { param: 'outcome' } } });
      expect(await get('colour=red')).toMatchObject({ status: 400, json: { error: { param: 'colour' } } });
      expect(await get('since=yesterday')).toMatchObject({ status: 400, json: { error: { param: 'since' } } });

      const cli = runCli(['deliveries', '--outcome', 'bogus'], { HOOKYARD_URL: hook.url });
      expect(await cli.exited).toBe(2);
      expect(cli.stderr().trim().split('\n')).toEqual([expect.stringMatching(/^hookyard: outcome 'bogus' is not one of pending, delivered/)]);
      const recovered = await fetch(`${hook.url}/_hookyard/deliveries/recover`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ target: receiver.url }) });
      expect(recovered.status).toBe(200);
    } finally {
      await hook.close();
      await receiver.close();
    }
  });
});

describe('emits that reach no one say why', () => {
  it('in the API answer, in-process, and on the CLI (exit 1)', async () => {
    const hook = await createHookyard({ seed: 'nobody' });
    try {
      const auth = { authorization: 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64'), 'content-type': 'application/x-www-form-urlencoded' };
      const va = ((await (await fetch(`${hook.url}/v2/Services`, { method: 'POST', headers: auth, body: 'FriendlyName=f' })).json()) as { sid: string }).sid;
      expect((await hook.emit({ type: 'factor.created', serviceSid: va })).noDelivery).toMatch(new RegExp(`service ${va} has no webhooks`));
      await fetch(`${hook.url}/v2/Services/${va}/Webhooks`, { method: 'POST', headers: auth, body: 'FriendlyName=w&EventTypes=challenge.denied&WebhookUrl=http%3A%2F%2F127.0.0.1%3A9%2F' });
      const api = (await (await fetch(`${hook.url}/_hookyard/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'factor.created', serviceSid: va }) })).json()) as { noDelivery: string };
      expect(api.noDelivery).toBe(`no enabled webhook of service ${va} subscribes to factor.created (its webhooks take challenge.denied)`);
      expect((await hook.emit({ type: 'com.twilio.messaging.message.sent' })).noDelivery).toMatch(/no subscription in account AC/);
      expect((await hook.emit({ type: 'sinch.whatsapp_template_approved' })).noDelivery).toMatch(/no webhook of project .* has the trigger WHATSAPP_TEMPLATE_APPROVED or ALL/);
      const is = ((await (await fetch(`${hook.url}/v1/Services`, { method: 'POST', headers: auth, body: 'FriendlyName=s' })).json()) as { sid: string }).sid;
      expect((await hook.emit({ type: 'document_updated', serviceSid: is, uniqueName: 'd', create: true })).noDelivery).toMatch(new RegExp(`service ${is} has no webhook_url`));
      expect((await hook.emit({ type: 'factor.created', serviceSid: va, wait: true })).noDelivery).toBeDefined();
      const cli = runCli(['trigger', 'verify.factor.created', '--input', `serviceSid=${va}`], { HOOKYARD_URL: hook.url });
      expect(await cli.exited).toBe(1);
      expect(cli.stdout()).toContain(`reached no one: no enabled webhook of service ${va} subscribes to factor.created`);
    } finally {
      await hook.close();
    }
  });
});

describe('the CLI ends cleanly', () => {
  /** Runs a command and closes its stdout after the first line, as `| head -1` does. */
  async function headOne(args: string[], env: NodeJS.ProcessEnv = {}, afterwards: () => Promise<unknown> = async () => undefined) {
    const r = runCli(args, env);
    await new Promise<void>((resolve) => r.child.stdout!.once('data', () => resolve()));
    r.child.stdout!.destroy();
    // A follower writes again only when something new arrives: make something arrive.
    await afterwards();
    return { code: await r.exited, stderr: r.stderr() };
  }

  it('a closed stdout ends `events` and `deliveries --follow` quietly with status 0', async () => {
    const events = await headOne(['events']);
    expect(events).toEqual({ code: 0, stderr: '' });
    const hook = await createHookyard();
    try {
      const sinch = 'Basic ' + Buffer.from(`${hook.sinch.keyId}:${hook.sinch.keySecret}`).toString('base64');
      await fetch(`${hook.url}/v1/projects/${hook.sinch.projectId}/webhooks`, { method: 'POST', headers: { authorization: sinch, 'content-type': 'application/json' }, body: JSON.stringify({ target: 'http://127.0.0.1:9/', secret: 's', triggers: ['ALL'] }) });
      const emitSome = () => hook.emit({ type: 'sinch.whatsapp_template_approved', count: 3, wait: true });
      await emitSome();
      const follow = await headOne(['deliveries', '--follow', '--json'], { HOOKYARD_URL: hook.url }, emitSome);
      expect(follow.code).toBe(0);
      expect(follow.stderr).not.toMatch(/EPIPE|\n\s+at /);
    } finally {
      await hook.close();
    }
  });

  it('bad input is one line and exit 2, and a mistyped command gets a suggestion', async () => {
    for (const [args, message] of [[['serv'], /unknown command 'serv'; did you mean serve\?/], [['trigger', 'verify.factor.created', '--count', '0', '--to', 'http://127.0.0.1:9/'], /--count must be an integer from 1 to 1000/], [['serve', '--port', 'abc'], /--port/], [['deliveries', '--bogus'], /unknown option '--bogus'/]] as const) {
      const r = runCli([...args]);
      expect(await r.exited, args.join(' ')).toBe(2);
      expect(r.stderr().trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr()).toMatch(message);
    }
    const help = runCli(['--help']);
    expect(await help.exited).toBe(0);
  });
});
