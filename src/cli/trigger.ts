import type { Command } from 'commander';
import { HookyardError } from '../core/errors.js';
import type { DeliveryRecord } from '../delivery/journal.js';
import { PROVIDERS } from '../providers/index.js';
import { createApi, credentialsFromEnv } from '../scenarios/api.js';
import { buildCatalog, findEntry, type CatalogEntry } from '../scenarios/catalog.js';
import { applySet, readDataOption, UsageError } from '../scenarios/overrides.js';
import { runTrigger, type TriggerOptions, type TriggerResult } from '../scenarios/trigger.js';
import { createHookyard } from '../server/hookyard.js';

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

/** `--to`: an ephemeral in-process hookyard whose parent resources point at the URL, so nothing else must run. */
async function triggerDirect(flags: TriggerFlags, opts: TriggerOptions): Promise<TriggerResult> {
  const hook = await createHookyard({ ...(flags.seed === undefined ? {} : { seed: flags.seed }), ...(flags.authToken === undefined ? {} : { authToken: flags.authToken }), log: 'silent' });
  try {
    const creds = { accountSid: hook.accountSid, authToken: hook.authToken, sinchProjectId: hook.sinch.projectId, sinchKeyId: hook.sinch.keyId, sinchKeySecret: hook.sinch.keySecret };
    const api = createApi(hook.url, creds, (r) => hook.app.fetch(r));
    return await runTrigger(api, PROVIDERS, { ...opts, setup: { webhookUrl: flags.to!, secret: flags.secret } });
  } finally {
    await hook.close();
  }
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
    .action(async (name: string, flags: TriggerFlags) => {
      try {
        const entry = resolve(name);
        const data = flags.data === undefined ? {} : readDataOption(flags.data);
        for (const s of flags.set) applySet(data, s);
        const input = flags.input.reduce((acc, kv) => applySet(acc, kv), {} as Record<string, unknown>);
        const opts: TriggerOptions = { entry, input, data, count: flags.count };
        let result: TriggerResult;
        if (flags.to !== undefined) {
          result = await triggerDirect(flags, opts);
        } else {
          const url = flags.url ?? process.env['HOOKYARD_URL'];
          if (!url) throw new UsageError('no hookyard to talk to: pass --url or set HOOKYARD_URL, or send straight with --to <url>');
          if (flags.setup && !flags.webhook) throw new UsageError('--setup needs --webhook <url>: where the created webhook or sink should deliver');
          const setup = flags.setup ? { webhookUrl: flags.webhook!, secret: flags.secret } : undefined;
          result = await runTrigger(createApi(url, credentialsFromEnv()), PROVIDERS, { ...opts, ...(setup ? { setup } : {}) });
        }
        if (flags.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
        else {
          for (const c of result.created) process.stdout.write(`created ${c}\n`);
          for (const d of result.deliveries) process.stdout.write(line(d) + '\n');
          if (result.deliveries.length === 0) process.stdout.write(`nothing is registered for ${entry.name}: pass --setup --webhook <url>, or register a webhook first\n`);
        }
        const failed = result.deliveries.length === 0 || result.deliveries.some((d) => d.outcome !== 'delivered');
        process.exitCode = failed ? 1 : 0;
      } catch (err) {
        if (!(err instanceof UsageError || err instanceof HookyardError || (err instanceof TypeError && /fetch failed/.test(err.message)))) throw err;
        const msg = err instanceof TypeError ? `cannot reach hookyard (${(err.cause as Error | undefined)?.message ?? err.message})` : err.message;
        process.stderr.write(`hookyard: ${msg}\n`);
        process.exitCode = 2;
      }
    });
}
