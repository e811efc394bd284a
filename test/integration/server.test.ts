import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/index.js';
import { getWithHost } from '../helpers/http.js';
import { useHookyards } from '../helpers/suite.js';

const basic = (sid: string, token: string) => ({ authorization: 'Basic ' + Buffer.from(`${sid}:${token}`).toString('base64') });

describe('the server', () => {
  const start = useHookyards();

  it('same seed and clock → same SIDs and bodies; another seed differs', async () => {
    const run = async (seed: number) => {
      const h = await start({ seed, clock: createManualClock('2026-05-01T10:00:00Z') });
      const c = twilio(h.accountSid, h.authToken, { httpClient: h.twilioHttpClient() });
      const s = await c.verify.v2.services.create({ friendlyName: 'seeded' });
      const w = await c.verify.v2.services(s.sid).webhooks.create({ friendlyName: 'w', eventTypes: ['*'], webhookUrl: 'http://127.0.0.1:1/x' });
      const { event } = await h.emit({ type: 'challenge.denied', serviceSid: s.sid, wait: true });
      return { s: s.sid, w: w.sid, date: s.dateCreated.toISOString(), event };
    };
    const a = await run(7);
    const b = await run(7);
    expect(a).toEqual(b);
    expect(a.date).toBe('2026-05-01T10:00:00.000Z');
    expect((await run(8)).s).not.toBe(a.s);
  });

  it('scopes data by account', async () => {
    const other = 'AC' + 'b'.repeat(32);
    const h = await start({ extraAccounts: { [other]: 'other-token' } });
    const mine = twilio(h.accountSid, h.authToken, { httpClient: h.twilioHttpClient() });
    const theirs = twilio(other, 'other-token', { httpClient: h.twilioHttpClient() });
    const s = await mine.verify.v2.services.create({ friendlyName: 'mine' });
    expect(await theirs.verify.v2.services.list()).toEqual([]);
    await expect(theirs.verify.v2.services(s.sid).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    expect((await mine.verify.v2.services.list()).map((x) => x.sid)).toEqual([s.sid]);
  });

  it('routes by Host when it names a real provider host, and writes that host into URLs', async () => {
    const h = await start();
    const auth = basic(h.accountSid, h.authToken);
    const asVerify = await getWithHost(`${h.url}/v2/Services?PageSize=5`, 'verify.twilio.com', auth);
    expect(asVerify.status).toBe(200);
    expect((asVerify.json as { meta: unknown }).meta).toMatchObject({ key: 'services', url: 'https://verify.twilio.com/v2/Services?PageSize=5&Page=0' });
    const asSync = await getWithHost(`${h.url}/v2/Services`, 'sync.twilio.com', auth);
    expect(asSync.status).toBe(404);
    expect(asSync.json).toMatchObject({ code: 20404 });
    const byPath = await fetch(`${h.url}/v2/Services`, { headers: auth });
    expect(((await byPath.json()) as { meta: { url: string } }).meta.url).toBe(`${h.url}/v2/Services?PageSize=50&Page=0`);
  });

  it('serves health and reset', async () => {
    const h = await start();
    const health = await fetch(`${h.url}/_hookyard/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', name: 'hookyard', store: 'memory', providers: ['twilio.verify', 'twilio.events', 'twilio.sync', 'sinch.provisioning'] });
    const c = twilio(h.accountSid, h.authToken, { httpClient: h.twilioHttpClient() });
    await c.verify.v2.services.create({ friendlyName: 'gone soon' });
    expect((await fetch(`${h.url}/_hookyard/reset`, { method: 'POST' })).status).toBe(200);
    expect(await c.verify.v2.services.list()).toEqual([]);
  });

  it('answers a wrong page token with 20001', async () => {
    const h = await start();
    const res = await fetch(`${h.url}/v2/Services?PageToken=nope`, { headers: basic(h.accountSid, h.authToken) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 20001, message: expect.stringContaining('PageToken') });
  });
});
