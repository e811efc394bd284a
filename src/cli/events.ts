import type { Command } from 'commander';
import { PROVIDERS } from '../providers/index.js';
import { buildCatalog } from '../scenarios/catalog.js';

/** `hookyard events [--provider p] [--json]`: the event catalogue. */
export function registerEvents(program: Command): void {
  program
    .command('events')
    .description('list every event hookyard can produce')
    .option('--provider <name>', 'only this provider (verify, events, sync, provisioning, twilio, sinch …)')
    .option('--json', 'print JSON')
    .action((opts: { provider?: string; json?: boolean }) => {
      const all = buildCatalog(PROVIDERS);
      const p = opts.provider?.toLowerCase();
      const entries = p === undefined ? all : all.filter((e) => e.provider === p || e.provider.split('.').includes(p));
      if (entries.length === 0) {
        process.stderr.write(`hookyard: no provider '${opts.provider}'; one of ${PROVIDERS.map((x) => x.name).join(', ')}\n`);
        process.exit(1);
      }
      if (opts.json) return void process.stdout.write(JSON.stringify(entries, null, 2) + '\n');
      const width = Math.max(...entries.map((e) => e.name.length));
      for (const e of entries) process.stdout.write(`${e.name.padEnd(width)}  ${e.description}\n`);
      process.stdout.write(`\n${entries.length} events. Needs: see --json ("requires"). Example: ${entries[0]!.example}\n`);
    });
}
