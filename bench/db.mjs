// --db at 100,000 rows: start-up time, memory above an idle empty-db server, and the slowest acknowledged
// create while the change log is compacted (several times) under concurrent load.
// Standalone: `npm run build && node bench/db.mjs` (BENCH_DB_CLI=<path to dist/cli/main.js> measures another build).
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHookyard } from '../dist/index.js';
import { writeSnapshot } from '../dist/store/snapshot.js';
import { startServer } from './spawn-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const ACCOUNT = 'AC00000000000000000000000000000000';
const AUTH = 'Basic ' + Buffer.from(`${ACCOUNT}:hookyard_auth_token`).toString('base64');
const FORM = { authorization: AUTH, 'content-type': 'application/x-www-form-urlencoded' };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const rssMiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const hex = (n, width) => n.toString(16).padStart(width, '0');

/**
 * 100k realistic rows in one account: Verify services and their webhooks, as the API makes them (a few made
 * through the app, the rest cloned with fresh SIDs), written with the store's own snapshot writer.
 */
export async function buildDb(file, rows) {
  const hook = await createHookyard({ seed: 'bench-db' });
  const post = async (path, body) => (await hook.app.fetch(new Request(`http://localhost${path}`, { method: 'POST', headers: FORM, body: new URLSearchParams(body) }))).json();
  const service = await post('/v2/Services', { FriendlyName: 'bench service', CodeLength: '8' });
  const webhook = await post(`/v2/Services/${service.sid}/Webhooks`, { FriendlyName: 'bench hook', EventTypes: '*', WebhookUrl: 'https://hooks.example.com/verify/events' });
  const tables = structuredClone(hook.ctx.store.data.tables);
  await hook.close();
  const svc = tables['verify.services'][ACCOUNT][0];
  const hk = tables['verify.webhooks'][ACCOUNT][0];
  const services = Math.round(rows / 100);
  let seq = 0;
  const serviceRows = Array.from({ length: services }, (_, i) => ({ ...structuredClone(svc), sid: `VA${hex(i, 32)}`, friendlyName: `bench service ${i}`, _seq: ++seq }));
  const webhookRows = Array.from({ length: rows - services }, (_, i) => {
    const s = serviceRows[i % services].sid;
    return { ...structuredClone(hk), sid: `YW${hex(i, 32)}`, serviceSid: s, friendlyName: `hook ${i}`, webhookUrl: `https://hooks.example.com/verify/${i}`, url: hk.url?.replace(svc.sid, s).replace(hk.sid, `YW${hex(i, 32)}`), _seq: ++seq };
  });
  const data = { hookyard: 1, seq, tables: { 'verify.services': { [ACCOUNT]: serviceRows }, 'verify.webhooks': { [ACCOUNT]: webhookRows } } };
  let text = '';
  await writeSnapshot(data, 0, async (t) => void (text += t));
  writeFileSync(file, text);
}

/** Spawns the real CLI on `db` and resolves with the ms from spawn to the first 200 on the service list. */
const start = (cli, db) => startServer([cli, 'serve', '--port', '0', '--print-env', '--quiet', '--db', db]);

const stop = async (s) => {
  s.child.kill('SIGTERM');
  await s.exited;
};

const CONCURRENCY = 20;

export async function benchDb({ rows = 100_000, startups = 3, concurrency = CONCURRENCY, compactions = 3, maxCreates = 40_000, cli = process.env.BENCH_DB_CLI ?? join(root, 'dist/cli/main.js') } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'hookyard-bench-db-'));
  try {
    const master = join(dir, 'master.json');
    await buildDb(master, rows);
    const fileMiB = statSync(master).size / 2 ** 20;
    const db = join(dir, 'db.json');

    // Idle RSS of the same server on an empty database.
    const empty = await start(cli, join(dir, 'empty.json'));
    await new Promise((r) => setTimeout(r, 1000));
    const emptyRss = rssMiB(empty.child.pid);
    await stop(empty);

    const startMs = [];
    for (let i = 0; i < startups; i++) {
      copyFileSync(master, db);
      rmSync(`${db}.log`, { force: true });
      const s = await start(cli, db);
      startMs.push(s.ms);
      await stop(s);
    }

    copyFileSync(master, db);
    const s = await start(cli, db);
    await new Promise((r) => setTimeout(r, 1000));
    const rss = rssMiB(s.child.pid);

    // Concurrent creates until the log has been compacted `compactions` times (each past 4 MiB of log), after
    // a warm-up (the first requests of a fresh process pay for JIT compilation, whatever the store).
    const create = async () => {
      const t = performance.now();
      const res = await fetch(`${s.url}/v2/Services`, { method: 'POST', headers: FORM, body: 'FriendlyName=x' });
      await res.arrayBuffer();
      return { ok: res.status === 201, ms: performance.now() - t };
    };
    for (let i = 0; i < 10; i++) await Promise.all(Array.from({ length: concurrency }, create));
    // A compaction replaces the snapshot file (a new inode) whatever the version: count those.
    let inode = statSync(db).ino;
    let compactionsSeen = 0;
    const watch = setInterval(() => {
      const ino = statSync(db, { throwIfNoEntry: false })?.ino;
      if (ino !== undefined && ino !== inode) (inode = ino), compactionsSeen++;
    }, 10);
    const latencies = [];
    let errors = 0;
    let done = false;
    // The disk's own floor, measured alongside: one small append + fdatasync at a time, next to the database.
    const fsyncMs = [];
    const probe = (async () => {
      const fh = await open(join(dir, 'probe.log'), 'a');
      while (!done) {
        const t = performance.now();
        await fh.appendFile('x'.repeat(500) + '\n');
        await fh.datasync();
        fsyncMs.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 5));
      }
      await fh.close();
    })();
    // The event loop's own pauses, seen from a request that never waits for the disk.
    const healthMs = [];
    const health = (async () => {
      while (!done) {
        const t = performance.now();
        const res = await fetch(`${s.url}/_hookyard/health`);
        await res.arrayBuffer();
        healthMs.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const t0 = performance.now();
    const worker = async () => {
      while (!done && latencies.length < maxCreates) {
        const r = await create();
        if (!r.ok) errors++;
        latencies.push(r.ms);
        if (compactionsSeen >= compactions) done = true;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    done = true;
    await Promise.all([probe, health]);
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(watch);
    await stop(s);
    return {
      rows,
      fileMiB,
      startupMs: median(startMs),
      rssAboveIdleMiB: rss - emptyRss,
      rssRatio: (rss - emptyRss) / fileMiB,
      creates: latencies.length,
      createsPerSec: latencies.length / seconds,
      slowestCreateMs: Math.max(...latencies),
      p99CreateMs: pct(latencies, 99),
      slowestHealthMs: Math.max(...healthMs),
      slowestFsyncMs: Math.max(...fsyncMs),
      p99FsyncMs: pct(fsyncMs, 99),
      compactions: compactionsSeen,
      errors,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await benchDb();
  const rows = [
    ['figure', 'value', 'target'],
    ['rows / file', `${r.rows} / ${r.fileMiB.toFixed(1)} MiB`, ''],
    ['start-up (spawn → first 200, median)', `${r.startupMs.toFixed(0)} ms`, '<= 1000 ms'],
    ['RSS above idle empty-db server', `${r.rssAboveIdleMiB.toFixed(1)} MiB (${r.rssRatio.toFixed(2)}x the file)`, '<= 3x the file'],
    [`creates (c=${CONCURRENCY})`, `${r.creates} at ${r.createsPerSec.toFixed(0)}/s, ${r.compactions} compactions, ${r.errors} errors`, '>= 2 compactions'],
    ['slowest acknowledged create', `${r.slowestCreateMs.toFixed(1)} ms`, '<= 50 ms'],
    ['p99 acknowledged create', `${r.p99CreateMs.toFixed(1)} ms`, ''],
    ['slowest GET /_hookyard/health meanwhile (no disk)', `${r.slowestHealthMs.toFixed(1)} ms`, '(event-loop pauses)'],
    ['disk floor: append + fdatasync alone, slowest / p99', `${r.slowestFsyncMs.toFixed(1)} / ${r.p99FsyncMs.toFixed(1)} ms`, '(a create waits for up to 2)'],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((x) => x[i].length)));
  const line = (x) => '| ' + x.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  console.log(line(rows[0]));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const x of rows.slice(1)) console.log(line(x));
  for (const [what, ok] of [
    ['start-up <= 1 s', r.startupMs <= 1000],
    ['RSS above idle <= 3x the file', r.rssRatio <= 3],
    ['slowest acknowledged create <= 50 ms', r.slowestCreateMs <= 50],
    ['compactions seen >= 2', r.compactions >= 2],
  ]) console.log(`${ok ? 'meets ' : 'MISSES'} ${what}`);
}
