import type { Context } from '../../../../core/context.js';
import type { HookyardEvent } from '../../../../events/event.js';

/** A Sync change is acknowledged once stored; then its events go to the pipeline (the matcher decides who gets them). */
export async function commitAndEmit(ctx: Context, events: readonly (HookyardEvent | undefined)[]): Promise<void> {
  await ctx.store.commit();
  const ready = events.filter((e): e is HookyardEvent => e !== undefined);
  if (ready.length > 0) ctx.emitter.emit(ready);
}
