import { createHash, randomBytes } from 'node:crypto';

/** Randomness every component draws from. With a seed the stream is repeatable byte for byte. */
export interface Random {
  bytes(n: number): Buffer;
  hex(length: number): string;
  /** A float in [0, 1). */
  float(): number;
  /** The seed, when the stream is repeatable. */
  readonly seed: string | undefined;
  /** Bytes drawn so far: where a seeded stream stands, so a restart can continue it (`skipTo`). */
  position(): number;
  /** Moves a seeded stream on to `position` (never back); no-op for the unseeded one. */
  skipTo(position: number): void;
}

/**
 * Without a seed: the platform CSPRNG. With a seed: SHA-256 in counter mode over the seed, so the same
 * seed yields the same SIDs and generated values on every run and platform.
 */
export function createRandom(seed?: string | number): Random {
  const seedText = seed === undefined ? undefined : String(seed);
  let pool = Buffer.alloc(0);
  let counter = 0;
  let drawn = 0;
  // Both streams draw from a pool so minting a SID is not a syscall (unseeded) or a hash (seeded) each time.
  const refill = () => (seedText === undefined ? randomBytes(4096) : createHash('sha256').update(`${seedText}:${counter++}`).digest());
  const bytes = (n: number): Buffer => {
    while (pool.length < n) pool = pool.length === 0 ? refill() : Buffer.concat([pool, refill()]);
    const out = pool.subarray(0, n);
    pool = pool.subarray(n);
    drawn += n;
    return Buffer.from(out);
  };
  const BLOCK = 32;
  return {
    seed: seedText,
    bytes,
    hex: (length) => bytes(Math.ceil(length / 2)).toString('hex').slice(0, length),
    float: () => bytes(6).readUIntBE(0, 6) / 2 ** 48,
    position: () => drawn,
    skipTo(position) {
      if (seedText === undefined || !Number.isSafeInteger(position) || position <= drawn) return;
      // Seeded blocks are SHA-256(seed:counter), 32 bytes each: jump to the block holding `position`.
      const target = position;
      // The pool always ends on a block boundary: it holds bytes [drawn, drawn + pool.length).
      if (target <= drawn + pool.length) {
        pool = pool.subarray(target - drawn);
      } else {
        counter = Math.floor(target / BLOCK);
        pool = createHash('sha256').update(`${seedText}:${counter++}`).digest().subarray(target % BLOCK);
      }
      drawn = target;
    },
  };
}
