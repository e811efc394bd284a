import type { Context } from '../core/context.js';
import type { Provider } from '../providers/provider.js';
import type { Tables } from '../store/store.js';

/**
 * Replaces all emulated state with `state`, which it takes ownership of (pass a copy). What hangs on the old rows is settled first: retries waiting for their moment
 * are called off (their journal records say no attempt follows), each provider drops or re-arms its timers
 * (Verify's expiries, Sync's held disconnects), and the journals are kept unless `clearJournal`.
 */
export async function restoreState(ctx: Context, providers: readonly Provider[], state: { tables: Tables; seq: number }, options: { clearJournal?: boolean } = {}): Promise<void> {
  ctx.delivery.cancelRetries();
  for (const r of ctx.journal.list()) {
    if (r.nextAttemptAt !== null && r.outcome !== 'pending') {
      r.nextAttemptAt = null;
      ctx.journal.touch(r);
    }
  }
  await ctx.store.replaceTables(state.tables, state.seq);
  for (const p of providers) p.restored?.(ctx);
  if (options.clearJournal) {
    ctx.journal.clear();
    ctx.requests.clear();
  }
}
