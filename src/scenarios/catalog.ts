import { closest, distance } from 'fastest-levenshtein';
import type { Provider } from '../providers/provider.js';

/** One event hookyard can produce, as `hookyard events` lists it and `hookyard trigger` takes it. */
export interface CatalogEntry {
  name: string;
  provider: string;
  /** The provider's own type, e.g. `factor.created` or `WHATSAPP_TEMPLATE_APPROVED`. */
  type: string;
  description: string;
  requires: string[];
  example: string;
}

/** Every event of every provider, from the providers themselves: one registry, no second list to drift. */
export function buildCatalog(providers: readonly Provider[]): CatalogEntry[] {
  return providers.flatMap((p) =>
    p.eventTypes.map((type) => {
      const d = p.describe(type);
      return { name: d.name, provider: p.name, type, description: d.description, requires: d.requires, example: `hookyard trigger ${d.name} --setup --webhook http://localhost:3000/hooks` };
    }),
  );
}

/** The entry for a name (case-insensitive), or the closest names to suggest. */
export function findEntry(catalog: readonly CatalogEntry[], name: string): CatalogEntry | { suggestions: string[] } {
  const wanted = name.toLowerCase();
  const hit = catalog.find((e) => e.name.toLowerCase() === wanted);
  if (hit) return hit;
  const names = catalog.map((e) => e.name);
  const best = closest(wanted, names);
  const near = names.filter((n) => distance(wanted, n.toLowerCase()) <= Math.max(3, Math.floor(wanted.length / 4)));
  return { suggestions: [...new Set([best, ...near])].slice(0, 3) };
}
