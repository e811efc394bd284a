import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built CLI; `npm test` builds it first (pretest). */
export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Running {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" (npm test does it for you)`);
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits until stdout holds `lines` complete lines (or the process dies). */
export async function waitForLines(r: Running, lines: number, timeoutMs = 10_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = r.stdout().split('\n');
    if (got.length > lines) return got.slice(0, lines);
    if (r.child.exitCode !== null || Date.now() > deadline) throw new Error(`wanted ${lines} lines; stdout: ${r.stdout()} stderr: ${r.stderr()}`);
    await new Promise((res) => setTimeout(res, 10));
  }
}
