#!/usr/bin/env node
import { Command } from 'commander';
import { VERSION } from '../version.js';
import { registerDeliveries } from './deliveries.js';
import { registerEvents } from './events.js';
import { registerScenario } from './scenario.js';
import { registerServe } from './serve.js';
import { registerTrigger } from './trigger.js';
import { registerVerify } from './verify.js';

const program = new Command('hookyard')
  .version(VERSION)
  .description('Local emulator for Twilio (Verify, Event Streams, Sync) and Sinch webhooks')
  .showSuggestionAfterError();
registerServe(program);
registerEvents(program);
registerTrigger(program);
registerScenario(program);
registerDeliveries(program);
registerVerify(program);

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
    process.stderr.write(`hookyard: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
