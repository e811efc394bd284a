import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, waitForLines } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const env = (lines: string[]) => Object.fromEntries(lines.map((l) => l.split('=', 2) as [string, string]));
const basic = (e: Record<string, string>) => ({ authorization: 'Basic ' + Buffer.from(`${e['TWILIO_ACCOUNT_SID']}:${e['TWILIO_AUTH_TOKEN']}`).toString('base64') });

async function startServe(args: string[] = []) {
  const r = runCli(['serve', '--port', '0', '--print-env', ...args]);
  const e = env(await waitForLines(r, 7));
  return { r, e };
}

describe('hookyard serve (a real process)', () => {
  it('--print-env prints only ready-to-source lines once listening, and SIGTERM exits 0', async () => {
    const { r, e } = await startServe(['--seed', '3']);
    expect(Object.keys(e)).toEqual(['HOOKYARD_URL', 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'SINCH_PROJECT_ID', 'SINCH_KEY_ID', 'SINCH_KEY_SECRET', 'SINCH_WEBHOOK_SECRET']);
    expect(e['HOOKYARD_URL']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(e['TWILIO_ACCOUNT_SID']).toBe('AC00000000000000000000000000000000');
    const res = await fetch(`${e['HOOKYARD_URL']}/v2/Services`, { headers: basic(e) });
    expect(res.status).toBe(200);
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
    // Nothing but the seven lines ever reached stdout; the banner went to stderr.
    expect(r.stdout().trimEnd().split('\n')).toHaveLength(7);
    expect(r.stderr()).toContain('Twilio Verify v2');
  });

  it('takes --account-sid, --auth-token and the --sinch-* credentials', async () => {
    const sid = 'AC' + 'c'.repeat(32);
    const sinch = ['--sinch-project-id', 'p-1', '--sinch-key-id', 'k-1', '--sinch-key-secret', 'ks'];
    const { r, e } = await startServe(['--account-sid', sid, '--auth-token', 's3cret', ...sinch]);
    expect(e).toMatchObject({ TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: 's3cret', SINCH_PROJECT_ID: 'p-1', SINCH_KEY_ID: 'k-1', SINCH_KEY_SECRET: 'ks' });
    expect((await fetch(`${e['HOOKYARD_URL']}/v2/Services`, { headers: basic(e) })).status).toBe(200);
    const sinchAuth = { authorization: 'Basic ' + Buffer.from('k-1:ks').toString('base64') };
    expect((await fetch(`${e['HOOKYARD_URL']}/v1/projects/p-1/webhooks`, { headers: sinchAuth })).status).toBe(200);
    r.child.kill('SIGINT');
    expect(await r.exited).toBe(0);
  });

  it('stops cleanly (exit 0) on a SIGTERM sent the moment the env lines arrive', async () => {
    // The signal handlers are in place before anything is printed: a script may stop hookyard as soon as it read them.
    const runs = Array.from({ length: 6 }, () => {
      const r = runCli(['serve', '--port', '0', '--print-env']);
      r.child.stdout!.once('data', () => r.child.kill('SIGTERM'));
      return r.exited;
    });
    expect(await Promise.all(runs)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('reads every flag from HOOKYARD_<FLAG> too, the flag winning; a bad value is one line and exit 2', async () => {
    const r = runCli(['serve', '--auth-token', 'from-the-flag'], { HOOKYARD_PORT: '0', HOOKYARD_PRINT_ENV: '1', HOOKYARD_AUTH_TOKEN: 'from-the-env', HOOKYARD_SINCH_KEY_ID: 'env-key', HOOKYARD_QUIET: '1' });
    const e = env(await waitForLines(r, 7));
    expect(e).toMatchObject({ TWILIO_AUTH_TOKEN: 'from-the-flag', SINCH_KEY_ID: 'env-key' });
    expect(e['HOOKYARD_URL']).not.toMatch(/:7373$/);
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
    const help = runCli(['serve', '--help']);
    await help.exited;
    for (const name of ['HOOKYARD_PORT', 'HOOKYARD_DB', 'HOOKYARD_SEED', 'HOOKYARD_STATE', 'HOOKYARD_ADMIN_TOKEN', 'HOOKYARD_JOURNAL_LIMIT']) expect(help.stdout()).toContain(`env: ${name}`);
    const bad = runCli(['serve'], { HOOKYARD_PORT: 'abc' });
    expect(await bad.exited).toBe(2);
    expect(bad.stderr()).toBe("error: option '-p, --port <port>' value 'abc' from env 'HOOKYARD_PORT' is invalid. must be an integer from 0 to 65535 (0 = any free port)\n");
  });

  it('takes the delivery flags: --retry, --time-scale, --journal-limit, --chaos', async () => {
    const { r, e } = await startServe(['--retry', 'twilio.events=none', '--retry', 'http://127.0.0.1:9/x=sinch', '--time-scale', '60', '--journal-limit', '5', '--chaos', 'duplicate=0.5,reorder=100']);
    expect(await (await fetch(`${e['HOOKYARD_URL']}/_hookyard/chaos`)).json()).toEqual({ chaos: { duplicate: 0.5, reorderWindowMs: 100 } });
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
  });

  it('keeps every acknowledged write across kill -9 with --db', async () => {
    const db = join(tempDir('hookyard-cli-'), 'db.json');
    const first = await startServe(['--db', db]);
    const sids = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const res = await fetch(`${first.e['HOOKYARD_URL']}/v2/Services`, { method: 'POST', headers: basic(first.e), body: new URLSearchParams({ FriendlyName: `k${i}` }) });
        expect(res.status).toBe(201);
        return ((await res.json()) as { sid: string }).sid;
      }),
    );
    first.r.child.kill('SIGKILL');
    await first.r.exited;
    const second = await startServe(['--db', db]);
    const list = (await (await fetch(`${second.e['HOOKYARD_URL']}/v2/Services?PageSize=100`, { headers: basic(second.e) })).json()) as { services: { sid: string }[] };
    expect(list.services.map((s) => s.sid).sort()).toEqual([...sids].sort());
    second.r.child.kill('SIGTERM');
    expect(await second.r.exited).toBe(0);
  });

  it('fails bad input with one readable line and a non-zero exit', async () => {
    const dir = tempDir('hookyard-cli-');
    const corrupt = join(dir, 'corrupt.json');
    writeFileSync(corrupt, '{oops');
    const prose = join(dir, 'prose.json');
    writeFileSync(prose, 'hello\nworld\n');
    const busy = createServer();
    await new Promise<void>((res) => busy.listen(0, '127.0.0.1', res));
    const busyPort = (busy.address() as { port: number }).port;
    const cases: [string[], RegExp][] = [
      [['serve', '--port', 'abc'], /--port.*integer from 0 to 65535/],
      [['serve', '--port', '70000'], /--port/],
      [['serve', '--account-sid', 'nope'], /AC followed by 32 hex/],
      [['serve', '--bogus'], /unknown option '--bogus'/],
      [['serve', '--db', corrupt], /not valid JSON/],
      [['serve', '--db', prose], /not valid JSON/],
      [['serve', '--db', join(dir, 'no', 'such', 'x.json')], /does not exist/],
      [['serve', '--port', String(busyPort)], /already in use/],
      [['serve', '--retry', 'twilio.events=sometimes'], /--retry.*eventstreams\|twilio\|sinch\|none/],
      [['serve', '--chaos', 'explode=1'], /--chaos.*unknown chaos 'explode'/],
      [['serve', '--time-scale', '0'], /--time-scale.*positive number/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args);
      expect(await r.exited, args.join(' ')).not.toBe(0);
      const lines = r.stderr().trim().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(r.stderr()).not.toMatch(/\n\s+at /);
    }
    busy.close();
    expect(readFileSync(corrupt, 'utf8')).toBe('{oops');
  });
});
