import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("the README's CI recipe", () => {
  it('runs as printed with bash -e: starts hookyard through npx, reaches it, and stops it for good', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const recipe = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).find((s) => s.includes('--pid-file'));
    expect(recipe).toBeDefined();
    // Inside the repo, so `npx hookyard` is this package, as it is in a project that depends on it.
    const dir = mkdtempSync(join(root, 'test', '.tmp-ci-'));
    try {
      // The recipe runs unchanged; a `kill` wrapper only notes which process it stops.
      const script = `kill() { echo "pid=$*"; builtin kill "$@"; }\n${recipe}\nsed -n 1p hookyard.env\n`;
      const { stdout } = await promisify(execFile)('bash', ['-e', '-c', script], { cwd: dir, timeout: 60_000 });
      expect(stdout).toMatch(/"status":"ok"/);
      expect(stdout).toMatch(/HOOKYARD_URL=http:\/\/127\.0\.0\.1:\d+/);
      const pid = Number(/pid=(\d+)/.exec(stdout)?.[1]);
      expect(pid).toBeGreaterThan(0);
      for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
      expect(alive(pid)).toBe(false);
      expect(existsSync(join(dir, 'hookyard.pid'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
