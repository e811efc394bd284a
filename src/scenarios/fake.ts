import type { Faker } from '@faker-js/faker';
import type { Context } from '../core/context.js';

const fakers = new WeakMap<Context, Promise<Faker>>();

/**
 * The context's faker, seeded from the context's random stream so `--seed` makes generated values
 * repeat. Imported from one locale, lazily: the full package costs ~170 ms of start-up, `locale/en` ~25.
 */
export function fakerFor(ctx: Context): Promise<Faker> {
  let f = fakers.get(ctx);
  if (!f) {
    f = import('@faker-js/faker/locale/en').then(({ faker }) => {
      faker.seed(ctx.random.bytes(4).readUInt32BE(0));
      return faker;
    });
    fakers.set(ctx, f);
  }
  return f;
}
