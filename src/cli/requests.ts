import type { Command } from 'commander';
import type { RequestRecord } from '../requests/journal.js';
import { clientCommand, printJournal, queryOf } from './admin-client.js';

interface Flags {
  url?: string;
  json?: boolean;
  follow?: boolean;
  operation?: string;
  provider?: string;
  method?: string;
  path?: string;
  status?: string;
  since?: string;
  param: string[];
}

const collect = (v: string, acc: string[]) => [...acc, v];

const requestLine = (r: RequestRecord) => {
  const params = Object.entries(r.params)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  const error = r.error?.code !== undefined ? ` (${r.error.code}${r.error.message ? ` ${r.error.message}` : ''})` : '';
  return `${r.at} ${r.id} ${r.operation ?? '-'} ${r.method} ${r.path} ${r.status}${error}${params ? `  ${params}` : ''}`;
};

/** `hookyard requests`: the calls made to a running hookyard's fake APIs, as `GET /_hookyard/requests` has them. */
export function registerRequests(program: Command): void {
  program
    .command('requests')
    .description('show the calls made to the fake APIs of a running hookyard (--url / HOOKYARD_URL)')
    .option('--url <url>', 'the running hookyard (default: $HOOKYARD_URL)')
    .option('--operation <operationId>', 'e.g. CreateVerification')
    .option('--provider <name>', 'e.g. twilio.verify')
    .option('--method <method>')
    .option('--path <path>', 'the exact path, or a prefix ending in / or *')
    .option('--status <status>', 'a code (201) or a class (4xx)')
    .option('--since <iso>')
    .option('--param <Name=value>', 'a parameter the call carried (repeatable)', collect, [])
    .option('--follow', 'keep printing new calls (and wait out a server restart)')
    .option('--json', 'print JSON (with --follow: one JSON record per line)')
    .action((f: Flags) =>
      clientCommand(f.url, async (base) => {
        const q = queryOf(f, ['operation', 'provider', 'method', 'path', 'status', 'since']);
        for (const p of f.param) {
          const eq = p.indexOf('=');
          if (eq <= 0) {
            process.stderr.write(`hookyard: --param wants Name=value; got '${p}'\n`);
            return void (process.exitCode = 2);
          }
          q.set(`param.${p.slice(0, eq)}`, p.slice(eq + 1));
        }
        await printJournal({ base, path: `/requests?${q}`, key: 'requests', json: f.json, follow: f.follow, line: requestLine, version: () => '' });
      }),
    );
}
