// npm run sea [-- <out dir>]: hookyard as one executable (Node's Single Executable Applications). The CLI is
// bundled by esbuild into one CommonJS file with every dependency inside; the shipped fixtures and the
// inspector's files are embedded as assets; the blob is injected into a copy of this node binary with postject.
// Works on Linux, macOS (re-signed ad hoc) and Windows (hookyard.exe), as Node documents.
// @see https://nodejs.org/api/single-executable-applications.html
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { inject } from 'postject';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = resolve(process.argv[2] ?? join(root, 'dist/sea'));
const exe = join(out, process.platform === 'win32' ? 'hookyard.exe' : 'hookyard');
const work = join(out, 'build');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
await build({
  entryPoints: [join(root, 'src/cli/main.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs', // what a Node 20 single executable runs
  target: 'node20',
  outfile: join(work, 'hookyard.cjs'),
  define: { __HOOKYARD_SEA__: JSON.stringify({ version }) },
  logLevel: 'error',
});

const folders = { fixtures: join(root, 'fixtures'), inspector: join(root, 'src/inspector/static') };
const manifest = Object.fromEntries(Object.entries(folders).map(([name, dir]) => [name, readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile())]));
writeFileSync(join(work, 'manifest.json'), JSON.stringify(manifest));
const assets = { 'manifest.json': join(work, 'manifest.json') };
for (const [name, dir] of Object.entries(folders)) for (const f of manifest[name]) assets[`${name}/${f}`] = join(dir, f);
writeFileSync(join(work, 'sea-config.json'), JSON.stringify({ main: join(work, 'hookyard.cjs'), output: join(work, 'hookyard.blob'), disableExperimentalSEAWarning: true, useCodeCache: true, assets }));
execFileSync(process.execPath, ['--experimental-sea-config', join(work, 'sea-config.json')], { stdio: 'inherit' });

copyFileSync(process.execPath, exe);
if (process.platform === 'darwin') execFileSync('codesign', ['--remove-signature', exe]);
await inject(exe, 'NODE_SEA_BLOB', readFileSync(join(work, 'hookyard.blob')), {
  sentinelFuse: 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
  ...(process.platform === 'darwin' ? { machoSegmentName: 'NODE_SEA' } : {}),
});
if (process.platform === 'darwin') execFileSync('codesign', ['--sign', '-', exe]);
rmSync(work, { recursive: true, force: true });
console.log(`built ${exe} (${(statSync(exe).size / 1024 / 1024).toFixed(1)} MiB)`);
