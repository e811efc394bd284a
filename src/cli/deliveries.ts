import type { Command } from 'commander';
import type { DeliveryRecord } from '../delivery/journal.js';
import { adminHeaders, serverUrl } from './server-url.js';

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

const line = (d: DeliveryRecord) => {
  const a = d.attempts.at(-1);
  const status = a?.response?.status ?? a?.error ?? d.outcome;
  const retry = d.nextAttemptAt ? ` (retry at ${d.nextAttemptAt})` : '';
  return `${d.createdAt} ${d.id} ${d.eventType} → ${d.target.url} ${d.outcome} ${status} ×${d.attempts.length}${retry}`;
};

/** `hookyard deliveries`: the running hookyard's journal, optionally followed as it grows. */
export function registerDeliveries(program: Command): void {
  program
    .command('deliveries')
    .description('show the delivery journal of a running hookyard (--url / HOOKYARD_URL)')
    .option('--url <url>', 'the running hookyard (default: $HOOKYARD_URL)')
    .option('--provider <name>')
    .option('--type <eventType>')
    .option('--outcome <outcome>', 'delivered, http_error, timeout, network_error, not_delivered, pending')
    .option('--target <url|id>')
    .option('--since <iso>')
    .option('--follow', 'keep printing new and changed deliveries')
    .option('--json', 'print JSON (with --follow: one JSON record per line)')
    .action(async (f: Flags) => {
      const url = serverUrl(f.url);
      if (!url) return;
      const q = new URLSearchParams();
      for (const k of ['provider', 'type', 'outcome', 'target', 'since'] as const) if (f[k]) q.set(k, f[k]);
      const seen = new Map<string, string>();
      const show = (d: DeliveryRecord) => process.stdout.write((f.json ? JSON.stringify(d) : line(d)) + '\n');
      for (;;) {
        let body: { deliveries: DeliveryRecord[]; error?: { message: string } };
        let ok: boolean;
        try {
          const res = await fetch(`${url}/_hookyard/deliveries?${q}`, { headers: adminHeaders() });
          ok = res.ok;
          body = (await res.json()) as typeof body;
        } catch (err) {
          process.stderr.write(`hookyard: cannot reach ${url} (${((err as Error).cause as Error | undefined)?.message ?? (err as Error).message})\n`);
          return void (process.exitCode = 2);
        }
        // A filter hookyard refuses (an unknown outcome …) is bad input: one line, exit 2.
        if (!ok) {
          process.stderr.write(`hookyard: ${body.error?.message ?? 'the journal could not be read'}\n`);
          return void (process.exitCode = 2);
        }
        // The API pages newest first; a terminal reads oldest first, like a log.
        const chronological = [...body.deliveries].reverse();
        if (!f.follow) {
          if (f.json) process.stdout.write(JSON.stringify(chronological, null, 2) + '\n');
          else chronological.forEach(show);
          return;
        }
        for (const d of chronological) {
          const version = `${d.outcome}/${d.attempts.length}`;
          if (seen.get(d.id) !== version) show(d);
          seen.set(d.id, version);
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    });
}
