// Delivery speed: hookyard's engine (match → sign → send with undici → journal) against a bare undici loop
// sending the same signed requests, both at 32 in flight to the same local receiver, in the same run.
// Then the journal's memory bound: 1,000,000 deliveries journaled, RSS growth measured after GC.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { createHookyard } from '../dist/index.js';
import { createJournal } from '../dist/delivery/journal.js';
import { PROVIDERS } from '../dist/providers/index.js';
import { createApi } from '../dist/scenarios/api.js';

const N = Number(process.env.BENCH_DELIVERIES ?? 20_000);
const IN_FLIGHT = 32;
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

async function startReceiver() {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./receiver.mjs', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve) => child.stdout.on('data', (d) => resolve(/RECEIVER=(\S+)/.exec(String(d))[1])));
  return { url, stop: () => child.kill() };
}

/** Runs `one()` N times with IN_FLIGHT concurrent; returns per-second rate. */
async function pool(one) {
  let started = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (started < N) {
      started++;
      await one();
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return N / ((performance.now() - t0) / 1000);
}

export async function benchDeliveries() {
  const receiver = await startReceiver();
  const hook = await createHookyard({ retry: { 'twilio.verify': 'none' } });
  try {
    const api = createApi(hook.url, { accountSid: hook.accountSid, authToken: hook.authToken, sinchProjectId: '', sinchKeyId: '', sinchKeySecret: '' }, (r) => hook.app.fetch(r));
    const { serviceSid } = (await PROVIDERS.find((p) => p.name === 'twilio.verify').setup(api, '*', `${receiver.url}/hook`)).input;
    const { event, deliveries } = await hook.emit({ type: 'factor.created', serviceSid, wait: true });
    const sample = deliveries[0].request; // the signed request hookyard builds, for the bare loop to send as-is

    // Warm both paths, then measure: bare first, hookyard second, bare again (the machine is noisy).
    const bareLatencies = [];
    const bare = () => {
      const t = performance.now();
      return request(sample.url, { method: 'POST', headers: sample.headers, body: sample.body }).then(async (r) => {
        await r.body.text();
        bareLatencies.push(performance.now() - t);
      });
    };
    let failed = 0;
    const hookyard = () => hook.ctx.emitter.emit(event).done.then((records) => void (failed += records.filter((r) => r.outcome !== 'delivered').length));
    for (let i = 0; i < 500; i++) await Promise.all([bare(), hookyard()]);
    bareLatencies.length = 0;
    hook.ctx.journal.clear();
    failed = 0;
    const bareRate1 = await pool(bare);
    const hookRate = await pool(hookyard);
    const bareRate2 = await pool(bare);
    const hookLatencies = hook.ctx.journal.list().map((d) => d.attempts[0].durationMs);
    const bareRate = (bareRate1 + bareRate2) / 2;
    return { bareRate, hookRate, bareP99: pct(bareLatencies, 99), hookP99: pct(hookLatencies, 99), failed, sample };
  } finally {
    await hook.close();
    receiver.stop();
  }
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
