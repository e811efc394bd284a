import type { Command } from 'commander';
import { HookyardError } from '../core/errors.js';
import type { DeliveryRecord } from '../delivery/journal.js';
import { PROVIDERS } from '../providers/index.js';
import { createApi, credentialsFromEnv } from '../scenarios/api.js';
import { buildCatalog, findEntry, type CatalogEntry } from '../scenarios/catalog.js';
import { applySet, readDataOption, UsageError } from '../scenarios/overrides.js';
import { runTrigger, type TriggerOptions, type TriggerResult } from '../scenarios/trigger.js';
import { createHookyard } from '../server/hookyard.js';
import { processClock } from '../core/clock.js';
import { createLogger } from '../core/log.js';
import { createRandom } from '../core/random.js';
import type { ScheduleSpec } from '../scenarios/schema.js';

interface TriggerFlags {
  url?: string;
  to?: string;
  setup?: boolean;
  webhook?: string;
  input: string[];
  set: string[];
  data?: string;
  count: number;
  json?: boolean;
  seed?: string;
  authToken?: string;
  secret?: string;
  every?: string;
  cron?: string;
  at?: string;
  times?: string;
  until?: string;
  jitter?: string;
}

/** `--every/--cron/--at` (+ `--times/--until/--jitter`) as a schedule spec, checked by the scenario schema. */
async function scheduleFrom(flags: TriggerFlags): Promise<ScheduleSpec | undefined> {
  if (flags.every === undefined && flags.cron === undefined && flags.at === undefined) return undefined;
  const { scheduleSchema } = await import('../scenarios/schema.js');
  const spec = {
    ...(flags.every === undefined ? {} : { every: flags.every }),
    ...(flags.cron === undefined ? {} : { cron: flags.cron }),
    ...(flags.at === undefined ? {} : { at: flags.at }),
    ...(flags.times === undefined ? {} : { count: Number(flags.times) }),
    ...(flags.until === undefined ? {} : { until: flags.until }),
    ...(flags.jitter === undefined ? {} : { jitter: flags.jitter }),
  };
  const parsed = scheduleSchema.safeParse(spec);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`schedule ${issue.path.length > 0 ? `--${String(issue.path[0]).replace('count', 'times')} ` : ''}: ${issue.message}`.replace(' :', ':'));
  }
  if (spec.cron) {
    const { Cron } = await import('croner');
    try {
      new Cron(spec.cron, { paused: true });
    } catch (err) {
      throw new UsageError(`--cron: ${(err as Error).message}`);
    }
  }
  return parsed.data;
}

/** Runs `once` on the schedule until it is done (or Ctrl+C), printing every tick's deliveries. */
async function onSchedule(spec: ScheduleSpec, once: () => Promise<TriggerResult>, print: (r: TriggerResult) => void): Promise<boolean> {
  const { createScheduler } = await import('../scenarios/scheduler.js');
  const scheduler = createScheduler({ clock: processClock, random: createRandom(), log: createLogger('warn') });
  let failed = false;
  const inflight: Promise<void>[] = [];
  const info = await scheduler.add('trigger', spec, () => {
    const tick = once().then((r) => {
      print(r);
      failed ||= r.deliveries.length === 0 || r.deliveries.some((d) => d.outcome !== 'delivered');
    });
    inflight.push(tick);
    return tick;
  });
  process.stdout.write(`scheduled ${JSON.stringify(spec)}; next at ${info.nextRunAt}\n`);
  process.once('SIGINT', () => scheduler.cancelAll());
  while (info.state === 'active') await new Promise((r) => setTimeout(r, 50));
  // The last tick may still be delivering when the schedule is done.
  await Promise.allSettled(inflight);
  return failed;
}

const collect = (v: string, acc: string[]) => [...acc, v];
const positiveInt = (v: string) => {
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 1000) throw new UsageError(`--count must be an integer from 1 to 1000, got '${v}'`);
  return Number(v);
};

function line(d: DeliveryRecord): string {
  const a = d.attempts.at(-1);
  const ok = d.outcome === 'delivered';
  const status = a?.response ? String(a.response.status) : d.outcome;
  return `${ok ? '✔' : '✘'} ${status} ${a?.request.method ?? 'POST'} ${d.target.url} ${a ? `(${a.durationMs} ms)` : ''}${a?.error ? ` ${a.error}` : ''}`;
}

/**
 * `--to`: an ephemeral in-process hookyard whose parent resources point at the URL, so nothing else must run.
 * The first emit sets them up; later ones (a schedule's ticks) reuse them.
 */
async function directSession(flags: TriggerFlags, opts: TriggerOptions): Promise<{ emit: () => Promise<TriggerResult>; close: () => Promise<void> }> {
  const hook = await createHookyard({ ...(flags.seed === undefined ? {} : { seed: flags.seed }), ...(flags.authToken === undefined ? {} : { authToken: flags.authToken }), log: 'silent' });
  const creds = { accountSid: hook.accountSid, authToken: hook.authToken, sinchProjectId: hook.sinch.projectId, sinchKeyId: hook.sinch.keyId, sinchKeySecret: hook.sinch.keySecret };
  const api = createApi(hook.url, creds, (r) => hook.app.fetch(r));
  return { emit: setupOnce(api, opts, { webhookUrl: flags.to!, secret: flags.secret }), close: () => hook.close() };
}

/**
 * Emits with `setup` on the first run only: later runs (a schedule's ticks) reuse what it made, and ticks that
 * start before it finishes wait for it rather than set up again.
 */
function setupOnce(api: ReturnType<typeof createApi>, opts: TriggerOptions, setup: TriggerOptions['setup']): () => Promise<TriggerResult> {
  let first: Promise<TriggerResult> | undefined;
  return () => {
    if (!first) return (first = runTrigger(api, PROVIDERS, { ...opts, ...(setup ? { setup } : {}) }));
    return first.then((r) => runTrigger(api, PROVIDERS, { ...opts, input: { ...r.input, ...opts.input } }));
  };
}

function resolve(name: string): CatalogEntry {
  const found = findEntry(buildCatalog(PROVIDERS), name);
  if ('suggestions' in found) throw new UsageError(`unknown event '${name}'; did you mean ${found.suggestions.join(', ')}? (hookyard events lists them all)`);
  return found;
}

/** `hookyard trigger <event>`: emit one catalogued event, print each delivery, exit non-zero if one failed. */
export function registerTrigger(program: Command): void {
  program
    .command('trigger <event>')
    .description('emit an event through a running hookyard (--url / HOOKYARD_URL), or send it straight to --to <url>')
    .option('--url <url>', 'the running hookyard (default: $HOOKYARD_URL)')
    .option('--to <url>', 'send straight to this URL with no server, signed as the provider would')
    .option('--setup', 'create what the event needs (service, webhook, sink …) pointing at --webhook')
    .option('--webhook <url>', 'with --setup: where the created webhook/sink delivers')
    .option('--input <key=value>', 'pointer to an existing resource, e.g. serviceSid=VA… (repeatable)', collect, [])
    .option('--set <path=value>', 'override a payload field by dotted path (repeatable)', collect, [])
    .option('--data <json|@file>', 'payload overrides as a JSON object, or @file.json')
    .option('--count <n>', 'emit n events', positiveInt, 1)
    .option('--json', 'print the events and deliveries (requests and responses) as JSON')
    .option('--seed <seed>', 'with --to: repeatable SIDs and payloads')
    .option('--auth-token <token>', 'with --to: the Twilio auth token to sign with')
    .option('--secret <secret>', 'with --to or --setup: the Sinch webhook secret to sign with')
    .option('--every <duration>', 'repeat on a schedule: 5s, 1m …')
    .option('--cron <expr>', 'repeat on a 5- or 6-field cron schedule')
    .option('--at <iso>', 'send once at this time')
    .option('--times <n>', 'with a schedule: stop after n runs')
    .option('--until <iso>', 'with a schedule: stop after this time')
    .option('--jitter <duration>', 'with a schedule: add a random delay up to this')
    .action(async (name: string, flags: TriggerFlags) => {
      try {
        const entry = resolve(name);
        const data = flags.data === undefined ? {} : readDataOption(flags.data);
        for (const s of flags.set) applySet(data, s);
        const input = flags.input.reduce((acc, kv) => applySet(acc, kv), {} as Record<string, unknown>);
        const opts: TriggerOptions = { entry, input, data, count: flags.count };
        const schedule = await scheduleFrom(flags);
        const url = flags.url ?? process.env['HOOKYARD_URL'];
        if (flags.to === undefined && !url) throw new UsageError('no hookyard to talk to: pass --url or set HOOKYARD_URL, or send straight with --to <url>');
        if (flags.to === undefined && flags.setup && !flags.webhook) throw new UsageError('--setup needs --webhook <url>: where the created webhook or sink should deliver');
        const direct = flags.to !== undefined ? await directSession(flags, opts) : undefined;
        const once = direct ? direct.emit : setupOnce(createApi(url!, credentialsFromEnv()), opts, flags.setup ? { webhookUrl: flags.webhook!, secret: flags.secret } : undefined);
        const print = (result: TriggerResult) => {
          if (flags.json) return void process.stdout.write(JSON.stringify(result, null, 2) + '\n');
          for (const c of result.created) process.stdout.write(`created ${c}\n`);
          for (const d of result.deliveries) process.stdout.write(line(d) + '\n');
          if (result.deliveries.length === 0) process.stdout.write(`✘ ${entry.name} reached no one: ${result.noDelivery ?? 'nothing is registered for it'} (or pass --setup --webhook <url>)\n`);
        };
        let failed: boolean;
        try {
          if (schedule) {
            failed = await onSchedule(schedule, once, print);
          } else {
            const result = await once();
            print(result);
            failed = result.deliveries.length === 0 || result.deliveries.some((d) => d.outcome !== 'delivered');
          }
        } finally {
          await direct?.close();
        }
        process.exitCode = failed ? 1 : 0;
      } catch (err) {
        if (!(err instanceof UsageError || err instanceof HookyardError || (err instanceof TypeError && /fetch failed/.test(err.message)))) throw err;
        const e = err as Error;
        const msg = err instanceof UsageError || err instanceof HookyardError ? e.message : `cannot reach hookyard (${(e.cause as Error | undefined)?.message ?? e.message})`;
        process.stderr.write(`hookyard: ${msg}\n`);
        process.exitCode = 2;
      }
    });
}
