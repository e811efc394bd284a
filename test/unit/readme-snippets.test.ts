import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Every TypeScript snippet of the README, type-checked as written against hookyard's own source and the real
 * `twilio` types, with the strictness a careful project uses.
 */
describe('the README', () => {
  it('has TypeScript snippets that type-check as printed', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(snippets.length).toBeGreaterThan(0);
    const dir = tempDir('hookyard-readme-');
    snippets.forEach((code, i) => writeFileSync(join(dir, `snippet-${i + 1}.mts`), code + '\nexport {};\n'));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noUncheckedIndexedAccess: true,
          target: 'es2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [join(root, 'node_modules/@types')],
          paths: { hookyard: [join(root, 'src/index.ts')], twilio: [join(root, 'node_modules/twilio/lib/index.d.ts')], '*': [join(root, 'node_modules/*')] },
        },
        include: ['*.mts'],
      }),
    );
    let out = '';
    try {
      execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    } catch (err) {
      out = String((err as { stdout?: string }).stdout ?? err);
    }
    expect(out).toBe('');
  }, 60_000);
});
