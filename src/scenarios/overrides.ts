import { readFileSync } from 'node:fs';

/** A one-line error for bad CLI input. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** `--set a.b=1`: a dotted path into the payload; the value is JSON when it parses, else a string. */
export function applySet(target: Record<string, unknown>, assignment: string): Record<string, unknown> {
  const eq = assignment.indexOf('=');
  if (eq <= 0) throw new UsageError(`--set wants path=value, got '${assignment}'`);
  const path = assignment.slice(0, eq).split('.');
  const bad = path.find((k) => k === '__proto__' || k === 'constructor' || k === 'prototype' || k === '');
  if (bad !== undefined) throw new UsageError(`--set: '${bad}' is not a usable path segment in '${assignment.slice(0, eq)}'`);
  const raw = assignment.slice(eq + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    /* a plain string */
  }
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = Object.hasOwn(node, key) ? node[key] : undefined;
    node = node[key] = typeof next === 'object' && next !== null && !Array.isArray(next) ? (next as Record<string, unknown>) : {};
  }
  node[path.at(-1)!] = value;
  return target;
}

/** `--data @file.json` (or inline JSON): an object of overrides. */
export function readDataOption(spec: string): Record<string, unknown> {
  let text = spec;
  if (spec.startsWith('@')) {
    try {
      text = readFileSync(spec.slice(1), 'utf8');
    } catch (err) {
      throw new UsageError(`--data: cannot read ${spec.slice(1)} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--data: not valid JSON (${(err as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UsageError('--data must be a JSON object');
  return data as Record<string, unknown>;
}
