import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWebhookSignature } from '@sinch/sdk-core';
import twilio from 'twilio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHookyard, DEFAULTS, type Hookyard } from '../../src/index.js';
import { runCli } from '../helpers/cli.js';
import { formParams, startReceiver, type Receiver } from '../helpers/receiver.js';
import { tempDir } from '../helpers/tmp.js';

describe('hookyard trigger and hookyard events (real processes)', () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.respondWith(200);
  });

  it('sends sync.document_updated straight to --to, signed, and prints the delivery', async () => {
    const r = runCli(['trigger', 'sync.document_updated', '--to', `${receiver.url}/hooks`, '--set', 'title=Quarterly plan', '--seed', '7']);
    expect(await r.exited).toBe(0);
    expect(r.stdout()).toMatch(/created Sync Service IS[0-9a-f]{32}/);
    expect(r.stdout()).toMatch(new RegExp(`✔ 200 POST ${receiver.url}/hooks \\(\\d+(\\.\\d+)? ms\\)`));
    const [got] = receiver.received;
    const params = formParams(got!.body) as Record<string, string>;
    expect(twilio.validateRequest(DEFAULTS.authToken, String(got!.headers['x-twilio-signature']), got!.url, params)).toBe(true);
    expect(params).toMatchObject({ EventType: 'document_updated', DocumentUniqueName: 'hookyard-document' });
    expect(JSON.parse(params['DocumentData']!)).toEqual({ title: 'Quarterly plan' });
  });

  it('signs with --auth-token and --secret, takes --data @file and --count, and prints JSON', async () => {
    const dir = tempDir('hookyard-trigger-');
    writeFileSync(join(dir, 'data.json'), JSON.stringify({ name: 'spring_sale', language: 'EN_GB' }));
    const r = runCli(['trigger', 'sinch.whatsapp_template_approved', '--to', `${receiver.url}/sinch`, '--secret', 's3cret', '--data', `@${join(dir, 'data.json')}`, '--count', '2', '--json']);
    expect(await r.exited).toBe(0);
    const out = JSON.parse(r.stdout()) as { deliveries: { outcome: string; request: { body: string } }[]; events: unknown[] };
    expect(out.events).toHaveLength(2);
    expect(out.deliveries.map((d) => d.outcome)).toEqual(['delivered', 'delivered']);
    for (const got of receiver.received) {
      expect(validateWebhookSignature('s3cret', got.headers, got.body)).toBe(true);
      expect(JSON.parse(got.body)).toMatchObject({ type: 'WHATSAPP_TEMPLATE_APPROVED', payload: { name: 'spring_sale', language: 'EN_GB', state: 'APPROVED' } });
    }
    receiver.received.length = 0;
    const v = runCli(['trigger', 'verify.challenge.approved', '--to', `${receiver.url}/verify`, '--auth-token', 'custom-token']);
    expect(await v.exited).toBe(0);
    const got = receiver.received[0]!;
    expect(twilio.validateRequest('custom-token', String(got.headers['x-twilio-signature']), got.url, formParams(got.body))).toBe(true);
  });

  it('emits through a running server with --setup, and exits 1 when the delivery fails', async () => {
    const hook: Hookyard = await createHookyard();
    try {
      const ok = runCli(['trigger', 'com.twilio.messaging.message.delivered', '--setup', '--webhook', `${receiver.url}/es`], { HOOKYARD_URL: hook.url });
      expect(await ok.exited).toBe(0);
      expect(ok.stdout()).toMatch(/created Sink DG[0-9a-f]{32} \(validated\)/);
      expect(receiver.received.map((r) => (JSON.parse(r.body) as { type: string }[])[0]!.type)).toEqual(['com.twilio.eventstreams.test-event', 'com.twilio.messaging.message.delivered']);
      expect(hook.deliveries({ type: 'com.twilio.messaging.message.delivered' })).toHaveLength(1);
      receiver.respondWith(500);
      const failing = runCli(['trigger', 'com.twilio.messaging.message.delivered', '--url', hook.url]);
      expect(await failing.exited).toBe(1);
      expect(failing.stdout()).toMatch(/✘ 500 POST/);
    } finally {
      await hook.close();
    }
  });

  it('repeats on a schedule given on the command line, and stops after --times', async () => {
    const r = runCli(['trigger', 'verify.factor.created', '--to', `${receiver.url}/sched`, '--every', '100ms', '--times', '2']);
    expect(await r.exited).toBe(0);
    expect(r.stdout()).toMatch(/^scheduled \{"every":"100ms","count":2\}/);
    expect(receiver.received.map((x) => formParams(x.body)['type'])).toEqual(['factor.created', 'factor.created']);
    // One setup, reused by every tick: both events belong to the same Verify Service.
    expect(new Set(receiver.received.map((x) => formParams(x.body)['service_sid'])).size).toBe(1);
    expect(r.stdout().match(/^created Verify Service/gm)).toHaveLength(1);
  });

  it('answers bad input with one readable line', async () => {
    const cases: [string[], RegExp, NodeJS.ProcessEnv?][] = [
      [['trigger', 'sync.documnt_updated', '--to', receiver.url], /unknown event 'sync.documnt_updated'; did you mean sync\.document_updated/],
      [['trigger', 'sync.document_updated'], /pass --url or set HOOKYARD_URL/, { HOOKYARD_URL: '' }],
      [['trigger', 'sync.document_updated', '--url', 'http://127.0.0.1:1'], /cannot reach hookyard/],
      [['trigger', 'sync.document_updated', '--to', receiver.url, '--count', 'zero'], /--count must be an integer/],
      [['trigger', 'sync.document_updated', '--to', receiver.url, '--data', '{oops'], /--data: not valid JSON/],
      [['trigger', 'sync.document_updated', '--to', receiver.url, '--set', 'novalue'], /--set wants path=value/],
      [['events', '--provider', 'nope'], /no provider 'nope'/],
      [['trigger', 'sync.document_updated', '--to', receiver.url, '--every', 'soon'], /schedule --every: a duration like/],
      [['trigger', 'sync.document_updated', '--to', receiver.url, '--cron', 'nope'], /--cron: /],
    ];
    for (const [args, message, env] of cases) {
      const r = runCli(args, env);
      expect(await r.exited, args.join(' ')).not.toBe(0);
      const lines = r.stderr().trim().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    }
  });

  it('lists the catalogue, filtered by provider, as text or JSON', async () => {
    const all = runCli(['events', '--json']);
    expect(await all.exited).toBe(0);
    const entries = JSON.parse(all.stdout()) as { name: string; provider: string; requires: string[]; example: string }[];
    const count = (p: string) => entries.filter((e) => e.provider === p).length;
    expect([count('twilio.verify'), count('twilio.sync'), count('twilio.events'), count('sinch.provisioning')]).toEqual([5, 15, 47, 38]);
    expect(entries.every((e) => e.requires.length > 0 && e.example.startsWith(`hookyard trigger ${e.name}`))).toBe(true);
    const sync = runCli(['events', '--provider', 'sync']);
    expect(await sync.exited).toBe(0);
    expect(sync.stdout()).toMatch(/^sync\.document_created\s+A new document has been created$/m);
  });
});

describe('trigger --setup reuses what an earlier setup made (real processes)', () => {
  it('three runs, and a scheduled one, make one sink / service each and deliver every event once', async () => {
    const receiver = await startReceiver();
    const hook = await createHookyard({ seed: 'setup-reuse' });
    const env = { HOOKYARD_URL: hook.url };
    try {
      const types = (body: string) => (JSON.parse(body) as { type: string }[])[0]!.type;
      for (let i = 0; i < 3; i++) {
        const r = runCli(['trigger', 'com.twilio.messaging.message.sent', '--setup', '--webhook', `${receiver.url}/es`], env);
        expect(await r.exited).toBe(0);
        expect(r.stdout()).toMatch(i === 0 ? /created Sink DG/ : /reusing Sink DG[0-9a-f]{32} and Subscription DF/);
      }
      expect(receiver.received.map((x) => types(x.body))).toEqual(['com.twilio.eventstreams.test-event', 'com.twilio.messaging.message.sent', 'com.twilio.messaging.message.sent', 'com.twilio.messaging.message.sent']);
      // Another type to the same sink: the subscription gains it, still no second sink.
      expect(await runCli(['trigger', 'com.twilio.messaging.message.failed', '--setup', '--webhook', `${receiver.url}/es`], env).exited).toBe(0);
      const auth = { authorization: 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64') };
      expect(((await (await fetch(`${hook.url}/v1/Sinks`, { headers: auth })).json()) as { sinks: unknown[] }).sinks).toHaveLength(1);

      receiver.received.length = 0;
      for (let i = 0; i < 2; i++) expect(await runCli(['trigger', 'verify.factor.created', '--setup', '--webhook', `${receiver.url}/v`], env).exited).toBe(0);
      const scheduled = runCli(['trigger', 'sync.document_updated', '--setup', '--webhook', `${receiver.url}/s`, '--every', '50ms', '--times', '3'], env);
      expect(await scheduled.exited).toBe(0);
      expect(((await (await fetch(`${hook.url}/v2/Services`, { headers: auth })).json()) as { services: unknown[] }).services).toHaveLength(1);
      expect(((await (await fetch(`${hook.url}/v1/Services`, { headers: auth })).json()) as { services: unknown[] }).services).toHaveLength(1);
      expect(receiver.received.filter((x) => x.url.endsWith('/v'))).toHaveLength(2);
      expect(receiver.received.filter((x) => x.url.endsWith('/s'))).toHaveLength(3);
    } finally {
      await hook.close();
      await receiver.close();
    }
  });
});
