// `npm start` / `npm test`: build only when a source file is newer than the build, so a start after
// `npm ci` (whose `prepare` built once) answers at once instead of re-running tsc and esbuild every time.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const newest = (dir) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((max, e) => Math.max(max, statSync(join(e.parentPath ?? e.path, e.name)).mtimeMs), 0);

const built = join(root, 'dist/cli/main.js');
const inputs = Math.max(newest(join(root, 'src')), ...['package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/bundle.mjs'].map((f) => statSync(join(root, f)).mtimeMs));
if (!existsSync(built) || !existsSync(join(root, 'dist/index.js')) || statSync(built).mtimeMs < inputs) {
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}
