// Cost against stored data: the list page and the emit with 1k and with 100k rows stored, in one run.
// - list: GET one page (50) of a service's webhooks while that service holds N webhooks (a child server, c50),
//   and walking every page of it through next_page_url; and one page of a Sync Map of N items, newest key first;
// - emit: signed Verify deliveries/s to a receiver while the account holds N other webhooks in other services.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createHookyard } from '../dist/index.js';
import { AUTH, createService, seedWebhooks } from './scale-seed.mjs';
import { startReceiver } from './receiver-process.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const EMITS = Number(process.env.BENCH_SCALE_EMITS ?? 5000);

async function listRate(rows) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./scale-server.mjs', import.meta.url))], { env: { ...process.env, ROWS: String(rows) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const [, url, service, mapItems] = await new Promise((resolve) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /HOOKYARD_URL=(\S+) SERVICE=(\S+) MAP_ITEMS=(\S+)/.exec(out);
      if (m) resolve(m);
    });
  });
  const authorization = 'Basic ' + Buffer.from('AC00000000000000000000000000000000:hookyard_auth_token').toString('base64');
  try {
    const r = await new Promise((resolve, reject) =>
      autocannon({ url: `${url}/v2/Services/${service}/Webhooks`, headers: { authorization }, connections: 50, duration: SECONDS }, (e, res) => (e ? reject(e) : resolve(res))),
    );
    // Walk every page through next_page_url, as an SDK's list() does.
    const t0 = performance.now();
    let pages = 0;
    for (let next = `${url}/v2/Services/${service}/Webhooks?PageSize=50`; next; pages++) {
      const page = await (await fetch(next, { headers: { authorization } })).json();
      next = page.meta.next_page_url;
    }
    const walkMs = performance.now() - t0;
    // A Sync Map's items read newest key first (the order that had to sort every item per page). Its key-order
    // index is built on the first read (one sort), which is not what a page costs: read once before measuring.
    await (await fetch(`${url}${mapItems}?Order=desc`, { headers: { authorization } })).arrayBuffer();
    const m = await new Promise((resolve, reject) =>
      autocannon({ url: `${url}${mapItems}?Order=desc&PageSize=50`, headers: { authorization }, connections: 50, duration: SECONDS }, (e, res) => (e ? reject(e) : resolve(res))),
    );
    return { rps: r.requests.average, p99: r.latency.p99, errors: r.non2xx + r.errors + m.non2xx + m.errors, walkMs, pages, mapRps: m.requests.average };
  } finally {
    child.kill('SIGTERM');
  }
}

async function emitRate(otherRows, receiverUrl) {
  const hook = await createHookyard({ log: 'error', retry: { 'twilio.verify': 'none' } });
  try {
    for (let s = 0; s < Math.max(1, otherRows / 100); s++) seedWebhooks(hook, await createService(hook, `other${s}`), Math.min(100, otherRows - s * 100));
    const target = await createService(hook, 'target');
    await hook.app.fetch(new Request(`${hook.url}/v2/Services/${target}/Webhooks`, {
      method: 'POST', headers: { authorization: AUTH(hook), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ FriendlyName: 'bench', EventTypes: 'factor.created', WebhookUrl: `${receiverUrl}/hook` }).toString(),
    }));
    const { event } = await hook.emit({ type: 'factor.created', serviceSid: target, wait: true });
    let started = 0;
    let failed = 0;
    const one = () => hook.ctx.emitter.emit(event).done.then((records) => void (failed += records.length === 1 && records[0].outcome === 'delivered' ? 0 : 1));
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 32 }, async () => {
      while (started++ < EMITS) await one();
    }));
    return { rate: EMITS / ((performance.now() - t0) / 1000), failed };
  } finally {
    await hook.close();
  }
}

export async function benchScale(small = 1000, large = 100_000) {
  const receiver = await startReceiver();
  try {
    // Two rounds, alternating sizes, averaged: the machine is noisy and a trend would favour one size.
    const rounds = [];
    for (let i = 0; i < 2; i++) rounds.push({ list: { small: await listRate(small), large: await listRate(large) }, emit: { small: await emitRate(small, receiver.url), large: await emitRate(large, receiver.url) } });
    const avg = (pick) => {
      const xs = rounds.map(pick);
      return Object.fromEntries(Object.keys(xs[0]).map((k) => [k, xs.reduce((n, x) => n + x[k], 0) / xs.length]));
    };
    return { small, large, list: { small: avg((r) => r.list.small), large: avg((r) => r.list.large) }, emit: { small: avg((r) => r.emit.small), large: avg((r) => r.emit.large) } };
  } finally {
    receiver.stop();
  }
}

export function printScale(s) {
  const k = (n) => `${n / 1000}k`;
  console.log(`\nstored rows (${k(s.small)} vs ${k(s.large)} Verify webhooks in the account; ratios = ${k(s.large)} / ${k(s.small)}):`);
  console.log(`| what                                   | ${k(s.small).padEnd(14)} | ${k(s.large).padEnd(14)} | ratio |`);
  console.log('|----------------------------------------|----------------|----------------|-------|');
  const row = (what, a, b, unit, higherIsBetter = true) => console.log(`| ${what.padEnd(38)} | ${`${a.toFixed(a < 10 ? 2 : 0)} ${unit}`.padEnd(14)} | ${`${b.toFixed(b < 10 ? 2 : 0)} ${unit}`.padEnd(14)} | ${(higherIsBetter ? b / a : a / b).toFixed(2)}x |`);
  row('GET a page of the service (c50)', s.list.small.rps, s.list.large.rps, 'req/s');
  row('  p99', s.list.small.p99, s.list.large.p99, 'ms', false);
  row(`walk every page: ms per page (${s.list.small.pages} / ${s.list.large.pages})`, s.list.small.walkMs / s.list.small.pages, s.list.large.walkMs / s.list.large.pages, 'ms', false);
  row('GET a Sync Map page, Order=desc (c50)', s.list.small.mapRps, s.list.large.mapRps, 'req/s');
  row('emit → signed delivery (32 in flight)', s.emit.small.rate, s.emit.large.rate, '/s');
  const errors = s.list.small.errors + s.list.large.errors + s.emit.small.failed + s.emit.large.failed;
  if (errors) console.log(`WARNING: ${errors} errors or failed deliveries`);
  console.log(`targets: list page and emit at ${k(s.large)} rows >= 0.8x their rate at ${k(s.small)}`);
  console.log(`${s.list.large.rps / s.list.small.rps >= 0.8 ? 'meets ' : 'MISSES'} list page at ${k(s.large)} rows`);
  console.log(`${s.list.large.mapRps / s.list.small.mapRps >= 0.8 ? 'meets ' : 'MISSES'} Sync Map page at ${k(s.large)} items`);
  console.log(`${s.emit.large.rate / s.emit.small.rate >= 0.8 ? 'meets ' : 'MISSES'} emit at ${k(s.large)} rows`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) printScale(await benchScale());
