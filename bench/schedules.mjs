// Schedules on the grid: 1,000 `every: 1s` schedules (30 ticks each), created in one burst by one scenario,
// each tick emitting a real Sync event delivered over HTTP to a local receiver process, on the real clock.
// For every tick: how late its emit started against its grid time (the schedule's first due time + k s),
// then the last tick's drift, the ticks reported missed, and (informational) when its delivery completed.
import { fileURLToPath } from 'node:url';
import { startReceiver } from './receiver-process.mjs';
import { createHookyard } from '../dist/index.js';
import { PROVIDERS } from '../dist/providers/index.js';
import { createApi } from '../dist/scenarios/api.js';
import { parseScenario } from '../dist/scenarios/load.js';
import { runScenario } from '../dist/scenarios/runner.js';

const SCHEDULES = Number(process.env.BENCH_SCHEDULES ?? 1000);
const TICKS = Number(process.env.BENCH_SCHEDULE_TICKS ?? 30);
const INTERVAL_MS = 1000;
export const SCHEDULE_TARGETS = { lateP99Ms: 25, lastDriftP99Ms: 25, missed: 0 };

const pct = (xs, p) => (xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]);
const round = (x) => Math.round(x * 10) / 10;


/**
 * The scheduler the scenario runs on, with each tick's start and end noted: the grid is the bench's own
 * (the first `nextRunAt` the schedule announced + k × interval), not what the scheduler says about itself.
 */
function measuring(scheduler, ticks) {
  return {
    ...scheduler,
    list: () => scheduler.list(),
    cancel: (id) => scheduler.cancel(id),
    cancelAll: () => scheduler.cancelAll(),
    async add(label, spec, run) {
      let info;
      let first;
      const info_ = await scheduler.add(label, spec, () => {
        const started = Date.now();
        const k = info.runs + info.missed - 1;
        const due = first + k * INTERVAL_MS;
        const tick = { k, late: started - due, built: NaN, lag: NaN, delivered: false };
        ticks.push(tick);
        return run().then((r) => {
          tick.lag = Date.now() - due;
          // When its event was built and its delivery created: the emit's own work, after its turn came.
          tick.built = Date.parse(r.event.occurredAt) - due;
          tick.delivered = r.deliveries.length > 0 && r.deliveries.every((d) => d.outcome === 'delivered');
          return r;
        });
      });
      info = info_;
      first = Date.parse(info.nextRunAt);
      return info;
    },
  };
}

export async function benchSchedules() {
  const receiver = await startReceiver();
  const hook = await createHookyard({ log: 'silent', retry: { 'twilio.sync': 'none' } });
  try {
    const steps = [{ name: 'service', request: { method: 'POST', path: '/v1/Services', auth: 'twilio', form: { WebhookUrl: `${receiver.url}/sync`, ReachabilityWebhooksEnabled: 'true' } } }];
    for (let i = 0; i < SCHEDULES; i++) {
      steps.push({ name: `s${i}`, emit: { event: 'sync.document_updated', input: { serviceSid: '${service.sid}', uniqueName: `doc${i}`, create: true } }, schedule: { every: `${INTERVAL_MS}ms`, count: TICKS } });
    }
    const scenario = parseScenario(JSON.stringify({ name: 'bench', steps }), 'bench.json', PROVIDERS);
    const creds = { accountSid: hook.accountSid, authToken: hook.authToken, sinchProjectId: hook.sinch.projectId, sinchKeyId: hook.sinch.keyId, sinchKeySecret: hook.sinch.keySecret };
    const api = createApi(hook.url, creds, (r) => hook.app.fetch(r));
    const ticks = [];
    const scheduler = measuring(hook.ctx.scheduler, ticks);
    const t0 = Date.now();
    const { schedules } = await runScenario(scenario, { api, providers: PROVIDERS, scheduler, clock: hook.ctx.clock, random: hook.ctx.random });
    const burstMs = Date.now() - t0;
    const deadline = Date.now() + (TICKS + 30) * INTERVAL_MS;
    while (schedules.some((s) => s.state === 'active') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await hook.idle();
    while (ticks.some((t) => Number.isNaN(t.lag)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const late = ticks.map((t) => t.late);
    const firstLate = ticks.filter((t) => t.k === 0).map((t) => t.late);
    const last = ticks.filter((t) => t.k === TICKS - 1).map((t) => t.late);
    const lag = ticks.map((t) => t.lag).filter((x) => !Number.isNaN(x));
    const built = ticks.map((t) => t.built).filter((x) => !Number.isNaN(x));
    const delivered = ticks.filter((t) => t.delivered).length;
    return {
      schedules: SCHEDULES,
      ticksPlanned: SCHEDULES * TICKS,
      ticksRun: ticks.length,
      missed: schedules.reduce((n, s) => n + s.missed, 0),
      delivered,
      burstMs,
      lateP50Ms: pct(late, 50),
      lateP99Ms: pct(late, 99),
      lateMaxMs: Math.max(...late),
      firstTickLateP99Ms: pct(firstLate, 99),
      lastDriftP50Ms: pct(last, 50),
      lastDriftP99Ms: pct(last, 99),
      eventLateP50Ms: pct(built, 50),
      eventLateP99Ms: pct(built, 99),
      deliveryLagP50Ms: pct(lag, 50),
      deliveryLagP99Ms: pct(lag, 99),
      deliveryLagMaxMs: Math.max(...lag),
      ...(process.env.BENCH_DUMP ? { byK: Array.from({ length: TICKS }, (_, k) => pct(ticks.filter((t) => t.k === k).map((t) => t.late), 99)) } : {}),
    };
  } finally {
    await hook.close();
    receiver.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchSchedules();
  const verdict = (ok) => (ok ? 'meets' : 'MISSES');
  const rows = [
    ['schedules × ticks', `${r.schedules} × ${TICKS} (created in ${r.burstMs} ms)`, ''],
    ['ticks run / missed', `${r.ticksRun} / ${r.missed}`, verdict(r.missed === SCHEDULE_TARGETS.missed && r.ticksRun === r.ticksPlanned)],
    ['emit start lateness p50 / p99 / max', `${round(r.lateP50Ms)} / ${round(r.lateP99Ms)} / ${round(r.lateMaxMs)} ms`, verdict(r.lateP99Ms <= SCHEDULE_TARGETS.lateP99Ms)],
    ['first tick lateness p99', `${round(r.firstTickLateP99Ms)} ms`, ''],
    ['last tick drift p50 / p99', `${round(r.lastDriftP50Ms)} / ${round(r.lastDriftP99Ms)} ms`, verdict(r.lastDriftP99Ms <= SCHEDULE_TARGETS.lastDriftP99Ms)],
    ['event built lateness p50 / p99 (info)', `${round(r.eventLateP50Ms)} / ${round(r.eventLateP99Ms)} ms`, ''],
    ['delivery completion lag p50 / p99 / max (info)', `${round(r.deliveryLagP50Ms)} / ${round(r.deliveryLagP99Ms)} / ${round(r.deliveryLagMaxMs)} ms`, ''],
    ['ticks delivered', `${r.delivered}`, verdict(r.delivered === r.ticksPlanned)],
  ];
  const w = Math.max(...rows.map((x) => x[0].length));
  for (const [k, v, t] of rows) console.log(`${k.padEnd(w)}  ${v.padEnd(40)} ${t}`);
}
