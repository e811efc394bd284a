import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twilioHttpClient } from '../../src/index.js';
import { waitForLines, type Running } from '../helpers/cli.js';
import { startReceiver, type Receiver } from '../helpers/receiver.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/**
 * `npm run sea` builds one executable; run from an empty folder with no node_modules (and no Node on the
 * PATH it could lean on), it serves, answers the real SDK, and delivers what `twilio.validateRequest` accepts.
 */
describe('the single executable', () => {
  let exe: string;
  let folder: string;
  let out: string;
  let server: Running | undefined;
  let rx: Receiver;
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'hookyard-sea-'));
    await run(process.execPath, [join(root, 'scripts/sea.mjs'), out], { cwd: root });
    exe = join(out, process.platform === 'win32' ? 'hookyard.exe' : 'hookyard');
    folder = mkdtempSync(join(tmpdir(), 'hookyard-empty-'));
    rx = await startReceiver();
  }, 120_000);
  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
    await rx?.close();
    rmSync(out, { recursive: true, force: true }); // ~100 MiB
    rmSync(folder, { recursive: true, force: true });
  });

  const inEmpty = (args: string[]) => run(exe, args, { cwd: folder, env: { PATH: '/nonexistent', HOME: folder } });

  it('runs every command from an empty folder', async () => {
    expect(readdirSync(folder)).toEqual([]);
    expect((await inEmpty(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect((await inEmpty(['events', '--provider', 'twilio.sync'])).stdout).toContain('sync.document_updated');
    expect((await inEmpty(['scenario', 'list'])).stdout).toContain('verify-push-login');
    await expect(inEmpty(['trigger', 'verify.factor.creatd', '--to', 'http://127.0.0.1:9/'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('did you mean verify.factor.created') });
  });

  it('serves on port 0 with --print-env; the real twilio SDK and a signed trigger work against it', async () => {
    const child = spawn(exe, ['serve', '--port', '0', '--print-env'], { cwd: folder, env: { PATH: '/nonexistent', HOME: folder }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    server = { child, stdout: () => out, stderr: () => '', exited: new Promise((r) => child.on('exit', r)) };
    const env = Object.fromEntries((await waitForLines(server, 7)).map((l) => l.split('=', 2) as [string, string]));
    const url = env['HOOKYARD_URL']!;
    expect(((await (await fetch(`${url}/_hookyard/health`)).json()) as { status: string }).status).toBe('ok');
    expect((await fetch(`${url}/_hookyard/ui/app.js`)).status).toBe(200); // the inspector is embedded too

    const client = twilio(env['TWILIO_ACCOUNT_SID'], env['TWILIO_AUTH_TOKEN'], { httpClient: twilioHttpClient(url) });
    const service = await client.verify.v2.services.create({ friendlyName: 'Binary Co' });
    await client.verify.v2.services(service.sid).webhooks.create({ friendlyName: 'app', eventTypes: ['*'], webhookUrl: `${rx.url}/hooks` });
    await inEmpty(['trigger', 'verify.factor.created', '--url', url, '--input', `serviceSid=${service.sid}`]);
    const [got] = await rx.waitFor(1);
    const params = Object.fromEntries(new URLSearchParams(got!.body));
    expect(params['service_sid']).toBe(service.sid);
    expect(twilio.validateRequest(env['TWILIO_AUTH_TOKEN']!, got!.headers['x-twilio-signature'] as string, got!.url, params)).toBe(true);
  });
});
