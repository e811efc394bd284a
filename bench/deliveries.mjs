// Delivery speed: hookyard's engine (emit → match → build → sign → send with undici → journal) against a
// bare undici loop sending the same signed request, both at 32 in flight to the same local receiver process,
// in the same run, rounds alternating (bare, hookyard, bare, hookyard, bare) as the machine is noisy.
// Latency is measured the same way on both sides, from the send to the response read: the bare loop times
// its own request() call up to body.text(); hookyard's is each attempt's journaled durationMs, timed around
// its send (undici request() up to the body read), read off the records each emit resolves with;
// hookyard's emit → done time is reported beside it. A third loop sends the same request through hookyard's
// own send() (undici's dispatch API, lighter than request()), to show what the engine costs above its transport.
// Then the journal's memory bound: 1,000,000 deliveries journaled, RSS growth measured after GC.
// Standalone: `npm run build && node --expose-gc bench/deliveries.mjs`.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startReceiver } from './receiver-process.mjs';
import { Agent, request } from 'undici';
import { createHookyard } from '../dist/index.js';
import { createJournal } from '../dist/delivery/journal.js';
import { MAX_CONNECTIONS_PER_ORIGIN, send } from '../dist/delivery/http-client.js';
import { PROVIDERS } from '../dist/providers/index.js';
import { createApi } from '../dist/scenarios/api.js';

const N = Number(process.env.BENCH_DELIVERIES ?? 20_000);
const IN_FLIGHT = 32;
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];


/** Runs `one()` n times with IN_FLIGHT concurrent; returns per-second rate. */
async function pool(one, n = N) {
  let started = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (started < n) {
      started++;
      await one();
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return n / ((performance.now() - t0) / 1000);
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

export async function benchDeliveries() {
  const receiver = await startReceiver();
  const hook = await createHookyard({ retry: { 'twilio.verify': 'none' } });
  try {
    const api = createApi(hook.url, { accountSid: hook.accountSid, authToken: hook.authToken, sinchProjectId: '', sinchKeyId: '', sinchKeySecret: '' }, (r) => hook.app.fetch(r));
    const { serviceSid } = (await PROVIDERS.find((p) => p.name === 'twilio.verify').setup(api, '*', `${receiver.url}/hook`)).input;
    const { event, deliveries } = await hook.emit({ type: 'factor.created', serviceSid, wait: true });
    const sample = deliveries[0].request; // the signed request hookyard builds, for the bare loop to send as-is
    // The bare loop gets a keep-alive agent like hookyard's own: same connection bound, same connect timeout.
    const dispatcher = new Agent({ connections: MAX_CONNECTIONS_PER_ORIGIN, connect: { timeout: deliveries[0].connectTimeoutMs ?? 10_000 } });

    let bareLatencies = [];
    const bare = () => {
      const t = performance.now();
      return request(sample.url, { method: 'POST', headers: sample.headers, body: sample.body, dispatcher }).then(async (r) => {
        await r.body.text();
        bareLatencies.push(performance.now() - t);
      });
    };
    // The same request through hookyard's own transport (undici's dispatch with a collecting handler, lighter than
    // request()): the ratio to it is what hookyard's engine costs above the way it sends.
    let sendLatencies = [];
    const bareSend = () => {
      const t = performance.now();
      return send(sample, 15_000).then(() => void sendLatencies.push(performance.now() - t));
    };
    let failed = 0;
    let emitLatencies = [];
    let hookLatencies = [];
    const hookyard = () => {
      const t = performance.now();
      return hook.ctx.emitter.emit(event).done.then((records) => {
        emitLatencies.push(performance.now() - t);
        for (const r of records) {
          if (r.outcome !== 'delivered') failed++;
          hookLatencies.push(r.attempts[0].durationMs);
        }
      });
    };
    // Warm both paths (JIT, connections), then measure. Between rounds a full
    // GC when --expose-gc is on, so neither side pays for the other's garbage.
    const settle = () => global.gc?.();
    await pool(bare, N / 4);
    await pool(bareSend, N / 4);
    await pool(hookyard, N / 4);
    bareLatencies = [];
    sendLatencies = [];
    emitLatencies = [];
    hookLatencies = [];
    failed = 0;
    const bareRates = [];
    const hookRates = [];
    const sendRates = [];
    for (let round = 0; round < 2; round++) {
      settle();
      bareRates.push(await pool(bare));
      settle();
      sendRates.push(await pool(bareSend));
      settle();
      hookRates.push(await pool(hookyard));
    }
    settle();
    bareRates.push(await pool(bare));
    await dispatcher.close();
    const bareRate = mean(bareRates);
    const hookRate = mean(hookRates);
    return {
      bareRate,
      hookRate,
      ratio: hookRate / bareRate,
      sendRate: mean(sendRates),
      ratioToSend: hookRate / mean(sendRates),
      sendP50: pct(sendLatencies, 50),
      sendP99: pct(sendLatencies, 99),
      bareP50: pct(bareLatencies, 50),
      bareP99: pct(bareLatencies, 99),
      hookP50: pct(hookLatencies, 50),
      hookP99: pct(hookLatencies, 99),
      hookEmitP50: pct(emitLatencies, 50),
      hookEmitP99: pct(emitLatencies, 99),
      bareRates,
      hookRates,
      failed,
      sample,
    };
  } finally {
    await hook.close();
    receiver.stop();
  }
}

/** µs per journal write into a journal already full at 1,000 and at 100,000 records (fastest of 5 runs of 20,000). */
export function benchJournalAdd(sample) {
  const cost = (limit) => {
    const journal = createJournal(limit);
    const rec = (id) => ({ id, eventId: id, eventIds: [id], provider: 'twilio.verify', eventType: 'factor.created', eventTypes: ['factor.created'], scope: 'AC', target: { kind: 'verify.webhook', id: 'YW', url: sample.url }, request: sample, createdAt: '', outcome: 'delivered', retryProfile: 'none', timeoutMs: 15000, nextAttemptAt: null, attempts: [] });
    for (let i = 0; i < limit; i++) journal.add(rec(`F${i}`));
    let best = Infinity;
    for (let run = 0; run < 5; run++) {
      const records = Array.from({ length: 20_000 }, (_, i) => rec(`R${run}_${i}`));
      const t0 = performance.now();
      for (const r of records) journal.add(r);
      best = Math.min(best, ((performance.now() - t0) * 1000) / records.length);
    }
    return best;
  };
  return { smallUs: cost(1_000), largeUs: cost(100_000) };
}

/** 1,000,000 deliveries through a journal with the default bound, each with its own realistic request. */
export async function benchJournalMemory(sample) {
  const journal = createJournal();
  global.gc?.();
  const before = process.memoryUsage().rss;
  for (let i = 0; i < 1_000_000; i++) {
    const body = sample.body.replace(/uuid=[^&]+/, `uuid=${i}`);
    journal.add({
      id: `HD${i}`, eventId: `HE${i}`, eventIds: [`HE${i}`], provider: 'twilio.verify', eventType: 'factor.created', eventTypes: ['factor.created'],
      scope: 'AC', target: { kind: 'verify.webhook', id: 'YW', url: sample.url }, request: { ...sample, body }, createdAt: new Date().toISOString(),
      outcome: 'delivered', retryProfile: 'none', timeoutMs: 15000, nextAttemptAt: null,
      attempts: [{ n: 1, startedAt: new Date().toISOString(), durationMs: 1, request: { ...sample, body }, response: { status: 200, headers: { 'content-type': 'text/plain' }, body: 'ok' }, outcome: 'delivered' }],
    });
  }
  global.gc?.();
  return { growthMiB: (process.memoryUsage().rss - before) / 2 ** 20, kept: journal.list().length, evicted: journal.evicted };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const d = await benchDeliveries();
  const m = await benchJournalMemory(d.sample);
  const ms = (x) => x.toFixed(2).padStart(6);
  console.log(`deliveries (${N} signed Verify webhooks a round, ${IN_FLIGHT} in flight, journal on; latency from send to response read):`);
  console.log('| target            | deliveries/s       | p50 ms | p99 ms |');
  console.log('|-------------------|--------------------|--------|--------|');
  console.log(`| bare undici loop  | ${d.bareRate.toFixed(0).padEnd(6)} (1.00x)      | ${ms(d.bareP50)} | ${ms(d.bareP99)} |`);
  console.log(`| bare send() loop  | ${d.sendRate.toFixed(0).padEnd(6)} (${(d.sendRate / d.bareRate).toFixed(2)}x)      | ${ms(d.sendP50)} | ${ms(d.sendP99)} |`);
  console.log(`| hookyard engine   | ${d.hookRate.toFixed(0).padEnd(6)} (${d.ratio.toFixed(2)}x)      | ${ms(d.hookP50)} | ${ms(d.hookP99)} |`);
  console.log(`hookyard engine / bare loop over hookyard's own send(): ${d.ratioToSend.toFixed(2)}x`);
  console.log(`rounds: bare ${d.bareRates.map((r) => r.toFixed(0)).join(', ')}; hookyard ${d.hookRates.map((r) => r.toFixed(0)).join(', ')}; hookyard emit → done p50 ${d.hookEmitP50.toFixed(2)} ms, p99 ${d.hookEmitP99.toFixed(2)} ms`);
  console.log(`journal: 1,000,000 deliveries → RSS +${m.growthMiB.toFixed(1)} MiB (kept ${m.kept}, evicted ${m.evicted})${global.gc ? '' : ' (run with --expose-gc for a figure after GC)'}`);
  for (const [what, ok] of [
    ['deliveries/s >= 0.8x the bare loop', d.ratio >= 0.8],
    ['p99 <= 10 ms at 32 in flight', d.hookP99 <= 10],
    ['1M journaled deliveries <= +50 MiB RSS', m.growthMiB <= 50],
  ]) console.log(`${ok ? 'meets ' : 'MISSES'} ${what}`);
  if (d.failed > 0) console.log(`WARNING: ${d.failed} deliveries failed`);
}
