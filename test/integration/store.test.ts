import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { createHookyard } from '../../src/index.js';
import { openStore, StoreOpenError } from '../../src/store/store.js';
import { tempDir } from '../helpers/tmp.js';

const tmp = () => tempDir('hookyard-store-');
const sdk = (h: Awaited<ReturnType<typeof createHookyard>>) => twilio(h.accountSid, h.authToken, { httpClient: h.twilioHttpClient() });

describe('the --db store', () => {
  it('keeps state across a restart', async () => {
    const db = join(tmp(), 'state.json');
    const first = await createHookyard({ db });
    const s = await sdk(first).verify.v2.services.create({ friendlyName: 'durable' });
    const w = await sdk(first).verify.v2.services(s.sid).webhooks.create({ friendlyName: 'w', eventTypes: ['*'], webhookUrl: 'http://127.0.0.1:1/' });
    await first.close();

    const second = await createHookyard({ db });
    expect((await sdk(second).verify.v2.services(s.sid).webhooks(w.sid).fetch()).friendlyName).toBe('w');
    // New rows sort after the old ones: the insertion sequence is persisted too.
    await sdk(second).verify.v2.services.create({ friendlyName: 'later' });
    expect((await sdk(second).verify.v2.services.list()).map((x) => x.friendlyName)).toEqual(['durable', 'later']);
    await second.close();
  });

  it('with --seed, a restart continues the seeded stream: no SID is minted twice, and deleting one row removes only it', async () => {
    const db = join(tmp(), 'state.json');
    const first = await createHookyard({ db, seed: 'restart' });
    const a = await sdk(first).verify.v2.services.create({ friendlyName: 'a' });
    await first.close();
    const second = await createHookyard({ db, seed: 'restart' });
    const b = await sdk(second).verify.v2.services.create({ friendlyName: 'b' });
    expect(b.sid).not.toBe(a.sid);
    expect(await sdk(second).verify.v2.services(b.sid).remove()).toBe(true);
    expect((await sdk(second).verify.v2.services.list()).map((x) => x.sid)).toEqual([a.sid]);
    await second.close();
    // The same seed on a fresh store still starts the stream at its beginning.
    const fresh = await createHookyard({ seed: 'restart' });
    expect((await sdk(fresh).verify.v2.services.create({ friendlyName: 'a' })).sid).toBe(a.sid);
    await fresh.close();
  });

  it('acknowledges a write only once it is on disk, coalescing concurrent writes', async () => {
    const db = join(tmp(), 'state.json');
    const h = await createHookyard({ db });
    const auth = { authorization: 'Basic ' + Buffer.from(`${h.accountSid}:${h.authToken}`).toString('base64') };
    const before = h.ctx.store.flushes;
    const notOnDisk: string[] = [];
    await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const res = await fetch(`${h.url}/v2/Services`, { method: 'POST', headers: auth, body: new URLSearchParams({ FriendlyName: `s${i}` }) });
        const { sid } = (await res.json()) as { sid: string };
        // Read the files the moment the response arrives: the row must already be there.
        const onDisk = readFileSync(db, 'utf8') + (existsSync(`${db}.log`) ? readFileSync(`${db}.log`, 'utf8') : '');
        if (!onDisk.includes(sid)) notOnDisk.push(sid);
      }),
    );
    expect(notOnDisk).toEqual([]);
    const flushes = h.ctx.store.flushes - before;
    expect(flushes).toBeGreaterThan(0);
    expect(flushes).toBeLessThan(100);
    await h.close();
  });

  it('refuses a corrupt or foreign file without touching it', async () => {
    const dir = tmp();
    for (const [name, text, why] of [
      ['corrupt.json', '{"hookyard":1,"tables":{', /not valid JSON/],
      ['foreign.json', '{"posts":[]}', /not a hookyard database/],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, text);
      await expect(createHookyard({ db: file })).rejects.toThrow(why);
      await expect(openStore({ file })).rejects.toBeInstanceOf(StoreOpenError);
      expect(readFileSync(file, 'utf8')).toBe(text);
    }
    await expect(openStore({ file: join(dir, 'missing-folder', 'x.json') })).rejects.toThrow(/does not exist/);
    await expect(openStore({ file: dir })).rejects.toThrow(/directory/);
  });

  it('treats an empty file as a new database', async () => {
    const file = join(tmp(), 'empty.json');
    writeFileSync(file, '');
    const store = await openStore({ file });
    expect(store.data.tables).toEqual({});
    await store.close();
  });

  it('replays the change log after a crash: creates, updates and deletes, in order', async () => {
    const db = join(tmp(), 'crash.json');
    const h = await createHookyard({ db });
    const c = sdk(h);
    const a = await c.verify.v2.services.create({ friendlyName: 'a' });
    const b = await c.verify.v2.services.create({ friendlyName: 'b' });
    await c.verify.v2.services(a.sid).update({ friendlyName: 'a2' });
    await c.verify.v2.services(b.sid).remove();
    const z = await c.verify.v2.services.create({ friendlyName: 'z' });
    const [snapshot, log] = [readFileSync(db, 'utf8'), readFileSync(`${db}.log`, 'utf8')];
    // No close(): reopen the same files as a process restarted after kill -9 would.
    const store = await openStore({ file: db });
    const rows = store.data.tables['verify.services']![h.accountSid]!.map((r) => [r.sid, (r as unknown as { friendlyName: string }).friendlyName]);
    expect(rows).toEqual([[a.sid, 'a2'], [z.sid, 'z']]);
    // Start-up read the files without rewriting either (the log is far below the compaction size).
    expect(readFileSync(`${db}.log`, 'utf8')).toBe(log);
    expect(readFileSync(db, 'utf8')).toBe(snapshot);
    // Close folds the log into the snapshot and removes it.
    await store.close();
    expect(existsSync(`${db}.log`)).toBe(false);
    expect(readFileSync(db, 'utf8')).toContain('a2');
    await h.close();
  });

  it('drops a torn last log line, refuses a damaged one in the middle, and leaves only the JSON file on close', async () => {
    const db = join(tmp(), 'torn.json');
    const h = await createHookyard({ db });
    const s = await sdk(h).verify.v2.services.create({ friendlyName: 'kept' });
    const log = readFileSync(`${db}.log`, 'utf8');
    writeFileSync(`${db}.log`, log + '{"op":"put","table":"verify.serv');
    const reopened = await openStore({ file: db });
    expect(reopened.data.tables['verify.services']![h.accountSid]!.map((r) => r.sid)).toEqual([s.sid]);
    await reopened.close();
    expect(existsSync(`${db}.log`)).toBe(false);
    expect(JSON.parse(readFileSync(db, 'utf8')).tables['verify.services'][h.accountSid][0].sid).toBe(s.sid);

    const damaged = 'garbage\n' + log;
    writeFileSync(`${db}.log`, damaged);
    const snapshot = readFileSync(db, 'utf8');
    await expect(openStore({ file: db })).rejects.toThrow(/line 1 is damaged/);
    expect(readFileSync(`${db}.log`, 'utf8')).toBe(damaged);
    expect(readFileSync(db, 'utf8')).toBe(snapshot);
    await h.close();
  });
});
