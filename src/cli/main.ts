#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { closest } from 'fastest-levenshtein';
import { UsageError } from '../scenarios/overrides.js';
import { VERSION } from '../version.js';
import { registerDeliveries } from './deliveries.js';
import { registerEvents } from './events.js';
import { registerRequests } from './requests.js';
import { registerScenario } from './scenario.js';
import { registerServe } from './serve.js';
import { registerState } from './state.js';
import { registerCa } from './ca.js';
import { registerTrigger } from './trigger.js';
import { registerVerify } from './verify.js';

const program = new Command('hookyard')
  .version(VERSION)
  .description('Local emulator for Twilio (Verify, Event Streams, Sync) and Sinch webhooks')
  .showSuggestionAfterError()
  .exitOverride();
registerServe(program);
registerEvents(program);
registerTrigger(program);
registerScenario(program);
registerDeliveries(program);
registerRequests(program);
registerVerify(program);
registerState(program);
registerCa(program);

// A closed stdout (`hookyard events | head -1`) ends the command quietly, with status 0.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

// `serve` is the default command, so a mistyped command would read as serve's argument: name it instead.
const first = process.argv[2];
const commands = program.commands.map((c) => c.name());
if (first !== undefined && !first.startsWith('-') && !commands.includes(first) && first !== 'help') {
  process.stderr.write(`hookyard: unknown command '${first}'; did you mean ${closest(first, commands)}? (hookyard --help lists them)\n`);
  process.exit(2);
}

let finished = false;
// Nothing may end with work still pending and status 0: if the event loop drains while a command's action has
// not settled (a wait with nothing to keep the process alive), say so and fail.
process.on('beforeExit', () => {
  if (finished) return;
  finished = true;
  process.stderr.write('hookyard: the command stopped before its work was done\n');
  process.exitCode = 1;
});

program
  .parseAsync()
  .then(() => (finished = true))
  .catch((err: unknown) => {
    finished = true;
    // Bad input is exit 2 (commander has printed its one line; --help and --version are 0); anything else 1.
    if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
    process.stderr.write(`hookyard: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  });
