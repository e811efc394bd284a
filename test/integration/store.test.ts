import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { createHookyard } from '../../src/index.js';
import { openStore, StoreOpenError } from '../../src/store/store.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'hookyard-store-'));
const sdk = (h: Awaited<ReturnType<typeof createHookyard>>) => twilio(h.accountSid, h.authToken, { httpClient: h.twilioHttpClient() as never });

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
        // Read the file the moment the response arrives: the row must already be there.
        if (!readFileSync(db, 'utf8').includes(sid)) notOnDisk.push(sid);
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
});
