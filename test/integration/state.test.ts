import { validateWebhookSignature } from '@sinch/sdk-core';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Hookyard } from '../../src/index.js';
import { parseStateDocument } from '../../src/state/document.js';
import { HookyardError } from '../../src/core/errors.js';
import { runCli, waitForLines } from '../helpers/cli.js';
import { startReceiver } from '../helpers/receiver.js';
import { useHookyards } from '../helpers/suite.js';
import { sdk } from '../helpers/twilio.js';
import { tempDir } from '../helpers/tmp.js';

const start = useHookyards();

const admin = async (hook: Hookyard, path: string, init: { method?: string; body?: unknown } = {}) => {
  const res = await fetch(`${hook.url}/_hookyard${path}`, { method: init.method ?? 'GET', ...(init.body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) }) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
};
const sinchWebhook = async (hook: Hookyard, target: string, secret = 'fixture-secret') => {
  const auth = 'Basic ' + Buffer.from(`${hook.sinch.keyId}:${hook.sinch.keySecret}`).toString('base64');
  const res = await fetch(`${hook.url}/v1/projects/${hook.sinch.projectId}/webhooks`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ target, secret, triggers: ['ALL'] }) });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
};

describe('state: export, import, snapshots', () => {
  it('exports everything and imports it into another hookyard, where the real SDKs see it; secrets travel only when asked', async () => {
    const rx = await startReceiver();
    try {
      const a = await start({ seed: 'state-a' });
      const service = await sdk(a).verify.v2.services.create({ friendlyName: 'Fixture Co' });
      await sdk(a).verify.v2.services(service.sid).webhooks.create({ friendlyName: 'app', eventTypes: ['*'], webhookUrl: `${rx.url}/v` });
      const sync = await sdk(a).sync.v1.services.create({ friendlyName: 'Sync Co' });
      await sdk(a).sync.v1.services(sync.sid).documents.create({ uniqueName: 'cart', data: { items: 2 } });
      await sinchWebhook(a, `${rx.url}/s`);

      const redacted = (await admin(a, '/state')).json;
      expect(redacted).toMatchObject({ hookyard: 'state', version: 1, secrets: false });
      expect(JSON.stringify(redacted)).not.toContain('fixture-secret');
      const b = await start({ seed: 'state-b' });
      const refused = await admin(b, '/state', { method: 'PUT', body: redacted });
      expect(refused.status).toBe(400);
      expect(refused.json.error.message).toMatch(new RegExp(`^tables\\.sinch\\.webhooks\\.${b.sinch.projectId}\\[0\\]\\.secret: is redacted`));
      expect((await admin(b, '/state')).json.tables).toEqual({}); // nothing half-written

      const full = (await admin(a, '/state?secrets=true')).json;
      expect((await admin(b, '/state', { method: 'PUT', body: full })).status).toBe(200);
      expect((await sdk(b).verify.v2.services.list()).map((s) => s.friendlyName)).toEqual(['Fixture Co']);
      expect((await sdk(b).sync.v1.services(sync.sid).documents('cart').fetch()).data).toEqual({ items: 2 });
      // The imported Sinch webhook signs with the secret it was exported with.
      await b.emit({ type: 'sinch.whatsapp_template_approved', wait: true });
      const got = rx.received.at(-1)!;
      expect(validateWebhookSignature('fixture-secret', got.headers, got.body)).toBe(true);
      // New rows after an import never collide with imported ones, and sort after them.
      const later = await sdk(b).verify.v2.services.create({ friendlyName: 'Later Co' });
      expect((await sdk(b).verify.v2.services.list()).map((s) => s.sid)).toEqual([service.sid, later.sid]);
    } finally {
      await rx.close();
    }
  });

  it('a bad document is a 400 naming the path, and changes nothing', async () => {
    const hook = await start({ seed: 'state-bad' });
    await sdk(hook).verify.v2.services.create({ friendlyName: 'Keep' });
    const before = (await admin(hook, '/state?secrets=true')).json.tables;
    const good = (await admin(hook, '/state?secrets=true')).json;
    const rows = good.tables['verify.services'][hook.accountSid];
    const cases: [unknown, RegExp][] = [
      [{ ...good, version: 2 }, /^version: /],
      [{ ...good, hookyard: 'db' }, /^hookyard: /],
      [{ ...good, tables: { 'bogus.things': {} } }, /^tables\.bogus\.things: unknown table/],
      [{ ...good, tables: { 'verify.services': { [hook.accountSid]: [...rows, rows[0]] } } }, /\[1\]\.sid: .* appears twice/],
      [{ ...good, tables: { 'verify.services': { [hook.accountSid]: [{ friendly_name: 'x' }] } } }, /\[0\]: a row is an object with a non-empty string sid/],
      [{ ...good, tables: { 'delivery.pending': {} } }, /unknown table/],
      ['nope', /^\$: /],
    ];
    for (const [doc, message] of cases) {
      const r = await admin(hook, '/state', { method: 'PUT', body: doc });
      expect(r.status, JSON.stringify(doc).slice(0, 80)).toBe(400);
      expect(r.json.error.message).toMatch(message);
    }
    expect((await admin(hook, '/state?secrets=true')).json.tables).toEqual(before);
  });

  it('parses any JSON as a state document or refuses it with a HookyardError (never anything else)', async () => {
    const hook = await start();
    const good = (await admin(hook, '/state?secrets=true')).json;
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ hookyard: fc.constant('state'), version: fc.constant(1), tables: fc.dictionary(fc.constantFrom('verify.services', 'sync.objects', 'x'), fc.jsonValue()) })), (doc) => {
        try {
          parseStateDocument(doc, hook.ctx, hook.app.providers);
        } catch (err) {
          expect(err).toBeInstanceOf(HookyardError);
        }
      }),
      { numRuns: 500 },
    );
    expect(() => parseStateDocument(good, hook.ctx, hook.app.providers)).not.toThrow();
  });

  it('named snapshots: take, list, restore, delete', async () => {
    const hook = await start({ seed: 'state-snap' });
    const first = await sdk(hook).verify.v2.services.create({ friendlyName: 'First' });
    expect((await admin(hook, '/snapshots', { method: 'POST', body: { name: 'base' } })).json).toMatchObject({ name: 'base', rows: 1 });
    await sdk(hook).verify.v2.services.create({ friendlyName: 'Second' });
    await sdk(hook).verify.v2.services(first.sid).remove();
    expect((await admin(hook, '/snapshots')).json.snapshots).toEqual([expect.objectContaining({ name: 'base', rows: 1 })]);
    expect((await admin(hook, '/snapshots/base/restore', { method: 'POST' })).status).toBe(200);
    expect((await sdk(hook).verify.v2.services.list()).map((s) => s.friendlyName)).toEqual(['First']);
    expect((await admin(hook, '/snapshots/nope/restore', { method: 'POST' })).status).toBe(404);
    expect((await admin(hook, '/snapshots', { method: 'POST', body: { name: '../x' } })).status).toBe(400);
    expect((await fetch(`${hook.url}/_hookyard/snapshots/base`, { method: 'DELETE' })).status).toBe(204);
    expect((await admin(hook, '/snapshots')).json.snapshots).toEqual([]);
  });

  it('hook.snapshot() / hook.restore() per test; a restore calls off pending retries and keeps the journal', async () => {
    const rx = await startReceiver();
    try {
      const hook = await start({ seed: 'state-hook', clock: 'manual', retry: { 'twilio.verify': 'eventstreams' } });
      const service = await sdk(hook).verify.v2.services.create({ friendlyName: 'Base' });
      await sdk(hook).verify.v2.services(service.sid).webhooks.create({ friendlyName: 'app', eventTypes: ['*'], webhookUrl: `${rx.url}/v` });
      const base = hook.snapshot();
      rx.respondWith(500);
      const r = await hook.emit({ type: 'factor.created', serviceSid: service.sid, wait: true });
      expect(r.deliveries[0]!.nextAttemptAt).not.toBeNull();
      await sdk(hook).verify.v2.services.create({ friendlyName: 'Scratch' });
      await hook.restore(base);
      expect((await sdk(hook).verify.v2.services.list()).map((s) => s.friendlyName)).toEqual(['Base']);
      const journaled = hook.deliveries({ type: 'factor.created' });
      expect(journaled).toHaveLength(1);
      expect(journaled[0]!.nextAttemptAt).toBeNull();
      const sent = rx.received.length;
      hook.clock.advance('5h');
      await hook.idle();
      expect(rx.received.length).toBe(sent); // the retry was called off
      await hook.restore(base, { clearJournal: true });
      expect(hook.deliveries()).toEqual([]);
    } finally {
      await rx.close();
    }
  });

  it('createHookyard({ state }) and --db: an empty db is seeded, a db with data keeps it; a replaced state survives a restart', async () => {
    const seedFrom = await start({ seed: 'state-db' });
    await sdk(seedFrom).verify.v2.services.create({ friendlyName: 'Seeded' });
    const doc = seedFrom.snapshot();
    const db = join(tempDir('hookyard-state-'), 'db.json');
    let hook = await start({ db, state: doc });
    expect((await sdk(hook).verify.v2.services.list()).map((s) => s.friendlyName)).toEqual(['Seeded']);
    await sdk(hook).verify.v2.services.create({ friendlyName: 'Added' });
    await hook.close();
    hook = await start({ db, state: doc });
    expect((await sdk(hook).verify.v2.services.list()).map((s) => s.friendlyName)).toEqual(['Seeded', 'Added']);
    await hook.restore(doc);
    await hook.close();
    hook = await start({ db });
    expect((await sdk(hook).verify.v2.services.list()).map((s) => s.friendlyName)).toEqual(['Seeded']);
  });

  it('the CLI: serve --state, state export / import, and bad input as one line with exit 2', async () => {
    const src = await start({ seed: 'state-cli' });
    await sdk(src).verify.v2.services.create({ friendlyName: 'From a file' });
    const dir = tempDir('hookyard-state-cli-');
    const file = join(dir, 'state.json');
    writeFileSync(file, JSON.stringify(src.snapshot()));
    const server = runCli(['serve', '--port', '0', '--print-env', '--state', file]);
    try {
      const [urlLine] = await waitForLines(server, 1);
      const url = urlLine!.slice('HOOKYARD_URL='.length);
      const exported = runCli(['state', 'export', '--url', url]);
      expect(await exported.exited).toBe(0);
      const out = JSON.parse(exported.stdout()) as { tables: Record<string, Record<string, { friendlyName: string }[]>> };
      expect(out.tables['verify.services']![src.accountSid]!.map((s) => s.friendlyName)).toEqual(['From a file']);
      const other = await start({ seed: 'state-cli-2' });
      const imported = runCli(['state', 'import', file, '--url', other.url]);
      expect(await imported.exited).toBe(0);
      expect(imported.stdout()).toBe(`imported 1 row from ${file}\n`);
      expect((await sdk(other).verify.v2.services.list()).map((s) => s.friendlyName)).toEqual(['From a file']);
      writeFileSync(join(dir, 'bad.json'), JSON.stringify({ hookyard: 'state', version: 9, tables: {} }));
      const bad = runCli(['state', 'import', join(dir, 'bad.json'), '--url', other.url]);
      expect(await bad.exited).toBe(2);
      expect(bad.stderr()).toBe('hookyard: version: version 9 is not one this hookyard reads (1)\n');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    const badServe = runCli(['serve', '--port', '0', '--state', join(dir, 'missing.json')]);
    expect(await badServe.exited).toBe(2);
    expect(badServe.stderr().trim().split('\n')).toHaveLength(1);
    expect(badServe.stderr()).toMatch(/^hookyard: cannot use --state .*missing\.json: ENOENT/);
  });
});
