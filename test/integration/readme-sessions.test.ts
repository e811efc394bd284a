import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bindings, consoleBlocks, type DocCommand } from '../helpers/readme-doc.js';

/**
 * The README's console sessions, run as printed — with `hookyard` on PATH as `npx hookyard` would put it —
 * and their output compared with what the README shows. The only rewrites are the two ports: hookyard's
 * 7373 (a free port instead, so a hookyard you run meanwhile does not matter) and your app's 3000 (a
 * receiver here that answers 200 to everything). Its JS and TS snippets run too.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = consoleBlocks(readme);

interface Session {
  name: string;
  blocks: number[];
  /** The server, when the session's first command does not start one: as the prose before the blocks says. */
  server?: string;
  /** Seeded: the README's SIDs are exactly what a run prints. */
  strict?: boolean;
}
const SESSIONS: Session[] = [
  { name: 'the quickstart', blocks: [0, 1] },
  { name: 'codes, the clock, Push and TOTP with --seed docs', blocks: [2, 3, 4, 5], server: 'npm start -- --seed docs', strict: true },
  { name: 'triggering from the terminal', blocks: [6] },
  { name: 'scenario files', blocks: [7] },
  { name: 'state export and import', blocks: [8], server: 'npm start' },
];

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** Your app on "port 3000": answers 200, on every interface (the README says localhost and 127.0.0.1). */
async function startApp(): Promise<{ port: number; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200).end());
  });
  await new Promise<void>((resolve) => {
    server.once('error', () => server.listen(0, '127.0.0.1', resolve)); // no IPv6 here
    server.listen(0, '::', resolve);
  });
  return { port: (server.address() as AddressInfo).port, server };
}

describe("the README's console sessions, run as printed", () => {
  let dir: string;
  let app: { port: number; server: Server };
  const env = () => ({ ...process.env, PATH: `${join(dir, 'bin')}:${process.env['PATH']}`, HOOKYARD_URL: '', FORCE_COLOR: '0', NO_COLOR: '1' });

  beforeAll(async () => {
    // Inside the repo, so `import 'hookyard'` in a snippet is this package, as in a project that depends on it.
    dir = mkdtempSync(join(root, 'test', '.tmp-readme-'));
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin', 'hookyard'), `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'dist/cli/main.js')}" "$@"\n`);
    chmodSync(join(dir, 'bin', 'hookyard'), 0o755);
    app = await startApp();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await new Promise((r) => app.server.close(r));
  });

  it('covers every console block of the README', () => {
    expect(SESSIONS.flatMap((s) => s.blocks).sort((a, b) => a - b)).toEqual(blocks.map((_, i) => i));
    expect(readme).toContain('With\n`npm start -- --seed docs` the SIDs and the code below are exactly what you get');
  });

  for (const session of SESSIONS) {
    it(`runs ${session.name}`, async () => {
      const port = await freePort();
      const rewrite = (text: string) => text.replaceAll(':7373', `:${port}`).replaceAll('localhost:3000', `localhost:${app.port}`).replaceAll('127.0.0.1:3000', `127.0.0.1:${app.port}`)
        // Files a session writes under /tmp (`> /tmp/fixtures.json`) go to this test's folder, removed afterwards.
        .replaceAll('/tmp/', `${dir}/`);
      const bindings = new Bindings(session.strict === true);
      const servers: ChildProcess[] = [];
      const assignments: string[] = [];
      const startServer = async (command: string, expected: string, line: number) => {
        const withPort = command.includes(' -- ') ? `${command} --port ${port}` : `${command} -- --port ${port}`;
        // Its own process group: stopping npm alone would leave its `node … serve` child running.
        const child = spawn('bash', ['-c', `exec ${withPort}`], { cwd: root, env: env(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
        servers.push(child);
        let out = '';
        child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
        const deadline = Date.now() + 60_000;
        while (!bindings.match(rewrite(expected), out, true).ok) {
          if (child.exitCode !== null || Date.now() > deadline) throw new Error(`README line ${line}: ${command} printed:\n${out}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      const run = async (c: DocCommand) => {
        const command = bindings.apply(rewrite(c.command));
        if (/^[A-Z_]+=\S+$/.test(command)) return void assignments.push(command);
        const child = spawn('bash', ['-e', '-c', `${assignments.join('\n')}\n{ ${command}\n} 2>&1`], { cwd: root, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
        const code = await new Promise<number | null>((r) => child.on('exit', r));
        expect(code, `README line ${c.line}: ${command}\n${out}`).toBe(0);
        const verdict = bindings.match(rewrite(c.expected), out);
        expect(verdict.ok, `README line ${c.line}: ${command}\nprinted:\n${out}\nexpected:\n${c.expected}`).toBe(true);
      };
      try {
        if (session.server) await startServer(session.server, 'hookyard … listening on http://127.0.0.1:7373', 0);
        for (const b of session.blocks) {
          for (const c of blocks[b]!.commands) {
            if (c.command.startsWith('npm start')) await startServer(c.command, c.expected, c.line);
            else await run(c);
          }
          // The quickstart's SDK snippet runs where the README shows it: after the first block.
          if (b === 0) await runJsSnippet(dir, bindings.apply(rewrite(jsSnippet())), env());
        }
      } finally {
        for (const s of servers) if (s.exitCode === null) process.kill(-s.pid!, 'SIGTERM');
        await Promise.all(servers.map((s) => (s.exitCode !== null ? undefined : new Promise((r) => s.on('exit', r)))));
      }
    }, 120_000);
  }

  it('runs every TypeScript snippet to completion', async () => {
    const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(snippets.length).toBeGreaterThanOrEqual(2);
    for (const [i, code] of snippets.entries()) {
      const file = join(dir, `snippet-${i + 1}.mjs`);
      writeFileSync(file, transformSync(code, { loader: 'ts', format: 'esm' }).code);
      const child = spawn(process.execPath, [file], { cwd: dir, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      const code_ = await new Promise<number | null>((r) => child.on('exit', r));
      expect(code_, `TypeScript snippet ${i + 1}:\n${out}`).toBe(0);
    }
  }, 60_000);
});

/** The quickstart's JS snippet: its code, and what its last comment says it prints. */
function jsSnippet(): string {
  const m = /```js\n([\s\S]*?)```/.exec(readme);
  if (!m) throw new Error('no js snippet');
  return m[1]!;
}

async function runJsSnippet(dir: string, code: string, env: NodeJS.ProcessEnv): Promise<void> {
  const lines = code.trimEnd().split('\n');
  const expected = lines.pop()!.replace(/^\/\/ /, '');
  const file = join(dir, 'quickstart.mjs');
  writeFileSync(file, lines.join('\n') + '\n');
  const child = spawn(process.execPath, [file], { cwd: dir, env: { ...env, TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000', TWILIO_AUTH_TOKEN: 'hookyard_auth_token' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  expect(await new Promise((r) => child.on('exit', r)), out).toBe(0);
  expect(out.trim()).toBe(expected);
}
