// A hookyard whose account holds ROWS Verify webhooks, all in one service (the page the bench reads), and a Sync
// Map of ROWS items.
import { createHookyard } from '../dist/index.js';
import { createService, seedMapItems, seedWebhooks } from './scale-seed.mjs';

const hook = await createHookyard({ log: 'error' });
const sid = await createService(hook, 'big');
seedWebhooks(hook, sid, Number(process.env.ROWS));
const mapItems = await seedMapItems(hook, Number(process.env.ROWS));
process.stdout.write(`HOOKYARD_URL=${hook.url} SERVICE=${sid} MAP_ITEMS=${mapItems}\n`);
process.on('SIGTERM', () => void hook.close().then(() => process.exit(0)));
