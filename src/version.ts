import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Set by `npm run sea` when the CLI is bundled into the single executable: the version, and the assets it embeds. */
declare const __HOOKYARD_SEA__: { version: string } | undefined;
const sea = typeof __HOOKYARD_SEA__ === 'undefined' ? undefined : __HOOKYARD_SEA__;

/** The nearest folder above this module holding hookyard's own package.json (works from src/, dist/ and the CLI bundle). */
function findPackage(): { dir: string; version: string } | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'hookyard' && pkg.version) return { dir, version: pkg.version };
    } catch {
      /* no package.json here: keep walking up */
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const found = sea ? undefined : findPackage();
export const VERSION: string = sea?.version ?? found?.version ?? '0.0.0';

type Folder = 'fixtures' | 'inspector';
interface SeaModule {
  getAsset(key: string, encoding: 'utf8'): string;
}

/**
 * Inside the single executable the files are assets: the folder is written out once, on first use, to a
 * temporary directory removed at exit (the fixtures and the inspector's dozen small files).
 */
function seaFolder(folder: Folder): string {
  const assets = (process as unknown as { getBuiltinModule(id: string): SeaModule }).getBuiltinModule('node:sea');
  const names = (JSON.parse(assets.getAsset('manifest.json', 'utf8')) as Record<Folder, string[]>)[folder];
  const dir = mkdtempSync(join(tmpdir(), `hookyard-${folder}-`));
  for (const name of names) writeFileSync(join(dir, name), assets.getAsset(`${folder}/${name}`, 'utf8'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const once = <T>(make: () => T) => {
  let value: { v: T } | undefined;
  return () => (value ??= { v: make() }).v;
};

/** The inspector's page and scripts (`src/inspector/static/` of the package). */
export const inspectorDir = once((): string | undefined => (sea ? seaFolder('inspector') : found && join(found.dir, 'src/inspector/static')));
/** The shipped scenario files (`fixtures/` of the package). */
export const fixturesDir = once((): string | undefined => (sea ? seaFolder('fixtures') : found && join(found.dir, 'fixtures')));
