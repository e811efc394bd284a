import type { Context } from '../core/context.js';
import { HookyardError } from '../core/errors.js';
import { isSecretField, maskSecrets, REDACTED } from '../core/secrets.js';
import type { Provider } from '../providers/provider.js';
import type { Tables } from '../store/store.js';

/** All emulated state, as `GET /_hookyard/state` answers it and `PUT` / `serve --state` take it. */
export interface StateDocument {
  hookyard: 'state';
  version: 1;
  /** False when secrets were replaced with `[redacted]` (the default export). */
  secrets: boolean;
  exportedAt: string;
  /** The store's insertion counter: rows keep their order and page tokens across an import. */
  seq: number;
  /** Table → account (AccountSid / projectId) → rows, as the store keeps them. */
  tables: Tables;
}

/** Tables of running machinery, not of the emulated APIs: never exported, never imported. */
const RUNTIME_TABLES = new Set(['delivery.pending']);

export function exportState(ctx: Context, options: { secrets?: boolean } = {}): StateDocument {
  const tables: Tables = {};
  for (const [name, scopes] of Object.entries(ctx.store.data.tables)) {
    if (RUNTIME_TABLES.has(name)) continue;
    const kept = Object.entries(scopes).filter(([, rows]) => rows.length > 0);
    if (kept.length === 0) continue;
    tables[name] = Object.fromEntries(kept.map(([scope, rows]) => [scope, (options.secrets ? structuredClone(rows) : maskSecrets(rows, REDACTED, true)) as Tables[string][string]]));
  }
  return { hookyard: 'state', version: 1, secrets: options.secrets === true, exportedAt: ctx.clock.now().toISOString(), seq: ctx.store.data.seq, tables };
}

const bad = (path: string, message: string) => new HookyardError('invalid_param', `${path}: ${message}`, { param: path });
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Checks a state document and returns the tables to load (a copy: the caller's object is never kept). A
 * `[redacted]` secret keeps the value the same row has now; a redacted secret of a row that does not exist is
 * an error, as is anything malformed — each naming its path (`tables.sinch.webhooks.<project>[2].secret`).
 */
export function parseStateDocument(input: unknown, ctx: Context, providers: readonly Provider[]): { tables: Tables; seq: number } {
  if (!isObject(input)) throw bad('$', 'a state document is a JSON object, as GET /_hookyard/state answers');
  if (input['hookyard'] !== 'state') throw bad('hookyard', 'must be "state" (is this a file GET /_hookyard/state wrote?)');
  if (input['version'] !== 1) throw bad('version', `version ${JSON.stringify(input['version'])} is not one this hookyard reads (1)`);
  if (!isObject(input['tables'])) throw bad('tables', 'must be an object of tables');
  const seqIn = input['seq'] ?? 0;
  if (typeof seqIn !== 'number' || !Number.isInteger(seqIn) || seqIn < 0) throw bad('seq', 'must be a whole number');
  let seq = seqIn;
  const tables: Tables = {};
  // One copy of the whole input up front (cheaper than a copy per row); checked and completed in place.
  for (const [name, scopes] of Object.entries(structuredClone(input['tables']))) {
    const path = `tables.${name}`;
    if (RUNTIME_TABLES.has(name) || !providers.some((p) => name.startsWith(p.tablePrefix))) throw bad(path, `unknown table; known prefixes: ${providers.map((p) => p.tablePrefix).join(', ')}`);
    if (!isObject(scopes)) throw bad(path, 'must be an object of accounts, each an array of rows');
    const current = ctx.store.data.tables[name] ?? {};
    const out: Record<string, { sid: string; _seq?: number }[]> = {};
    for (const [scope, rows] of Object.entries(scopes)) {
      if (!Array.isArray(rows)) throw bad(`${path}.${scope}`, 'must be an array of rows');
      const seen = new Set<string>();
      let now: Map<string, Record<string, unknown>> | undefined; // the rows as they are, looked up only for a redacted secret
      const existing = (sid: string) => (now ??= new Map((current[scope] ?? []).map((r) => [r.sid, r as unknown as Record<string, unknown>]))).get(sid);
      out[scope] = rows.map((row: unknown, i) => {
        const at = () => `${path}.${scope}[${i}]`;
        if (!isObject(row) || typeof row['sid'] !== 'string' || row['sid'] === '') throw bad(at(), 'a row is an object with a non-empty string sid');
        const sid = row['sid'];
        if (seen.has(sid)) throw bad(`${at()}.sid`, `${sid} appears twice`);
        seen.add(sid);
        if (row['_seq'] !== undefined && (typeof row['_seq'] !== 'number' || !Number.isInteger(row['_seq']))) throw bad(`${at()}._seq`, 'must be a whole number');
        seq = Math.max(seq, (row['_seq'] as number | undefined) ?? 0);
        return unredact(row, () => existing(sid), at) as { sid: string; _seq?: number };
      });
    }
    tables[name] = out;
  }
  return { tables, seq };
}

/** Puts back the secrets a redacted export left out, from the same row as it is now (looked up only when needed). */
function unredact(row: Record<string, unknown>, existing: () => Record<string, unknown> | undefined, path: () => string): Record<string, unknown> {
  for (const k in row) {
    const v = row[k];
    if (v === REDACTED && isSecretField(k)) {
      const kept = existing()?.[k];
      if (kept === undefined) throw bad(`${path()}.${k}`, 'is redacted and no row here has it: export with ?secrets=true to move secrets');
      row[k] = kept;
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      unredact(v as Record<string, unknown>, () => existing()?.[k] as Record<string, unknown> | undefined, () => `${path()}.${k}`);
    }
  }
  return row;
}
