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

/**
 * Every spelling an event is accepted under, case-insensitively: its catalogue name (`verify.factor.created`,
 * `sinch.whatsapp_template_approved`, `com.twilio.…`), the provider's own type (`factor.created`,
 * `WHATSAPP_TEMPLATE_APPROVED`) and that type prefixed with the provider's name or its parts
 * (`twilio.verify.factor.created`, `sinch.provisioning.WHATSAPP_TEMPLATE_APPROVED`). One list, used by the
 * API, `hook.emit()`, the CLI and scenario files alike.
 */
function aliases(e: CatalogEntry): string[] {
  const parts = e.provider.split('.');
  return [e.name, e.type, ...[e.provider, parts.at(-1)!, parts[0]!].map((p) => `${p}.${e.type}`)].map((a) => a.toLowerCase());
}

/** The entry for a name under any of its aliases, or the closest catalogue names to suggest. */
export function findEntry(catalog: readonly CatalogEntry[], name: string): CatalogEntry | { suggestions: string[] } {
  const wanted = name.toLowerCase();
  const hit = catalog.find((e) => e.name.toLowerCase() === wanted);
  if (hit) return hit;
  const byAlias = catalog.filter((e) => aliases(e).includes(wanted));
  // A bare type two providers share would be ambiguous; none do today, but the first is not a guess.
  if (byAlias.length === 1) return byAlias[0]!;
  const names = catalog.map((e) => e.name);
  const best = closest(wanted, names);
  const near = names.filter((n) => distance(wanted, n.toLowerCase()) <= Math.max(3, Math.floor(wanted.length / 4)));
  return { suggestions: [...new Set([best, ...near])].slice(0, 3) };
}
