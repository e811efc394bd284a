import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, waitForLines } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

type State = { exists: boolean; v: number };

/**
 * `kill -9` under concurrent write load, several times over one `--db` file: map items deleted and
 * re-created under the same key (their SIDs are reused), updated and deleted, and services created and
 * deleted. Every write that was acknowledged must be there after each restart, and nothing deleted may
 * come back; a write still in flight at the kill may land either way.
 */
describe('kill -9 with --db', () => {
  it('keeps every acknowledged write across repeated kills, natural keys re-created included', async () => {
    const db = join(tempDir('hookyard-kill-'), 'state.json');
    const start = async () => {
      const r = runCli(['serve', '--port', '0', '--print-env', '--db', db, '--seed', 'kill9', '-q']);
      const env = Object.fromEntries((await waitForLines(r, 6)).map((l) => l.split('=', 2) as [string, string]));
      return { r, url: env['HOOKYARD_URL']!, headers: { authorization: 'Basic ' + Buffer.from(`${env['TWILIO_ACCOUNT_SID']}:${env['TWILIO_AUTH_TOKEN']}`).toString('base64'), 'content-type': 'application/x-www-form-urlencoded' } };
    };
    let s = await start();
    const call = (method: string, path: string, body?: string) => fetch(s.url + path, { method, headers: s.headers, ...(body ? { body } : {}) });
    const is = ((await (await call('POST', '/v1/Services', 'FriendlyName=kill')).json()) as { sid: string }).sid;
    const mp = ((await (await call('POST', `/v1/Services/${is}/Maps`, 'UniqueName=m')).json()) as { sid: string }).sid;
    const KEYS = Array.from({ length: 8 }, (_, i) => `k${i}`);
    const known = new Map<string, State>(KEYS.map((k) => [k, { exists: false, v: 0 }]));
    const maybe = new Map<string, State>();
    const services = new Map<string, boolean>(); // sid → exists (acknowledged)
    const servicesMaybe = new Set<string>();

    for (let round = 0; round < 4; round++) {
      let alive = true;
      const killer = new Promise<void>((resolve) => setTimeout(() => {
        alive = false;
        s.r.child.kill('SIGKILL');
        resolve();
      }, 250 + round * 60));
      const workKey = async (k: string, n: number) => {
        for (let step = 0; alive; step++) {
          const cur = known.get(k)!;
          const next: State = cur.exists ? (step % 3 === 0 ? { exists: false, v: cur.v } : { exists: true, v: cur.v + 1 }) : { exists: true, v: cur.v + 1 };
          maybe.set(k, next);
          try {
            const res = !next.exists
              ? await call('DELETE', `/v1/Services/${is}/Maps/${mp}/Items/${k}`)
              : cur.exists
                ? await call('POST', `/v1/Services/${is}/Maps/${mp}/Items/${k}`, `Data=${encodeURIComponent(JSON.stringify({ v: next.v, n }))}`)
                : await call('POST', `/v1/Services/${is}/Maps/${mp}/Items`, `Key=${k}&Data=${encodeURIComponent(JSON.stringify({ v: next.v, n }))}`);
            if (res.status >= 300) throw new Error(`${k}: ${res.status} ${await res.text()}`);
            known.set(k, next);
            maybe.delete(k);
          } catch (err) {
            if (alive) throw err;
            return; // in flight at the kill: either state may have landed
          }
        }
      };
      const workServices = async () => {
        while (alive) {
          try {
            const live = [...services].filter(([sid, e]) => e && !servicesMaybe.has(sid)).map(([sid]) => sid);
            if (live.length > 3) {
              const sid = live[0]!;
              servicesMaybe.add(sid);
              const res = await call('DELETE', `/v2/Services/${sid}`);
              if (res.status !== 204) throw new Error(`delete ${sid}: ${res.status}`);
              services.set(sid, false);
              servicesMaybe.delete(sid);
            } else {
              const res = await call('POST', '/v2/Services', 'FriendlyName=svc');
              const { sid } = (await res.json()) as { sid: string };
              services.set(sid, true);
            }
          } catch (err) {
            if (alive) throw err;
            return;
          }
        }
      };
      await Promise.all([...KEYS.map((k, n) => workKey(k, n)), workServices(), workServices(), killer]);
      await s.r.exited;

      s = await start();
      for (const k of KEYS) {
        const res = await call('GET', `/v1/Services/${is}/Maps/${mp}/Items/${k}`);
        const got: State = res.status === 200 ? { exists: true, v: ((await res.json()) as { data: { v: number } }).data.v } : { exists: false, v: -1 };
        const want = known.get(k)!;
        const acceptable = [want, ...(maybe.has(k) ? [maybe.get(k)!] : [])];
        expect(acceptable.some((a) => a.exists === got.exists && (!a.exists || a.v === got.v)), `round ${round} ${k}: got ${JSON.stringify(got)}, acknowledged ${JSON.stringify(want)}, in flight ${JSON.stringify(maybe.get(k))}`).toBe(true);
        if (maybe.has(k)) {
          known.set(k, got.exists ? { exists: true, v: got.v } : { exists: false, v: acceptable.find((a) => !a.exists)!.v });
          maybe.delete(k);
        }
      }
      const listed = new Set(((await (await call('GET', '/v2/Services?PageSize=1000')).json()) as { services: { sid: string }[] }).services.map((x) => x.sid));
      for (const [sid, exists] of services) {
        if (servicesMaybe.has(sid)) continue;
        expect(listed.has(sid), `round ${round}: service ${sid} ${exists ? 'acknowledged' : 'deleted'}`).toBe(exists);
      }
      // Services whose delete was in flight: whatever the store says is now the truth.
      for (const sid of servicesMaybe) services.set(sid, listed.has(sid));
      servicesMaybe.clear();
      // A restart with the same seed continues the stream: no SID is handed out twice.
      expect(listed.size).toBe(((await (await call('GET', '/v2/Services?PageSize=1000')).json()) as { services: unknown[] }).services.length);
    }
    s.r.child.kill('SIGTERM');
    expect(await s.r.exited).toBe(0);
  }, 60_000);
});
