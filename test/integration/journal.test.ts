import twilio from 'twilio';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHookyard, createManualClock, type Hookyard, type ManualClock } from '../../src/index.js';
import { PROVIDERS } from '../../src/providers/index.js';
import { createApi } from '../../src/scenarios/api.js';
import { runCli } from '../helpers/cli.js';
import { formParams, startReceiver, type Receiver } from '../helpers/receiver.js';

describe('the journal: waitForDelivery, bounds, filters, replay and recover', () => {
  let hook: Hookyard;
  let clock: ManualClock;
  let receiver: Receiver;
  let serviceSid: string;

  beforeEach(async () => {
    clock = createManualClock('2026-09-01T00:00:00Z');
    hook = await createHookyard({ seed: 'journal', clock, journalLimit: 5, retry: { 'twilio.verify': 'none' } });
    receiver = await startReceiver();
    const api = createApi(hook.url, { accountSid: hook.accountSid, authToken: hook.authToken, sinchProjectId: '', sinchKeyId: '', sinchKeySecret: '' }, (r) => hook.app.fetch(r));
    serviceSid = (await PROVIDERS.find((p) => p.name === 'twilio.verify')!.setup(api, '*', `${receiver.url}/v`)).input['serviceSid'] as string;
  });
  afterEach(async () => {
    await hook.close();
    await receiver.close();
  });
  const emit = (type: string) => hook.emit({ type, serviceSid });

  it('waitForDelivery finds deliveries already made and ones still to come, and explains a miss', async () => {
    await emit('factor.created');
    await hook.idle();
    expect((await hook.waitForDelivery({ type: 'factor.created', outcome: 'delivered' })).outcome).toBe('delivered');
    const later = hook.waitForDelivery({ type: 'challenge.denied', to: `${receiver.url}/v` }, { timeout: 2000 });
    await emit('challenge.denied');
    expect((await later).eventType).toBe('challenge.denied');
    await expect(hook.waitForDelivery({ type: 'factor.deleted' }, { timeout: 50 })).rejects.toThrow(/no delivery matching \{"type":"factor.deleted"\} within 50 ms; the journal holds \(latest 2\):\n {2}factor.created → .* delivered \(1 attempt\)/);
  });

  it('keeps the newest deliveries up to its limit, counts what it evicted, and filters by time', async () => {
    for (let i = 0; i < 8; i++) {
      await emit('factor.verified');
      clock.advance(60_000);
    }
    await hook.idle();
    const all = (await (await fetch(`${hook.url}/_hookyard/deliveries`)).json()) as { deliveries: { createdAt: string }[]; evicted: number };
    expect(all.evicted).toBe(3);
    expect(all.deliveries.map((d) => d.createdAt.slice(11, 16))).toEqual(['00:07', '00:06', '00:05', '00:04', '00:03']);
    // Paged, newest first: two at a time, following `next` until it is null, nothing repeated or skipped.
    const seen: string[] = [];
    for (let cursor: string | null = null, guard = 0; guard < 10; guard++) {
      const page = (await (await fetch(`${hook.url}/_hookyard/deliveries?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json()) as { deliveries: { createdAt: string }[]; next: string | null };
      seen.push(...page.deliveries.map((d) => d.createdAt.slice(11, 16)));
      expect(page.deliveries.length).toBeLessThanOrEqual(2);
      cursor = page.next;
      if (cursor === null) break;
    }
    expect(seen).toEqual(['00:07', '00:06', '00:05', '00:04', '00:03']);
    expect((await fetch(`${hook.url}/_hookyard/deliveries?limit=0`)).status).toBe(400);
    expect((await fetch(`${hook.url}/_hookyard/deliveries?cursor=nope`)).status).toBe(400);
    const since = (await (await fetch(`${hook.url}/_hookyard/deliveries?since=2026-09-01T00:05:00Z&until=2026-09-01T00:07:00Z`)).json()) as { deliveries: unknown[] };
    expect(since.deliveries).toHaveLength(2);
  });

  it('replays a delivery byte for byte, signature included, as a new record', async () => {
    await emit('factor.created');
    const original = await hook.waitForDelivery({ type: 'factor.created' });
    const res = await fetch(`${hook.url}/_hookyard/deliveries/${original.id}/replay`, { method: 'POST' });
    expect(res.status).toBe(201);
    const replay = (await res.json()) as { id: string; replayOf: string; outcome: string; eventId: string };
    expect(replay).toMatchObject({ replayOf: original.id, outcome: 'delivered', eventId: original.eventId });
    expect(replay.id).not.toBe(original.id);
    const [a, b] = await receiver.waitFor(2);
    expect(b!.body).toBe(a!.body);
    expect(b!.headers['x-twilio-signature']).toBe(a!.headers['x-twilio-signature']);
    expect(twilio.validateRequest(hook.authToken, String(b!.headers['x-twilio-signature']), b!.url, formParams(b!.body))).toBe(true);
    expect((await fetch(`${hook.url}/_hookyard/deliveries/HDnope/replay`, { method: 'POST' })).status).toBe(404);
  });

  it('recovers what a receiver missed while it was down, once', async () => {
    receiver.respondWith(503);
    for (const t of ['factor.created', 'factor.verified', 'challenge.approved']) await emit(t);
    await hook.idle();
    const missed = receiver.received.map((r) => r.body);
    receiver.respondWith(200);
    const post = (body: unknown) => fetch(`${hook.url}/_hookyard/deliveries/recover`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const res = await post({ target: `${receiver.url}/v`, since: '2026-09-01T00:00:00Z' });
    const out = (await res.json()) as { recovered: number; deliveries: { outcome: string }[] };
    expect(out.recovered).toBe(3);
    expect(out.deliveries.map((d) => d.outcome)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(receiver.received.slice(3).map((r) => r.body)).toEqual(missed);
    expect(((await (await post({ target: `${receiver.url}/v` })).json()) as { recovered: number }).recovered).toBe(0);
    expect((await post({})).status).toBe(400);
  });

  it('hookyard deliveries prints the journal of a running hookyard', async () => {
    await emit('factor.created');
    await hook.idle();
    const r = runCli(['deliveries', '--url', hook.url, '--type', 'factor.created']);
    expect(await r.exited).toBe(0);
    expect(r.stdout()).toMatch(new RegExp(`factor\\.created → ${receiver.url}/v delivered 200 ×1`));
    const j = runCli(['deliveries', '--json', '--outcome', 'delivered'], { HOOKYARD_URL: hook.url });
    expect(await j.exited).toBe(0);
    expect((JSON.parse(j.stdout()) as unknown[]).length).toBe(1);
  });
});
