import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { fixturesDir } from '../version.js';
import { processClock } from '../core/clock.js';
import { createLogger } from '../core/log.js';
import { createRandom } from '../core/random.js';
import { HookyardError } from '../core/errors.js';
import { PROVIDERS } from '../providers/index.js';
import type { Hookyard } from '../server/hookyard.js';
import { createHookyard } from '../server/hookyard.js';
import { createApi, credentialsFromEnv } from '../scenarios/api.js';
import { UsageError } from '../scenarios/overrides.js';
import type { Scheduler } from '../scenarios/scheduler.js';

const say = (line: string) => process.stdout.write(line + '\n');

/** The scenario files hookyard ships, by name (`verify-push-login` …). */
function shippedScenarios(): string[] {
  const dir = fixturesDir();
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'schema.json').map((f) => f.slice(0, -5)).sort();
}

/** A path as given when it is a file; else a shipped scenario's name. */
function scenarioPath(fileOrName: string): string {
  if (existsSync(fileOrName) || fileOrName.includes('/') || fileOrName.endsWith('.json')) return fileOrName;
  const names = shippedScenarios();
  if (!names.includes(fileOrName)) throw new UsageError(`no file or shipped scenario '${fileOrName}'; shipped: ${names.join(', ')}`);
  return join(fixturesDir()!, `${fileOrName}.json`);
}

/** Resolves when no schedule is active any more (schedules with no count/until run until Ctrl+C). */
function untilSchedulesDone(scheduler: Scheduler): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (scheduler.list().some((s) => s.state === 'active') ? setTimeout(check, 100) : resolve());
    check();
  });
}

function fail(err: unknown): void {
  if (!(err instanceof UsageError || err instanceof HookyardError)) throw err;
  process.stderr.write(`hookyard: ${err.message}\n`);
  // Bad input (a file that is not a scenario, an unknown name) is a usage error, 2; a step that failed is 1.
  process.exitCode = err instanceof UsageError ? 2 : 1;
}

/** `hookyard scenario run|validate|schema`. */
export function registerScenario(program: Command): void {
  const scenario = program.command('scenario').description('run scenario files (fixtures/*.json)');

  scenario
    .command('run <file|name>')
    .description('run a scenario file, or a shipped one by name (hookyard scenario list), against a running hookyard (--url / HOOKYARD_URL) or an in-process one')
    .option('--url <url>', 'the running hookyard (default: $HOOKYARD_URL; none: an in-process hookyard)')
    .option('--seed <seed>', 'repeatable ${fake:…} values (and SIDs, in-process)')
    .action(async (file: string, flags: { url?: string; seed?: string }) => {
      const { loadScenario } = await import('../scenarios/load.js');
      const { runScenario } = await import('../scenarios/runner.js');
      let hook: Hookyard | undefined;
      try {
        const parsed = loadScenario(scenarioPath(file), PROVIDERS);
        const url = flags.url ?? process.env['HOOKYARD_URL'];
        const random = createRandom(flags.seed);
        const log = createLogger('info');
        if (url) {
          const scheduler = (await import('../scenarios/scheduler.js')).createScheduler({ clock: processClock, random, log });
          await runScenario(parsed, { api: createApi(url, credentialsFromEnv()), providers: PROVIDERS, scheduler, clock: processClock, random, log: say });
          await untilSchedulesDone(scheduler);
        } else {
          hook = await createHookyard({ ...(flags.seed === undefined ? {} : { seed: flags.seed }), log: 'warn' });
          const h = hook;
          const creds = { accountSid: h.accountSid, authToken: h.authToken, sinchProjectId: h.sinch.projectId, sinchKeyId: h.sinch.keyId, sinchKeySecret: h.sinch.keySecret };
          const api = createApi(h.url, creds, (r) => h.app.fetch(r));
          await runScenario(parsed, { api, providers: PROVIDERS, scheduler: h.ctx.scheduler, clock: h.ctx.clock, random: h.ctx.random, log: say });
          await untilSchedulesDone(h.ctx.scheduler);
          await h.idle();
        }
      } catch (err) {
        fail(err);
      } finally {
        await hook?.close();
      }
    });

  scenario
    .command('list')
    .description('list the scenarios shipped with hookyard (run one with hookyard scenario run <name>)')
    .action(async () => {
      const { loadScenario } = await import('../scenarios/load.js');
      for (const name of shippedScenarios()) {
        const s = loadScenario(join(fixturesDir()!, `${name}.json`), PROVIDERS);
        say(`${name.padEnd(32)} ${s.description ?? ''}`);
      }
    });

  scenario
    .command('validate <file>')
    .description('check a scenario file without running it')
    .action(async (file: string) => {
      const { loadScenario } = await import('../scenarios/load.js');
      try {
        const s = loadScenario(file, PROVIDERS);
        say(`${file}: valid, ${s.steps.length} steps`);
      } catch (err) {
        fail(err);
      }
    });

  scenario
    .command('schema')
    .description('print the JSON Schema of scenario files (fixtures/schema.json)')
    .action(async () => {
      const { scenarioJsonSchema } = await import('../scenarios/schema.js');
      say(JSON.stringify(scenarioJsonSchema(), null, 2));
    });
}
