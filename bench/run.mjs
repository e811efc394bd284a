// npm run bench — hookyard (in memory and with --db) against a bare Hono server doing the same work,
// measured in the same run on the same machine; every figure is reported as a ratio to bare Hono.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { benchDb } from './db.mjs';
import { benchDeliveries, benchJournalAdd, benchJournalMemory } from './deliveries.mjs';
import { benchScale, printScale } from './scale.mjs';
import { benchSchedules, SCHEDULE_TARGETS } from './schedules.mjs';
import { benchState } from './state.mjs';
import { benchSea } from './sea.mjs';
import { AUTH, startServer } from './spawn-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const DURATION = Number(process.env.BENCH_SECONDS ?? 4);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 10);
const CONNECTIONS = 50;

// Every --db spawn gets a fresh folder; all are removed when the bench ends.
const dbDirs = [];
const tmpDb = () => join(dbDirs[dbDirs.push(mkdtempSync(join(tmpdir(), 'hookyard-bench-'))) - 1], 'db.json');
process.on('exit', () => dbDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const targets = {
  'bare Hono': () => [join(root, 'bench/bare-hono.mjs')],
  'bare Hono (--db)': () => [join(root, 'bench/bare-hono.mjs'), '--db', tmpDb()],
  'hookyard (memory)': () => [join(root, 'dist/cli/main.js'), 'serve', '--port', '0', '--print-env', '--quiet'],
  'hookyard (--db)': () => [join(root, 'dist/cli/main.js'), 'serve', '--port', '0', '--print-env', '--quiet', '--db', tmpDb()],
};

/** Spawns a server and resolves with its URL and the ms from spawn to the first 200. */
const start = async (args) => {
  const s = await startServer(args);
  return { child: s.child, url: s.url, coldMs: s.ms };
};

const stop = (child) => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM')));
const rssMiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ROUNDS = 4;
const cannon = (opts) => new Promise((resolve, reject) => autocannon({ connections: CONNECTIONS, ...opts }, (e, r) => (e ? reject(e) : resolve(r))));
const LIST = { method: 'GET', headers: { authorization: AUTH } };
const CREATE = { method: 'POST', headers: { authorization: AUTH, 'content-type': 'application/x-www-form-urlencoded' }, body: 'FriendlyName=bench' };

// The machine's speed drifts over minutes, so the four servers are measured interleaved, not one after another:
// cold starts round-robin; then all four running, each load taken in ROUNDS turns that alternate between them
// (each server's first turn after 1 s of the same requests, not counted, so the rates are a warm server's).
const names = Object.keys(targets);
const colds = Object.fromEntries(names.map((n) => [n, []]));
for (let i = 0; i < COLD_RUNS; i++)
  for (const n of names) {
    const s = await start(targets[n]());
    colds[n].push(s.coldMs);
    await stop(s.child);
  }
const servers = {};
for (const n of names) servers[n] = await start(targets[n]());
await new Promise((r) => setTimeout(r, 1000));
const idleRss = Object.fromEntries(names.map((n) => [n, rssMiB(servers[n].child.pid)]));
// Seed 20 rows so the list carries real bodies.
for (const n of names) for (let i = 0; i < 20; i++) await fetch(`${servers[n].url}/v2/Services`, { method: 'POST', headers: CREATE.headers, body: `FriendlyName=seed${i}` });
const errors = Object.fromEntries(names.map((n) => [n, 0]));
async function alternate(opts) {
  const totals = Object.fromEntries(names.map((n) => [n, { requests: 0, seconds: 0 }]));
  for (const n of names) await cannon({ url: `${servers[n].url}/v2/Services`, ...opts, duration: 1 });
  for (let round = 0; round < ROUNDS; round++)
    for (const n of round % 2 ? [...names].reverse() : names) {
      const r = await cannon({ url: `${servers[n].url}/v2/Services`, ...opts, duration: DURATION / 2 });
      totals[n].requests += r.requests.total;
      totals[n].seconds += r.duration;
      errors[n] += r.non2xx + r.errors;
    }
  return Object.fromEntries(names.map((n) => [n, totals[n].requests / totals[n].seconds]));
}
const listRps = await alternate(LIST);
const createRps = await alternate(CREATE);
for (const n of names) await stop(servers[n].child);
const results = names.map((name) => {
  if (errors[name]) process.stderr.write(`${name}: ${errors[name]} non-2xx/errors!\n`);
  return { name, coldMs: median(colds[name]), idleRss: idleRss[name], listRps: listRps[name], createRps: createRps[name], errors: errors[name] };
});
const [base, baseDb, mem, db] = results;
const ratio = (v, b) => `${(v / b).toFixed(2)}x`;
// Each hookyard is compared with the bare Hono doing the same work: in memory with in memory, --db with --db.
const rows = [
  ['target', 'cold start ms', 'idle RSS MiB', 'GET list req/s', 'POST create req/s'],
  ...results.map((r) => {
    const b = r.name.includes('--db') ? baseDb : base;
    return [
      r.name,
      `${r.coldMs.toFixed(0)} (${ratio(r.coldMs, b.coldMs)})`,
      `${r.idleRss.toFixed(1)} (${ratio(r.idleRss, b.idleRss)})`,
      `${r.listRps.toFixed(0)} (${ratio(r.listRps, b.listRps)})`,
      `${r.createRps.toFixed(0)} (${ratio(r.createRps, b.createRps)})`,
    ];
  }),
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
const line = (r) => '| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
console.log(`\n${CONNECTIONS} connections; each load ${ROUNDS} turns of ${DURATION / 2} s per server, alternating between the four (after 1 s of warm-up each); cold start = median of ${COLD_RUNS} spawns to first 200, round-robin\n`);
console.log(line(rows[0]));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const r of rows.slice(1)) console.log(line(r));
console.log('\nratios: each hookyard to the bare Hono doing the same work (memory to memory, --db to --db)');
console.log('targets: cold start <= 1.3x, idle RSS <= 1.1x, GET list and POST create >= 0.9x in memory, >= 0.7x with --db');
const checks = [
  ['cold start (memory)', mem.coldMs / base.coldMs <= 1.3],
  ['idle RSS (memory)', mem.idleRss / base.idleRss <= 1.1],
  ['GET list (memory)', mem.listRps / base.listRps >= 0.9],
  ['POST create (memory)', mem.createRps / base.createRps >= 0.9],
  ['GET list (--db)', db.listRps / baseDb.listRps >= 0.7],
  ['POST create (--db)', db.createRps / baseDb.createRps >= 0.7],
];
for (const [what, ok] of checks) console.log(`${ok ? 'meets ' : 'MISSES'} ${what}`);

// Deliveries: hookyard's engine against a bare undici loop, same run, same receiver.
const d = await benchDeliveries();
const m = await benchJournalMemory(d.sample);
const ms = (x) => x.toFixed(2).padStart(6);
console.log(`\ndeliveries (${process.env.BENCH_DELIVERIES ?? 20000} signed Verify webhooks a round, 32 in flight, journal on; latency from send to response read):`);
console.log('| target            | deliveries/s     | p50 ms | p99 ms |');
console.log('|-------------------|------------------|--------|--------|');
console.log(`| bare undici loop  | ${d.bareRate.toFixed(0).padEnd(6)} (1.00x)    | ${ms(d.bareP50)} | ${ms(d.bareP99)} |`);
console.log(`| bare send() loop  | ${d.sendRate.toFixed(0).padEnd(6)} (${(d.sendRate / d.bareRate).toFixed(2)}x)    | ${ms(d.sendP50)} | ${ms(d.sendP99)} |`);
console.log(`| hookyard engine   | ${d.hookRate.toFixed(0).padEnd(6)} (${d.ratio.toFixed(2)}x)    | ${ms(d.hookP50)} | ${ms(d.hookP99)} |`);
console.log(`hookyard engine / a bare loop over hookyard's own send() (undici dispatch): ${d.ratioToSend.toFixed(2)}x`);
console.log(`journal: 1,000,000 deliveries → RSS +${m.growthMiB.toFixed(1)} MiB (kept ${m.kept}, evicted ${m.evicted})`);
const ja = benchJournalAdd(d.sample);
console.log(`journal write, journal full at 1,000 / 100,000 records: ${ja.smallUs.toFixed(2)} / ${ja.largeUs.toFixed(2)} µs (${(ja.largeUs / ja.smallUs).toFixed(2)}x)`);
console.log('targets: deliveries >= 0.8x the bare undici loop, p99 <= 10 ms at 32 in flight, 1M journaled deliveries <= +50 MiB RSS');
for (const [what, ok] of [
  ['deliveries/s', d.ratio >= 0.8],
  ['p99 latency', d.hookP99 <= 10],
  ['journal memory', m.growthMiB <= 50],
]) console.log(`${ok ? 'meets ' : 'MISSES'} ${what}`);
if (d.failed > 0) console.log(`WARNING: ${d.failed} deliveries failed`);

printScale(await benchScale());

const sc = await benchSchedules();
const f = (x) => x.toFixed(1);
console.log(`\nschedules: ${sc.schedules} every-1s schedules × ${sc.ticksPlanned / sc.schedules} ticks, created in one burst (${f(sc.burstMs)} ms), real clock, each tick a delivered event:`);
console.log(`tick start against its grid time: p50 ${f(sc.lateP50Ms)} ms, p99 ${f(sc.lateP99Ms)} ms, max ${f(sc.lateMaxMs)} ms (first tick p99 ${f(sc.firstTickLateP99Ms)} ms); last tick's drift p50 ${f(sc.lastDriftP50Ms)} / p99 ${f(sc.lastDriftP99Ms)} ms; missed ${sc.missed}; ticks run ${sc.ticksRun}/${sc.ticksPlanned}`);
console.log(`event built after its grid time: p50 ${f(sc.eventLateP50Ms)} ms, p99 ${f(sc.eventLateP99Ms)} ms; delivery completed: p50 ${f(sc.deliveryLagP50Ms)} ms, p99 ${f(sc.deliveryLagP99Ms)} ms, max ${f(sc.deliveryLagMaxMs)} ms; ${sc.delivered} delivered`);
console.log(`targets: tick lateness p99 <= ${SCHEDULE_TARGETS.lateP99Ms} ms, last-tick drift <= ${SCHEDULE_TARGETS.lastDriftP99Ms} ms, ${SCHEDULE_TARGETS.missed} missed`);
for (const [what, ok] of [
  ['tick lateness p99', sc.lateP99Ms <= SCHEDULE_TARGETS.lateP99Ms],
  ["last tick's drift", sc.lastDriftP99Ms <= SCHEDULE_TARGETS.lastDriftP99Ms],
  ['missed ticks', sc.missed <= SCHEDULE_TARGETS.missed],
]) console.log(`${ok ? 'meets ' : 'MISSES'} ${what}`);

const dbr = await benchDb();
console.log(`\n--db at ${dbr.rows.toLocaleString('en')} rows (${f(dbr.fileMiB)} MiB file): start-up ${dbr.startupMs.toFixed(0)} ms (median), RSS above an idle empty-db server ${f(dbr.rssAboveIdleMiB)} MiB (${dbr.rssRatio.toFixed(2)}x the file)`);
console.log(`${dbr.creates} acknowledged creates (${dbr.createsPerSec.toFixed(0)}/s) across ${dbr.compactions} compactions: slowest ${f(dbr.slowestCreateMs)} ms, p99 ${f(dbr.p99CreateMs)} ms; slowest GET /_hookyard/health meanwhile ${f(dbr.slowestHealthMs)} ms; the disk alone (append + fdatasync): slowest ${f(dbr.slowestFsyncMs)} ms, p99 ${f(dbr.p99FsyncMs)} ms${dbr.errors ? `; ${dbr.errors} errors!` : ''}`);
console.log('targets: slowest acknowledged create <= 50 ms, start-up <= 1 s, RSS above idle <= 3x the file');
for (const [what, ok] of [
  ['slowest acknowledged create', dbr.slowestCreateMs <= 50],
  ['start-up', dbr.startupMs <= 1000],
  ['RSS above idle', dbr.rssRatio <= 3],
]) console.log(`${ok ? 'meets ' : 'MISSES'} ${what}`);

const st = await benchState();
console.log(`\nstate: ${st.rows} rows — hook.snapshot() ${st.snapshotMs.toFixed(2)} ms, hook.restore() ${st.restoreMs.toFixed(2)} ms (medians of 50)`);
console.log(`${st.restoreMs < 10 ? 'meets ' : 'MISSES'} restore of 1,000 rows < 10 ms`);

const se = await benchSea(Number(process.env.BENCH_COLD_RUNS ?? 8));
if (se) console.log(`\nsingle executable (npm run sea): cold start ${se.seaMs.toFixed(0)} ms vs node dist/cli/main.js ${se.nodeMs.toFixed(0)} ms (${(se.seaMs / se.nodeMs).toFixed(2)}x)`);
