import { join } from 'node:path';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { twilioHttpClient } from '../../src/index.js';
import { runCli, waitForLines } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const env = (lines: string[]) => Object.fromEntries(lines.map((l) => l.split('=', 2) as [string, string]));

async function serve(args: string[]) {
  const r = runCli(['serve', '--port', '0', '--print-env', ...args]);
  const e = env(await waitForLines(r, 6));
  const client = twilio(e['TWILIO_ACCOUNT_SID'], e['TWILIO_AUTH_TOKEN'], { httpClient: twilioHttpClient(e['HOOKYARD_URL']!) });
  return { r, url: e['HOOKYARD_URL']!, client };
}

const cli = async (args: string[], url: string) => {
  const r = runCli(args, { HOOKYARD_URL: url });
  return { code: await r.exited, out: r.stdout(), err: r.stderr() };
};

const clockPost = (url: string, body: unknown) => fetch(`${url}/_hookyard/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<Record<string, unknown>>);

describe('Verify against a running server (real processes): codes from the CLI, expiry through the clock route', () => {
  it('serve --clock manual starts frozen; hookyard verify codes reads the code; advancing 10 minutes expires it', async () => {
    const { r, url, client } = await serve(['--clock', 'manual', '--seed', 'cli-verify']);
    const frozen = (await (await fetch(`${url}/_hookyard/clock`)).json()) as { now: string; mode: string };
    expect(frozen.mode).toBe('manual');
    const s = await client.verify.v2.services.create({ friendlyName: 'Shop' });
    const v = await client.verify.v2.services(s.sid).verifications.create({ to: '+15017122661', channel: 'sms' });
    expect(v.dateCreated.toISOString()).toBe(new Date(Math.floor(Date.parse(frozen.now) / 1000) * 1000).toISOString());

    const code = await cli(['verify', 'codes', '--to', '+15017122661', '--code'], url);
    expect(code).toMatchObject({ code: 0, out: expect.stringMatching(/^\d{6}\n$/) });
    const listed = await cli(['verify', 'codes'], url);
    expect(listed.out).toContain(`${v.sid} sms +15017122661 ${code.out.trim()}  "Your Shop verification code is: ${code.out.trim()}"`);
    const json = JSON.parse((await cli(['verify', 'codes', '--json', '--verification', v.sid], url)).out) as { code: string }[];
    expect(json.map((c) => c.code)).toEqual([code.out.trim()]);

    expect(await clockPost(url, { advance: '10m' })).toMatchObject({ mode: 'manual', offsetMs: 600_000 });
    await expect(client.verify.v2.services(s.sid).verificationChecks.create({ to: '+15017122661', code: code.out.trim() })).rejects.toMatchObject({ status: 404, code: 20404 });
    expect((await cli(['verify', 'codes', '--to', '+4915123456789', '--code'], url)).code).toBe(1);
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
  });

  it('a pending verification stored with --db expires after a restart, on the clock', async () => {
    const db = join(tempDir('hookyard-verify-'), 'db.json');
    const first = await serve(['--db', db, '--clock', 'manual']);
    const s = await first.client.verify.v2.services.create({ friendlyName: 'Persisted' });
    const v = await first.client.verify.v2.services(s.sid).verifications.create({ to: '+15017122661', channel: 'sms' });
    first.r.child.kill('SIGTERM');
    expect(await first.r.exited).toBe(0);

    const second = await serve(['--db', db]);
    expect((await second.client.verify.v2.services(s.sid).verifications(v.sid).fetch()).status).toBe('pending');
    await clockPost(second.url, { advance: '11m' });
    await expect(second.client.verify.v2.services(s.sid).verifications(v.sid).fetch()).rejects.toMatchObject({ status: 404 });
    const [attempt] = await second.client.verify.v2.verificationAttempts.list();
    expect(attempt!.channelData).toMatchObject({ status: 'expired' });
    second.r.child.kill('SIGTERM');
    expect(await second.r.exited).toBe(0);
  });

  it('rejects a bad --clock with one readable line and a non-zero exit', async () => {
    const r = runCli(['serve', '--port', '0', '--clock', 'sundial']);
    expect(await r.exited).not.toBe(0);
    expect(r.stderr().trim().split('\n')).toHaveLength(1);
    expect(r.stderr()).toContain('--clock');
  });
});
