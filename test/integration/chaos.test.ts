import { describe, expect, it } from 'vitest';
import { createHookyard, createManualClock } from '../../src/index.js';
import { PROVIDERS } from '../../src/providers/index.js';
import { createApi } from '../../src/scenarios/api.js';
import { formParams, startReceiver } from '../helpers/receiver.js';

/** Ten Verify events under chaos; returns what happened to each, in emission order, and the arrival order. */
async function chaosRun(seed: string) {
  const clock = createManualClock('2026-10-01T00:00:00Z');
  const hook = await createHookyard({ seed, clock, chaos: { duplicate: 0.3, reorderWindowMs: 1000, dropFirst: 0.3 } });
  const receiver = await startReceiver();
  try {
    const api = createApi(hook.url, { accountSid: hook.accountSid, authToken: hook.authToken, sinchProjectId: '', sinchKeyId: '', sinchKeySecret: '' }, (r) => hook.app.fetch(r));
    const { serviceSid } = (await PROVIDERS.find((p) => p.name === 'twilio.verify')!.setup(api, '*', `${receiver.url}/v`)).input as { serviceSid: string };
    const { events } = await hook.emit({ type: 'factor.created', serviceSid, count: 10 });
    // Let the holds pass one by one, so each delivery goes out at its own moment.
    for (let ms = 0; ms < 1000; ms += 50) {
      clock.advance(50);
      await hook.idle();
    }
    await hook.idle();
    const index = new Map(events.map((e, i) => [e.id, i]));
    const pattern = hook.deliveries().map((d) => ({
      event: index.get(d.eventId),
      duplicate: d.duplicateOf !== undefined,
      dropped: d.attempts[0]?.error === 'chaos: first attempt dropped',
      holdMs: Date.parse(d.attempts[0]!.startedAt) - Date.parse(d.createdAt),
      outcome: d.outcome,
    }));
    // The order deliveries went out, in virtual time (deterministic, unlike arrival order over HTTP when two
    // are released in the same clock step); ties broken by emission index.
    const sent = [...pattern].sort((x, y) => x.holdMs - y.holdMs || x.event! - y.event!).map((p) => p.event);
    const arrived = receiver.received.map((r) => index.get(String(r.headers['i-twilio-idempotency-token'])));
    return { pattern, sent, arrived };
  } finally {
    await hook.close();
    await receiver.close();
  }
}

describe('chaos', () => {
  it('repeats the same duplicate / reorder / drop pattern with the same seed, and another with another seed', async () => {
    const a = await chaosRun('storm');
    const b = await chaosRun('storm');
    const c = await chaosRun('calm');
    expect(b.pattern).toEqual(a.pattern);
    expect(c.pattern).not.toEqual(a.pattern);
    // Chaos really happened: duplicates (same event id twice), dropped first attempts that were retried, and
    // arrivals out of emission order, following the seeded holds.
    expect(a.pattern.some((p) => p.duplicate)).toBe(true);
    expect(a.pattern.some((p) => p.dropped)).toBe(true);
    expect(a.pattern.filter((p) => p.dropped).every((p) => p.outcome === 'delivered')).toBe(true);
    expect(new Set(a.arrived).size).toBe(10);
    expect(a.arrived.length).toBe(a.pattern.length);
    expect(a.sent).not.toEqual([...a.sent].sort((x, y) => x! - y!));
    // Every delivery the journal sent reached the receiver (duplicates included).
    expect([...a.arrived].sort((x, y) => x! - y!)).toEqual([...a.sent].sort((x, y) => x! - y!));
  });

  it('is switched on and off over the admin API', async () => {
    const hook = await createHookyard();
    try {
      expect(await (await fetch(`${hook.url}/_hookyard/chaos`)).json()).toEqual({ chaos: null });
      const put = (body: unknown) => fetch(`${hook.url}/_hookyard/chaos`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await put({ duplicate: 0.5 })).status).toBe(200);
      expect(await (await fetch(`${hook.url}/_hookyard/chaos`)).json()).toEqual({ chaos: { duplicate: 0.5 } });
      expect((await put({ explode: 1 })).status).toBe(400);
      expect((await put(null)).status).toBe(200);
      expect(await (await fetch(`${hook.url}/_hookyard/chaos`)).json()).toEqual({ chaos: null });
    } finally {
      await hook.close();
    }
  });
});
