import type { Clock } from '../core/clock.js';
import type { Random } from '../core/random.js';
import type { HookyardApi, Provider } from '../providers/provider.js';
import { buildCatalog, findEntry, type CatalogEntry } from './catalog.js';
import { nextTurn } from '../core/turns.js';
import { parseDuration } from './duration.js';
import { fakerFor, loadFaker } from './fake.js';
import { interpolate, NO_FAKER, usesFaker } from './interpolate.js';
import { UsageError } from './overrides.js';
import type { ScheduleInfo, Scheduler } from './scheduler.js';
import type { Scenario, Step } from './schema.js';
import { runTrigger, runTriggerSummarized } from './trigger.js';

export interface RunOptions {
  api: HookyardApi;
  providers: readonly Provider[];
  scheduler: Scheduler;
  clock: Clock;
  /** Seeds `${fake:…}`. */
  random: Random;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export interface RunResult {
  results: Record<string, unknown>;
  schedules: ScheduleInfo[];
}

/**
 * Runs a (validated) scenario's steps in order through hookyard's own API: fake-API requests, emits (once or
 * on a schedule) and waits on the injected clock. A failing step stops the run with an error naming it.
 */
export async function runScenario(scenario: Scenario, o: RunOptions): Promise<RunResult> {
  // No prototype: a step may be named anything, `__proto__` included.
  const results: Record<string, unknown> = Object.create(null);
  const schedules: ScheduleInfo[] = [];
  const catalog = buildCatalog(o.providers);
  const log = o.log ?? (() => {});
  // Faker only for a step that uses `${fake:…}`: seeding it costs more than the rest of an emit's scope.
  const scope = async (value: unknown) => ({ results, env: o.env ?? process.env, faker: usesFaker(value) ? await fakerFor({ random: o.random }) : NO_FAKER });
  const fail = (step: Step, message: string) => new UsageError(`scenario ${scenario.name}: step '${step.name}': ${message}`);

  const prepare = async (step: Step) => {
    const emit = interpolate(step.emit!, await scope(step.emit));
    const entry = findEntry(catalog, emit.event) as CatalogEntry;
    if (!('provider' in entry)) throw fail(step, `unknown event '${emit.event}'`);
    return { entry, input: emit.input ?? {}, data: emit.data ?? {}, count: emit.count ?? 1 };
  };
  const report = (step: Step, entry: CatalogEntry, d: { outcome: string; target: { url: string } }, status: number | null | undefined) =>
    log(`  ${d.outcome === 'delivered' ? '✔' : '✘'} ${step.name}: ${entry.name} → ${d.target.url} ${status ?? d.outcome}`);

  const emitOnce = async (step: Step) => {
    const opts = await prepare(step);
    const r = await runTrigger(o.api, o.providers, opts);
    for (const d of r.deliveries) report(step, opts.entry, d, d.attempts.at(-1)?.response?.status);
    return { event: r.events[0], events: r.events, deliveries: r.deliveries };
  };
  /**
   * A schedule's tick: it waits for its turn of the event loop (so a thousand ticks due together never
   * block the next timers) and asks for delivery summaries (nothing reads a tick's bodies).
   */
  const tickOnce = async (step: Step) => {
    await nextTurn();
    const opts = await prepare(step);
    const r = await runTriggerSummarized(o.api, o.providers, opts);
    for (const d of r.deliveries) report(step, opts.entry, d, d.status);
    return { event: r.events[0], deliveries: r.deliveries };
  };

  if (scenario.chaos) {
    const res = await o.api.request('PUT', '/_hookyard/chaos', { json: scenario.chaos });
    if (res.status !== 200) throw new UsageError(`scenario ${scenario.name}: chaos refused (${res.status}): ${JSON.stringify(res.json)}`);
    log(`⚡ chaos ${JSON.stringify(scenario.chaos)}`);
  }
  for (const step of scenario.steps) {
    try {
      if (step.request) {
        const req = interpolate(step.request, await scope(step.request));
        const res = await o.api.request(req.method, req.path, { ...(req.form ? { form: req.form } : {}), ...(req.json !== undefined ? { json: req.json } : {}) }, req.auth);
        const ok = req.expectStatus === undefined ? res.status >= 200 && res.status < 300 : res.status === req.expectStatus;
        if (!ok) throw fail(step, `${req.method} ${req.path} answered ${res.status}: ${JSON.stringify(res.json)}`);
        log(`✔ ${step.name}: ${req.method} ${req.path} ${res.status}`);
        results[step.name] = res.json;
      } else if (step.emit && step.schedule) {
        // Warmed now, not by the first tick: what the emit loads (faker) is loaded before it falls due.
        const info = await o.scheduler.add(`${scenario.name}/${step.name}`, step.schedule, () => tickOnce(step), loadFaker);
        log(`⏱ ${step.name}: scheduled (${info.id}) ${JSON.stringify(step.schedule)}`);
        schedules.push(info);
        results[step.name] = info;
      } else if (step.emit) {
        results[step.name] = await emitOnce(step);
      } else if (step.wait) {
        await new Promise<void>((res) => o.clock.setTimer(parseDuration(step.wait!), res));
        log(`… ${step.name}: waited ${step.wait}`);
      }
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw fail(step, (err as Error).message);
    }
  }
  return { results, schedules };
}
