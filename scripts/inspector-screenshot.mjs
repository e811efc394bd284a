// Makes docs/inspector.png, the README's screenshot: a seeded hookyard with deliveries from every provider
// (one failing), one of them open. Needs the build (npm run build) and Debian's chromium.
//   node scripts/inspector-screenshot.mjs [out.png]
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { createHookyard } from '../dist/index.js';

const out = process.argv[2] ?? new URL('../docs/inspector.png', import.meta.url).pathname;
const app = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(req.url.includes('orders') ? 503 : 204).end());
});
await new Promise((r) => app.listen(3000, '127.0.0.1', r));
const hook = await createHookyard({ seed: 'docs', port: 7373, log: 'silent' });
const post = (path, body) => fetch(`${hook.url}/_hookyard${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
for (const [event, path] of [
  ['verify.factor.created', '/twilio/verify'],
  ['verify.challenge.approved', '/twilio/verify'],
  ['com.twilio.messaging.message.delivered', '/twilio/events'],
  ['sync.document_updated', '/orders/sync'],
  ['sinch.whatsapp_template_approved', '/sinch'],
  ['verify.factor.verified', '/twilio/verify'],
]) await post('/trigger', { event, webhookUrl: `http://127.0.0.1:3000${path}` });
const open = hook.deliveries({ type: 'challenge.approved' })[0].id;
const executablePath = execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto(`${hook.url}/_hookyard/ui?view=deliveries&id=${open}`);
await page.waitForSelector('.verdict');
await page.waitForSelector('#live.on');
await page.screenshot({ path: out });
await browser.close();
await hook.close();
app.close();
console.log(`wrote ${out}`);
