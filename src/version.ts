import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

const found = findPackage();
export const VERSION: string = found?.version ?? '0.0.0';
/** The inspector's page and scripts (`src/inspector/static/` of the package). */
export const INSPECTOR_DIR: string | undefined = found && join(found.dir, 'src/inspector/static');
/** The shipped scenario files (`fixtures/` of the package). */
export const FIXTURES_DIR: string | undefined = found && join(found.dir, 'fixtures');
