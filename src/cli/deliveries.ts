import type { Command } from 'commander';
import type { Attempt, DeliveryRecord } from '../delivery/journal.js';
import { adminCall, clientCommand, expectOk, printJournal, queryOf } from './admin-client.js';

interface Flags {
  url?: string;
  json?: boolean;
  follow?: boolean;
  provider?: string;
  type?: string;
  outcome?: string;
  target?: string;
  since?: string;
}

const say = (text: string) => process.stdout.write(text + '\n');

/** One line per delivery, as `hookyard deliveries` lists them. */
export const deliveryLine = (d: DeliveryRecord) => {
  const a = d.attempts.at(-1);
  const status = a?.response?.status ?? a?.error ?? d.outcome;
  const retry = d.nextAttemptAt ? ` (retry at ${d.nextAttemptAt})` : '';
  return `${d.createdAt} ${d.id} ${d.eventType} → ${d.target.url} ${d.outcome} ${status} ×${d.attempts.length}${retry}`;
};

const indent = (text: string, by = '    ') => text.replace(/^/gm, by);

function attemptText(a: Attempt): string {
  const head = `  attempt ${a.n} at ${a.startedAt}, ${a.durationMs} ms: ${a.outcome}${a.response ? ` ${a.response.status}` : ''}${a.error ? ` (${a.error})` : ''}${a.errorCode ? `, error ${a.errorCode}` : ''}`;
  return a.response?.body ? `${head}\n${indent(a.response.body.slice(0, 2000))}` : head;
}

/** Everything about one delivery, for `hookyard deliveries show <id>`. */
function showDelivery(d: DeliveryRecord): string {
  const r = d.request;
  return [
    deliveryLine(d),
    `  event     ${d.eventIds.join(', ')} (${d.eventTypes.join(', ')}) from ${d.provider}, scope ${d.scope}`,
    `  target    ${d.target.kind} ${d.target.id} ${d.target.url}`,
    `  retries   ${d.retryProfile}, timeout ${d.timeoutMs} ms${d.nextAttemptAt ? `, next at ${d.nextAttemptAt}` : ''}${d.replayOf ? `; replay of ${d.replayOf}` : ''}${d.duplicateOf ? `; chaos duplicate of ${d.duplicateOf}` : ''}`,
    `  request   ${r.method} ${r.url}`,
    ...(r.signedUrl ? [`  signed as ${r.signedUrl}`] : []),
    ...Object.entries(r.headers).map(([k, v]) => `    ${k}: ${v}`),
    indent(r.body.slice(0, 4000)),
    ...(d.attempts.length ? d.attempts.map(attemptText) : ['  no attempt yet']),
  ].join('\n');
}

/** `hookyard deliveries [show <id>]`, `hookyard replay <id>`, `hookyard recover --target …`: the journal from the terminal. */
export function registerDeliveries(program: Command): void {
  const deliveries = program
    .command('deliveries')
    .description('show the delivery journal of a running hookyard (--url / HOOKYARD_URL); deliveries show <id> for one')
    .option('--url <url>', 'the running hookyard (default: $HOOKYARD_URL)')
    .option('--provider <name>')
    .option('--type <eventType>')
    .option('--outcome <outcome>', 'delivered, http_error, timeout, network_error, not_delivered, pending')
    .option('--target <url|origin|id>')
    .option('--since <iso>')
    .option('--follow', 'keep printing new and changed deliveries (and wait out a server restart)')
    .option('--json', 'print JSON (with --follow: one JSON record per line)')
    .action((f: Flags) =>
      clientCommand(f.url, async (base) => {
        const q = queryOf(f, ['provider', 'type', 'outcome', 'target', 'since']);
        // --follow: what is already journaled, then each change as the server pushes it (/_hookyard/stream).
        const stream = `/stream?${new URLSearchParams([...q, ['view', 'records']])}`;
        await printJournal({ base, path: `/deliveries?${q}`, stream, key: 'deliveries', json: f.json, follow: f.follow, line: deliveryLine, version: (d: DeliveryRecord) => `${d.outcome}/${d.attempts.length}` });
      }),
    );

  deliveries
    .command('show <id>')
    .description('one delivery: its request (headers, body, the URL signed), every attempt and its answer')
    .option('--url <url>', 'the running hookyard (default: $HOOKYARD_URL)')
    .option('--json', 'print the record as JSON')
    .action((id: string, _f: unknown, cmd: Command) => {
      // `deliveries` takes --url and --json too: after `show`, commander may hand them to either.
      const f = cmd.optsWithGlobals<{ url?: string; json?: boolean }>();
      return clientCommand(f.url, async (base) => {
        const d = expectOk(await adminCall<DeliveryRecord>(base, `/deliveries/${encodeURIComponent(id)}`), `reading delivery ${id}`);
        say(f.json ? JSON.stringify(d, null, 2) : showDelivery(d));
      });
    });

  program
    .command('replay <id>')
    .description('send a journaled delivery again, the same bytes (exit 1 unless it is delivered)')
    .option('--url <url>', 'the running hookyard (default: $HOOKYARD_URL)')
    .option('--json', 'print the new delivery as JSON')
    .action((id: string, f: { url?: string; json?: boolean }) =>
      clientCommand(f.url, async (base) => {
        const d = expectOk(await adminCall<DeliveryRecord>(base, `/deliveries/${encodeURIComponent(id)}/replay`, { method: 'POST' }), `replaying ${id}`);
        say(f.json ? JSON.stringify(d, null, 2) : deliveryLine(d));
        if (d.outcome !== 'delivered') process.exitCode = 1;
      }),
    );

  program
    .command('recover')
    .description('resend every failed delivery a target missed (since a time): exit 1 unless all are delivered')
    .requiredOption('--target <url|origin|id>', 'the receiver: a URL, an origin or URL prefix, or a webhook/sink id')
    .option('--since <iso>', 'only deliveries created at or after this time')
    .option('--url <url>', 'the running hookyard (default: $HOOKYARD_URL)')
    .option('--json', 'print the new deliveries as JSON')
    .action((f: { url?: string; json?: boolean; target: string; since?: string }) =>
      clientCommand(f.url, async (base) => {
        const body = { target: f.target, ...(f.since === undefined ? {} : { since: f.since }) };
        const r = expectOk(await adminCall<{ recovered: number; deliveries: DeliveryRecord[] }>(base, '/deliveries/recover', { method: 'POST', body }), 'recovering');
        if (f.json) say(JSON.stringify(r, null, 2));
        else {
          r.deliveries.forEach((d) => say(deliveryLine(d)));
          process.stderr.write(`recovered ${r.recovered} ${r.recovered === 1 ? 'delivery' : 'deliveries'} for ${f.target}\n`);
        }
        if (r.deliveries.some((d) => d.outcome !== 'delivered')) process.exitCode = 1;
      }),
    );
}
