import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

/** Every relative import of every source file (type-only ones included: the house plan forbids those circles too). */
function importGraph(): Map<string, string[]> {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const text = readFileSync(join(SRC, f), 'utf8');
    const deps = [...text.matchAll(/from '(\.[^']+)'/g)].map((m) => normalize(join(dirname(f), m[1]!)).replace(/\.js$/, '.ts'));
    graph.set(normalize(f), deps);
  }
  return graph;
}

describe('the source tree', () => {
  it('has no import circles', () => {
    const graph = importGraph();
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      state.set(file, 'open');
      for (const dep of graph.get(file) ?? []) {
        if (state.get(dep) === 'open') cycles.push([...path.slice(path.indexOf(dep)), dep].join(' → '));
        else if (!state.has(dep)) visit(dep, [...path, dep]);
      }
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file, [file]);
    expect(cycles).toEqual([]);
    expect(graph.size).toBeGreaterThan(100);
  });
});
