import { rmSync, writeFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULTS } from '../defaults.js';
import { createHookyard, type Hookyard } from '../server/hookyard.js';
import { StoreOpenError } from '../store/store.js';
import { ListenError } from '../server/serve.js';
import { VERSION } from '../version.js';
import type { RetryProfileName } from '../delivery/retry.js';
import { DEFAULT_CHAOS, parseChaos, type ChaosOptions } from '../delivery/chaos.js';
import { PROVIDERS } from '../providers/index.js';
import { createApi } from '../scenarios/api.js';
import { UsageError } from '../scenarios/overrides.js';
import { parsePublicUrlRules } from '../delivery/public-url.js';
import type { Scenario } from '../scenarios/schema.js';
import { openBrowser } from './open-browser.js';
import { StateFileError } from '../state/helpers.js';

interface ServeOptions {
  port: number;
  host: string;
  db?: string;
  open?: boolean;
  proxy?: boolean;
  state?: string;
  seed?: string;
  accountSid: string;
  authToken: string;
  sinchProjectId: string;
  sinchKeyId: string;
  sinchKeySecret: string;
  printEnv?: boolean;
  quiet?: boolean;
  scenario?: string;
  timeScale?: number;
  retry: Record<string, RetryProfileName>;
  journalLimit?: number;
  chaos?: ChaosOptions | true;
  clock: 'real' | 'manual';
  allowedHost: string[];
  adminToken?: string;
  maxBody: number;
  pidFile?: string;
  publicUrl: Record<string, string>;
}

const chaosOption = (v: string) => {
  try {
    return parseChaos(v);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
};

const PROFILES = ['eventstreams', 'twilio', 'sinch', 'none'] as const;

const parseRetry = (v: string, acc: Record<string, RetryProfileName>) => {
  const eq = v.lastIndexOf('=');
  const profile = v.slice(eq + 1) as RetryProfileName;
  if (eq <= 0 || !PROFILES.includes(profile)) throw new InvalidArgumentError(`want <provider or target URL>=<${PROFILES.join('|')}>, e.g. twilio.events=none`);
  return { ...acc, [v.slice(0, eq)]: profile };
};

/** `--public-url http://127.0.0.1:3000=https://abc.ngrok.app`, repeatable. */
const collectPublicUrl = (v: string, acc: Record<string, string>) => {
  try {
    const [rule] = parsePublicUrlRules(v);
    return { ...acc, [rule!.local]: rule!.public };
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
};

/** A positive number up to `max` (the ranges createHookyard checks too). */
const positiveUpTo = (max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > max) throw new InvalidArgumentError(`must be a positive number up to ${max}`);
  return n;
};

/** `--scenario`: validated before the server starts (a bad file never half-runs), run once it listens. */
async function startScenario(file: string, hook: Hookyard, validated: unknown, adminToken: string | undefined): Promise<void> {
  const { runScenario } = await import('../scenarios/runner.js');
  const creds = { adminToken, accountSid: hook.accountSid, authToken: hook.authToken, sinchProjectId: hook.sinch.projectId, sinchKeyId: hook.sinch.keyId, sinchKeySecret: hook.sinch.keySecret };
  const api = createApi(hook.url, creds, (r) => hook.app.fetch(r));
  const log = (line: string) => process.stderr.write(line + '\n');
  runScenario(validated as Scenario, { api, providers: hook.app.providers, scheduler: hook.ctx.scheduler, clock: hook.ctx.clock, random: hook.ctx.random, log }).catch((err: Error) =>
    process.stderr.write(`hookyard: ${file}: ${err.message}\n`),
  );
}

const parseClockMode = (v: string) => {
  if (v !== 'real' && v !== 'manual') throw new InvalidArgumentError('must be real or manual');
  return v;
};

const collectHost = (v: string, acc: string[]) => {
  if (!/^\.?[a-z0-9.-]+$/i.test(v)) throw new InvalidArgumentError('must be a host name such as my-laptop.local or .example.com');
  return [...acc, v];
};

/** `1048576`, `512k`, `2m` → bytes. */
const parseBytes = (v: string) => {
  const m = /^(\d+)([km]?)b?$/i.exec(v.trim());
  const n = m ? Number(m[1]) * (m[2]?.toLowerCase() === 'k' ? 1024 : m[2]?.toLowerCase() === 'm' ? 1024 * 1024 : 1) : NaN;
  if (!(n >= 1024 && n <= 1024 * 1024 * 1024)) throw new InvalidArgumentError('must be a size from 1k to 1024m, e.g. 1048576, 512k or 2m');
  return n;
};

const envHosts = () => (process.env['HOOKYARD_ALLOWED_HOSTS'] ?? '').split(',').map((h) => h.trim()).filter(Boolean);

const parsePort = (v: string) => {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65535) throw new InvalidArgumentError('must be an integer from 0 to 65535 (0 = any free port)');
  return n;
};

const parseAccountSid = (v: string) => {
  if (!/^AC[0-9a-fA-F]{32}$/.test(v)) throw new InvalidArgumentError('must be AC followed by 32 hex digits');
  return v;
};

const parseToken = (v: string) => {
  if (v === '') throw new InvalidArgumentError('must not be empty');
  return v;
};

function banner(hook: Hookyard, opts: ServeOptions): string {
  const rows: [string, string][] = [
    ...hook.app.providers.map((p): [string, string] => [p.title, hook.url + p.entryPath.replace('{projectId}', hook.sinch.projectId)]),
    ['Inspector', `${hook.url}/_hookyard/ui`],
    ['Admin', `${hook.url}/_hookyard/health`],
    ['Account SID', hook.accountSid],
    ['Auth token', hook.authToken],
    ['Sinch project', hook.sinch.projectId],
    ['Sinch key', `${hook.sinch.keyId} / ${hook.sinch.keySecret}`],
    ['Sinch webhook secret', `${DEFAULTS.sinchWebhookSecret} (of webhooks --setup makes; each webhook signs with its own)`],
    ['Store', hook.ctx.store.file ? `file ${hook.ctx.store.file}` : 'in memory (pass --db file.json to persist)'],
    ['Seed', opts.seed ?? 'none (random)'],
    ['Clock', opts.clock === 'manual' ? `manual, frozen at ${hook.clock.now().toISOString()} (POST /_hookyard/clock moves it)` : 'real time (POST /_hookyard/clock moves it)'],
    ...hook.ctx.publicUrls.rules().map((r): [string, string] => ['Public URL', `${r.local} is signed as ${r.public}`]),
    ...(hook.proxyCa ? [['Proxy', `HTTPS_PROXY=${hook.url} (provider hosts only), trusting ${hook.proxyCa}`] as [string, string]] : []),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `  ${k.padEnd(width)} ${v}`);
  return [`hookyard ${VERSION} listening on ${hook.url}`, ...lines, 'Press Ctrl+C to stop.'].join('\n');
}

/** `hookyard serve`: the emulator, in the foreground, until SIGINT/SIGTERM. */
export function registerServe(program: Command): void {
  program
    .command('serve', { isDefault: true })
    .description('start the emulator (the default command)')
    .addOption(envOption('-p, --port <port>', `port to listen on; 0 = any free port`, parsePort, DEFAULTS.port))
    .addOption(envOption('--host <host>', 'interface to bind', DEFAULTS.host))
    .addOption(envOption('--db <file>', 'persist state in this JSON file and its change log (default: in memory)'))
    .addOption(envOption('--seed <seed>', 'make SIDs and generated values repeat across runs'))
    .addOption(envOption('--account-sid <sid>', 'Twilio AccountSid to accept', parseAccountSid, DEFAULTS.accountSid))
    .addOption(envOption('--auth-token <token>', 'Twilio AuthToken to accept and sign with', parseToken, DEFAULTS.authToken))
    .addOption(envOption('--sinch-project-id <id>', 'Sinch projectId to accept', parseToken, DEFAULTS.sinchProjectId))
    .addOption(envOption('--sinch-key-id <id>', 'Sinch access key id (Basic user, OAuth2 client id)', parseToken, DEFAULTS.sinchKeyId))
    .addOption(envOption('--sinch-key-secret <secret>', 'Sinch access key secret', parseToken, DEFAULTS.sinchKeySecret))
    .addOption(envOption('--print-env', 'print only HOOKYARD_URL=… lines on stdout once listening; logs go to stderr'))
    .addOption(envOption('-q, --quiet', 'do not log each delivery'))
    .addOption(envOption('--state <file>', 'start from this state document (GET /_hookyard/state, hookyard state export); with --db, seeds an empty db'))
    .addOption(envOption('--scenario <file>', 'run this scenario file (and its schedules) once listening'))
    .addOption(envOption('--time-scale <n>', 'divide every retry delay by n (3600: 4 h of Event Streams retries in 4 s)', positiveUpTo(1e9)))
    .addOption(envOption('--retry <key=profile>', 'retry profile for a provider or target URL (eventstreams|twilio|sinch|none); repeatable', parseRetry, {}))
    .addOption(envOption('--chaos [spec]', 'duplicate/reorder/delay/drop deliveries, seeded: duplicate=0.1,reorder=500,latency=0-200,drop-first=0.1', chaosOption))
    .addOption(envOption('--clock <mode>', 'real: the machine\'s time (movable with POST /_hookyard/clock); manual: frozen until moved', parseClockMode, 'real'))
    .option('--allowed-host <host>', 'also answer this Host (repeatable; .example.com allows subdomains; env HOOKYARD_ALLOWED_HOSTS, comma-separated)', collectHost, envHosts())
    .addOption(envOption('--public-url <local=public>', 'sign deliveries to a local origin over the public one the app validates against (a tunnel); repeatable', collectPublicUrl, {}))
    .addOption(envOption('--admin-token <token>', 'require Authorization: Bearer <token> on /_hookyard', parseToken))
    .addOption(envOption('--max-body <size>', 'largest request body; larger is 413 (bytes, or 512k, 2m)', parseBytes, 1024 * 1024))
    .addOption(envOption('--proxy', 'also be an HTTPS proxy for the provider hosts (only), with a local CA (hookyard ca path)'))
    .addOption(envOption('--open', 'open the inspector in the default browser once listening'))
    .addOption(envOption('--pid-file <file>', 'once listening (after the --print-env lines), write the process id here; removed on exit'))
    .addOption(envOption('--journal-limit <n>', 'deliveries kept in the journal (oldest evicted)', positiveUpTo(10_000_000)))
    .action(async (opts: ServeOptions) => {
      let hook: Hookyard;
      let scenario: unknown;
      try {
        if (opts.scenario) scenario = (await import('../scenarios/load.js')).loadScenario(opts.scenario, PROVIDERS);
        hook = await createHookyard({
          port: opts.port,
          host: opts.host,
          accountSid: opts.accountSid,
          authToken: opts.authToken,
          sinchProjectId: opts.sinchProjectId,
          sinchKeyId: opts.sinchKeyId,
          sinchKeySecret: opts.sinchKeySecret,
          retry: opts.retry,
          clock: opts.clock,
          allowedHosts: opts.allowedHost,
          publicUrls: opts.publicUrl,
          maxBodyBytes: opts.maxBody,
          ...(opts.adminToken === undefined ? {} : { adminToken: opts.adminToken }),
          ...(opts.chaos === undefined ? {} : { chaos: opts.chaos === true ? DEFAULT_CHAOS : opts.chaos }),
          ...(opts.timeScale === undefined ? {} : { timeScale: opts.timeScale }),
          ...(opts.journalLimit === undefined ? {} : { journalLimit: Math.floor(opts.journalLimit) }),
          log: opts.quiet ? 'warn' : 'info',
          ...(opts.db === undefined ? {} : { db: opts.db }),
          ...(opts.seed === undefined ? {} : { seed: opts.seed }),
          ...(opts.state === undefined ? {} : { state: opts.state }),
          ...(opts.proxy ? { proxy: true } : {}),
        });
      } catch (err) {
        if (!(err instanceof StoreOpenError || err instanceof ListenError || err instanceof UsageError || err instanceof StateFileError)) throw err;
        process.stderr.write(`hookyard: ${err.message}\n`);
        process.exit(err instanceof UsageError || err instanceof StateFileError ? 2 : 1); // a bad --scenario or --state file is bad input; a store or port that fails is not
      }
      // Before anything is printed: a script that stops hookyard as soon as it has read the env lines must find
      // the handlers in place (a signal before them would kill the process without closing the store).
      const stop = () => {
        if (opts.pidFile) rmSync(opts.pidFile, { force: true });
        hook.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      if (opts.printEnv) {
        const env = {
          HOOKYARD_URL: hook.url,
          TWILIO_ACCOUNT_SID: hook.accountSid,
          TWILIO_AUTH_TOKEN: hook.authToken,
          SINCH_PROJECT_ID: hook.sinch.projectId,
          SINCH_KEY_ID: hook.sinch.keyId,
          SINCH_KEY_SECRET: hook.sinch.keySecret,
          // What `--setup` and the Sinch scenario sign callbacks with: what the app's validateWebhookSignature needs.
          SINCH_WEBHOOK_SECRET: DEFAULTS.sinchWebhookSecret,
        };
        process.stdout.write(Object.entries(env).map(([k, v]) => `${k}=${v}\n`).join(''));
        process.stderr.write(banner(hook, opts) + '\n');
      } else {
        process.stdout.write(banner(hook, opts) + '\n');
      }
      if (opts.open) openBrowser(`${hook.url}/_hookyard/ui`, (line) => process.stderr.write(line + '\n'));
      if (opts.scenario) await startScenario(opts.scenario, hook, scenario, opts.adminToken);
      // Last, so a script that waits for the pid file finds the env lines complete; `kill $(cat file)` then
      // stops this process itself (killing `npx`'s pid would leave it running).
      if (opts.pidFile) writeFileSync(opts.pidFile, `${process.pid}\n`);
    });
}

/**
 * Every `serve` flag also reads `HOOKYARD_<FLAG>` (`--port` → `HOOKYARD_PORT`, `--db` → `HOOKYARD_DB`); the flag
 * wins, and `serve --help` names each variable. A switch (`--quiet`) is on when its variable is set at all.
 * `--allowed-host` keeps its comma-separated `HOOKYARD_ALLOWED_HOSTS`.
 */
function envOption<T>(flags: string, description: string, parse?: ((value: string, previous: T) => T) | T, fallback?: T): Option {
  const option = new Option(flags, description);
  option.env(`HOOKYARD_${option.long!.slice(2).replace(/-/g, '_').toUpperCase()}`);
  if (typeof parse === 'function') option.argParser(parse as (value: string, previous: T) => T);
  else if (parse !== undefined) option.default(parse);
  if (fallback !== undefined) option.default(fallback);
  return option;
}
