import { readFileSync } from 'node:fs';
import type { Context } from '../core/context.js';
import type { Provider } from '../providers/provider.js';
import { exportState, parseStateDocument, type StateDocument } from './document.js';
import { restoreState } from './restore.js';

/** `hook.snapshot()` / `hook.restore()`: the whole state, copied in memory — cheap enough for every `beforeEach`. */
export function createStateHelpers(ctx: Context, providers: readonly Provider[]) {
  return {
    /** All state now, secrets included: restore it later with `restore()`. */
    snapshot: (): StateDocument => exportState(ctx, { secrets: true }),
    /** Puts a snapshot (or any state document) back; the journals are kept unless `clearJournal`. */
    restore: (doc: StateDocument, options: { clearJournal?: boolean } = {}): Promise<void> => restoreState(ctx, providers, parseStateDocument(doc, ctx, providers), options),
  };
}

/** Thrown when `--state` / `createHookyard({ state })` cannot be read or is not a state document. */
export class StateFileError extends Error {
  override name = 'StateFileError';
}

/**
 * `serve --state file.json`: the state to start from. With `--db`, only an empty database is seeded (a
 * database that already holds rows wins, and says so); returns whether the state was loaded.
 */
export async function loadInitialState(ctx: Context, providers: readonly Provider[], source: string | StateDocument): Promise<boolean> {
  let doc: unknown = source;
  if (typeof source === 'string') {
    try {
      doc = JSON.parse(readFileSync(source, 'utf8'));
    } catch (err) {
      throw new StateFileError(`cannot use --state ${source}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  const hasRows = Object.values(ctx.store.data.tables).some((scopes) => Object.values(scopes).some((rows) => rows.length > 0));
  if (ctx.store.mode === 'file' && hasRows) {
    ctx.log.info(`--state ignored: ${ctx.store.file} already holds data`);
    return false;
  }
  let state: ReturnType<typeof parseStateDocument>;
  try {
    state = parseStateDocument(doc, ctx, providers);
  } catch (err) {
    throw new StateFileError(`cannot use --state ${typeof source === 'string' ? source : 'document'}: ${(err as Error).message}`);
  }
  await restoreState(ctx, providers, state);
  return true;
}
