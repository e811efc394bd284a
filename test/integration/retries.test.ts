import { afterEach, describe, expect, it } from 'vitest';
import { createHookyard, createManualClock, type Hookyard, type ManualClock } from '../../src/index.js';
import { PROVIDERS } from '../../src/providers/index.js';
import { createApi } from '../../src/scenarios/api.js';
import { startReceiver, type Receiver } from '../helpers/receiver.js';
import { tempDir } from '../helpers/tmp.js';

describe('retries, per profile, under fake time', () => {
  let hook: Hookyard;
  let clock: ManualClock;
  let receiver: Receiver;
  const start = async (options: Parameters<typeof createHookyard>[0] = {}) => {
    clock = createManualClock('2026-08-01T00:00:00Z');
    hook = await createHookyard({ seed: 'retries', clock, ...options });
    receiver = await startReceiver();
  };
  afterEach(async () => {
    await hook.close();
    await receiver.close();
  });
  const api = () => createApi(hook.url, { accountSid: hook.accountSid, authToken: hook.authToken, sinchProjectId: hook.sinch.projectId, sinchKeyId: hook.sinch.keyId, sinchKeySecret: hook.sinch.keySecret }, (r) => hook.app.fetch(r));
  const setup = (provider: string, type: string, url: string) => PROVIDERS.find((p) => p.name === provider)!.setup(api(), type, url);
  /** Jumps the clock to each scheduled retry until the delivery is final (bounded). */
  const runOut = async (id: string) => {
    for (let i = 0; i < 200; i++) {
      await hook.idle();
      const next = hook.ctx.journal.get(id)!.nextAttemptAt;
      if (next === null) return hook.ctx.journal.get(id)!;
      clock.advance(Math.max(0, Date.parse(next) - clock.now().getTime()));
    }
    throw new Error('did not finish');
  };
  const gaps = (times: string[]) => times.slice(1).map((t, i) => Date.parse(t) - Date.parse(times[i]!));

  it('Event Streams: a 500 is retried with doubling, jittered backoff for 4 hours, then given up', async () => {
    await start();
    await setup('twilio.events', 'com.twilio.messaging.message.failed', `${receiver.url}/es`);
    receiver.respondWith(500);
    const { deliveries } = await hook.emit({ type: 'com.twilio.messaging.message.failed', wait: true });
    const record = await runOut(deliveries[0]!.id);
    const delays = gaps(record.attempts.map((a) => a.startedAt));
    expect(record).toMatchObject({ outcome: 'http_error', retryProfile: 'eventstreams', nextAttemptAt: null });
    expect(record.attempts.every((a) => a.outcome === 'http_error' && a.response?.status === 500 && a.errorCode === 91306)).toBe(true);
    delays.forEach((d, i) => {
      const base = Math.min(1000 * 2 ** i, 1_800_000);
      expect(d, `delay ${i + 1}`).toBeGreaterThanOrEqual(base);
      expect(d, `delay ${i + 1}`).toBeLessThanOrEqual(base * 1.2);
    });
    const span = Date.parse(record.attempts.at(-1)!.startedAt) - Date.parse(record.attempts[0]!.startedAt);
    expect(span).toBeLessThanOrEqual(4 * 3_600_000);
    expect(span + Math.min(1000 * 2 ** delays.length, 1_800_000)).toBeGreaterThan(4 * 3_600_000 - 1_800_000 * 1.2);
    // One event: the same CloudEvent id on every attempt, and every attempt in the journal.
    const ids = new Set(receiver.received.slice(1).map((r) => (JSON.parse(r.body) as { id: string }[])[0]!.id));
    expect(ids.size).toBe(1);
    expect(receiver.received.length - 1).toBe(record.attempts.length);
  });

  it('Event Streams under --time-scale: the 4-hour window is scaled as much as the delays (same attempts, not 100)', async () => {
    const attemptsWith = async (timeScale: number) => {
      await start({ timeScale });
      await setup('twilio.events', 'com.twilio.messaging.message.failed', `${receiver.url}/es`);
      receiver.respondWith(500);
      const { deliveries } = await hook.emit({ type: 'com.twilio.messaging.message.failed', wait: true });
      const record = await runOut(deliveries[0]!.id);
      await hook.close();
      await receiver.close();
      return record.attempts.length;
    };
    const unscaled = await attemptsWith(1);
    const scaled = await attemptsWith(3600);
    expect(unscaled).toBeGreaterThan(10);
    expect(unscaled).toBeLessThan(30);
    expect(scaled).toBe(unscaled);
    await start();
  });

  it('Event Streams: a 4xx is the sink rejecting the event (91305), not retried; 429, timeouts and resets are', async () => {
    await start({ timeScale: 3600 });
    await setup('twilio.events', 'com.twilio.messaging.message.failed', `${receiver.url}/es`);
    const firstAttempt = async (answer: number | 'hang' | 'reset') => {
      receiver.respondWith(answer);
      const { deliveries } = await hook.emit({ type: 'com.twilio.messaging.message.failed', wait: true });
      return hook.ctx.journal.get(deliveries[0]!.id)!;
    };
    for (const status of [400, 404, 410, 422]) {
      const r = await firstAttempt(status);
      expect(r, `${status}`).toMatchObject({ outcome: 'http_error', nextAttemptAt: null });
      expect(r.attempts.map((a) => a.errorCode)).toEqual([91305]);
    }
    const throttled = await firstAttempt(429);
    expect(throttled.nextAttemptAt).not.toBeNull();
    expect(throttled.attempts[0]!.errorCode).toBe(91302);
    const reset = await firstAttempt('reset');
    expect(reset.nextAttemptAt).not.toBeNull();
    expect(reset.attempts[0]).toMatchObject({ outcome: 'network_error', errorCode: 91307 });
    receiver.respondWith(200);
    expect((await runOut(throttled.id)).outcome).toBe('delivered');
    expect((await runOut(reset.id)).attempts.map((a) => a.errorCode)).toEqual([91307, undefined]);
  });

  it('Event Streams: the time scale compresses the backoff, and a recovery ends the retries', async () => {
    await start({ timeScale: 3600 });
    await setup('twilio.events', 'com.twilio.messaging.message.failed', `${receiver.url}/es`);
    receiver.respondWith(503);
    const { deliveries } = await hook.emit({ type: 'com.twilio.messaging.message.failed', wait: true });
    await hook.idle();
    const first = hook.ctx.journal.get(deliveries[0]!.id)!;
    expect(Date.parse(first.nextAttemptAt!) - clock.now().getTime()).toBe(1); // 1-1.2 s / 3600, rounded up to a whole ms
    clock.advance(2);
    await hook.idle();
    receiver.respondWith(200);
    const record = await runOut(deliveries[0]!.id);
    expect(record.attempts.map((a) => a.outcome)).toEqual(['http_error', 'http_error', 'delivered']);
    expect(record.outcome).toBe('delivered');
  });

  it('Twilio: connection overrides pick the retries — rc, rp=5xx, rt timeouts, resets with ct', async () => {
    await start();
    const serviceWith = async (fragment: string) => (await setup('twilio.verify', 'factor.created', `${receiver.url}/v${fragment}`)).input;
    receiver.respondWith(500);
    const plain = await serviceWith('');
    const five = await serviceWith('#rc=2&rp=5xx');
    const a = await hook.emit({ type: 'factor.created', ...plain, wait: true });
    const b = await hook.emit({ type: 'factor.created', ...five, wait: true });
    await hook.idle();
    // Default policy (rc=1, rp=ct): a 500 is not retried. rp=5xx with rc=2: three attempts, at once.
    expect(hook.ctx.journal.get(a.deliveries[0]!.id)!.attempts.map((x) => [x.response?.status, x.errorCode])).toEqual([[500, 11200]]);
    expect(hook.ctx.journal.get(b.deliveries[0]!.id)!.attempts.map((x) => x.response?.status)).toEqual([500, 500, 500]);

    receiver.respondWith('hang');
    const slow = await serviceWith('#rt=150&rc=1&rp=rt');
    const c = await hook.emit({ type: 'factor.created', ...slow, wait: true });
    await hook.idle();
    const timedOut = hook.ctx.journal.get(c.deliveries[0]!.id)!;
    expect(timedOut.attempts.map((x) => [x.outcome, x.error, x.errorCode])).toEqual([
      ['timeout', 'no response within 150 ms', 11205],
      ['timeout', 'no response within 150 ms', 11205],
    ]);

    receiver.respondWith('reset');
    const reset = await serviceWith('#rc=2');
    const d = await hook.emit({ type: 'factor.created', ...reset, wait: true });
    await hook.idle();
    const dropped = hook.ctx.journal.get(d.deliveries[0]!.id)!;
    expect(dropped.attempts.map((x) => x.outcome)).toEqual(['network_error', 'network_error', 'network_error']);
    expect(dropped.attempts[0]!.error).toMatch(/SOCKET|ECONNRESET|closed/i);
    expect(new Set(receiver.received.map((r) => r.headers['i-twilio-idempotency-token'])).size).toBe(4);
  });

  it('Sinch: 5 attempts backing off 1 s, 5 s, 25 s, 125 s', async () => {
    await start();
    await setup('sinch.provisioning', 'BUNDLE_DONE', `${receiver.url}/sinch`);
    receiver.respondWith(503);
    const { deliveries } = await hook.emit({ type: 'sinch.BUNDLE_DONE', wait: true });
    const record = await runOut(deliveries[0]!.id);
    expect(record.retryProfile).toBe('sinch');
    expect(gaps(record.attempts.map((a) => a.startedAt))).toEqual([1000, 5000, 25_000, 125_000]);
    expect(record.attempts.map((a) => a.response?.status)).toEqual([503, 503, 503, 503, 503]);
  });

  it('a per-target "none" profile overrides the provider’s', async () => {
    clock = createManualClock('2026-08-01T00:00:00Z');
    receiver = await startReceiver();
    hook = await createHookyard({ clock, retry: { [`${receiver.url}/once`]: 'none', 'twilio.events': 'sinch' } });
    await setup('sinch.provisioning', 'BUNDLE_DONE', `${receiver.url}/once`);
    await setup('twilio.events', 'com.twilio.messaging.message.failed', `${receiver.url}/es-as-sinch`);
    receiver.respondWith(500);
    const s = await hook.emit({ type: 'sinch.BUNDLE_DONE', wait: true });
    expect(s.deliveries[0]).toMatchObject({ retryProfile: 'none', nextAttemptAt: null });
    const e = await hook.emit({ type: 'com.twilio.messaging.message.failed', wait: true });
    expect(e.deliveries[0]!.retryProfile).toBe('sinch');
  });
});

describe('pending retries with --db', () => {
  it('survive a restart and resume at their due time, with the same event', async () => {
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const db = join(tempDir('hookyard-pending-'), 'db.json');
    const receiver = await startReceiver();
    const clock = createManualClock('2026-08-02T00:00:00Z');
    const first = await createHookyard({ db, clock, seed: 'pending' });
    const api = createApi(first.url, { accountSid: first.accountSid, authToken: first.authToken, sinchProjectId: first.sinch.projectId, sinchKeyId: first.sinch.keyId, sinchKeySecret: first.sinch.keySecret }, (r) => first.app.fetch(r));
    await PROVIDERS.find((p) => p.name === 'sinch.provisioning')!.setup(api, 'BUNDLE_DONE', `${receiver.url}/down`);
    receiver.respondWith(502);
    const { deliveries } = await first.emit({ type: 'sinch.BUNDLE_DONE', wait: true });
    await first.idle();
    const id = deliveries[0]!.id;
    expect(first.ctx.journal.get(id)).toMatchObject({ outcome: 'http_error', nextAttemptAt: '2026-08-02T00:00:01.000Z' });
    await first.close();

    receiver.respondWith(200);
    const second = await createHookyard({ db, clock, seed: 'pending' });
    try {
      expect(second.ctx.journal.get(id)).toMatchObject({ outcome: 'http_error', nextAttemptAt: '2026-08-02T00:00:01.000Z' });
      clock.advance(999);
      await second.idle();
      expect(receiver.received).toHaveLength(1);
      clock.advance(1);
      const done = await second.waitForDelivery({ outcome: 'delivered' });
      expect(done.id).toBe(id);
      expect(done.attempts.map((a) => a.response?.status)).toEqual([502, 200]);
      const [a, b] = receiver.received;
      expect(b!.body).toBe(a!.body); // the same callback, not a new event
      expect(Object.values(second.ctx.store.data.tables['delivery.pending'] ?? {}).flat()).toEqual([]);
    } finally {
      await second.close();
      await receiver.close();
    }
  });
});
