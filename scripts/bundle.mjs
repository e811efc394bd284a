// `npm run bundle`: the CLI as one ES module (dist/cli/main.js), dynamic imports split into chunks. The packages
// every start loads (the HTTP server, the CLI parser, ids, "did you mean") are bundled in, so a cold start does
// not resolve and link their ~100 files one by one; the packages loaded only on use (faker, undici, zod, ...) stay
// external and are imported from node_modules when first needed. The library entry (dist/index.js) stays tsc output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const STARTUP = ['hono', '@hono/node-server', 'commander', 'ulid', 'fastest-levenshtein'];
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const external = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies ?? {})].filter((p) => !STARTUP.includes(p));

await build({
  entryPoints: [join(root, 'src/cli/main.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  splitting: true,
  outdir: join(root, 'dist/cli'),
  chunkNames: 'chunks/[name]-[hash]',
  allowOverwrite: true,
  logLevel: 'warning',
  // commander is CommonJS: its require() calls of node builtins need a real require in an ES module.
  banner: { js: "import { createRequire as __hookyardCreateRequire } from 'node:module'; const require = __hookyardCreateRequire(import.meta.url);" },
});
