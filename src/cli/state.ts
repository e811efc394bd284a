import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { adminCall, clientCommand, expectOk } from './admin-client.js';

interface Flags {
  url?: string;
  secrets?: boolean;
  clearJournal?: boolean;
}

/** `hookyard state export|import`: a running hookyard's whole state as one JSON document, and back. */
export function registerState(program: Command): void {
  const state = program.command('state').description('export or import all emulated state (GET / PUT /_hookyard/state)');
  state
    .command('export')
    .description('print the state as JSON (secrets redacted unless --secrets)')
    .option('--url <url>', 'the running hookyard (default: $HOOKYARD_URL)')
    .option('--secrets', 'include webhook secrets, TOTP seeds and simulated device keys')
    .action((f: Flags) =>
      clientCommand(f.url, async (base) => {
        const doc = expectOk(await adminCall<object>(base, `/state?secrets=${f.secrets === true}`), 'exporting the state');
        process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
      }),
    );
  state
    .command('import <file>')
    .description('replace all state with a document from hookyard state export (a bad one changes nothing)')
    .option('--url <url>', 'the running hookyard (default: $HOOKYARD_URL)')
    .option('--clear-journal', 'forget the delivery and request journals too')
    .action((file: string, f: Flags) =>
      clientCommand(f.url, async (base) => {
        let doc: unknown;
        try {
          doc = JSON.parse(readFileSync(file, 'utf8'));
        } catch (err) {
          process.stderr.write(`hookyard: cannot read ${file}: ${(err as Error).message.split('\n')[0]}\n`);
          return void (process.exitCode = 2);
        }
        const r = expectOk(await adminCall<{ rows: number }>(base, `/state${f.clearJournal ? '?clearJournal=true' : ''}`, { method: 'PUT', body: doc }), 'importing the state');
        process.stdout.write(`imported ${r.rows} row${r.rows === 1 ? '' : 's'} from ${file}\n`);
      }),
    );
}
