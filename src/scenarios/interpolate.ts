import type { Faker } from '@faker-js/faker';

const REF = /\$\{([^}]+)\}/g;

export interface Scope {
  results: Record<string, unknown>;
  env: NodeJS.ProcessEnv;
  faker: Faker;
}

/** Follows a dotted path; a string met on the way that holds JSON is parsed, so paths can reach into bodies. */
export function lookup(value: unknown, path: string[]): unknown {
  let v = value;
  for (const key of path) {
    if (typeof v === 'string') {
      try {
        v = JSON.parse(v);
      } catch {
        return undefined;
      }
    }
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return undefined;
    // Own properties only, but for faker's modules (its methods live on prototypes): never `__proto__`.
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

function resolve(ref: string, scope: Scope): unknown {
  if (ref.startsWith('env:')) {
    const [name, fallback] = ref.slice(4).split('|', 2);
    return scope.env[name!] ?? fallback ?? '';
  }
  if (ref.startsWith('fake:')) {
    const fn = lookup(scope.faker, ref.slice(5).split('.'));
    if (typeof fn !== 'function') throw new Error(`\${${ref}} is not a faker function (e.g. fake:person.firstName)`);
    return (fn as () => unknown).call(lookup(scope.faker, ref.slice(5).split('.').slice(0, -1)));
  }
  const [step, ...path] = ref.split('.');
  if (!Object.hasOwn(scope.results, step!)) throw new Error(`\${${ref}}: no earlier step named '${step}'`);
  const v = lookup(scope.results[step!], path);
  if (v === undefined) throw new Error(`\${${ref}}: step '${step}' has nothing at ${path.join('.') || '(its result)'}`);
  return v;
}

/** Replaces every `${…}` in strings, deeply. A string that is exactly one reference keeps the value's type. */
export function interpolate<T>(value: T, scope: Scope): T {
  if (typeof value === 'string') {
    const whole = /^\$\{([^}]+)\}$/.exec(value);
    if (whole) return resolve(whole[1]!, scope) as T;
    return value.replace(REF, (_, ref: string) => {
      const v = resolve(ref, scope);
      return typeof v === 'string' ? v : JSON.stringify(v);
    }) as T;
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, scope)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, scope)])) as T;
  return value;
}

/** Whether a value holds a `${fake:…}` reference (only then is faker loaded and seeded for it). */
export function usesFaker(value: unknown): boolean {
  return JSON.stringify(value ?? null).includes('${fake:');
}

/** The scope's faker for a value without `${fake:…}`: never read. */
export const NO_FAKER = new Proxy({} as Faker, {
  get: () => {
    throw new Error('faker was not loaded for this value');
  },
});

/** Every `${step…}` reference in a value, for checking before a run that each names an earlier step. */
export function stepReferences(value: unknown): string[] {
  const json = JSON.stringify(value ?? null);
  return [...json.matchAll(REF)].map((m) => m[1]!).filter((r) => !r.startsWith('env:') && !r.startsWith('fake:')).map((r) => r.split('.')[0]!);
}
