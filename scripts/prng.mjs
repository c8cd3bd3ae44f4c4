/**
 * The seeded PRNG of the kernel fuzz tools (fuzz-kernel.mjs, fuzz-kernel-sequences.mjs): a plain
 * mulberry32, independent of fast-check, so a tool's generator shares nothing with the properties'
 * arbitraries and a seed's stream is the same everywhere.
 */

/** mulberry32: 32 bits per call, with the draws the generators use. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    u32: next,
    int: (n) => next() % n, // 0..n-1 (n well below 2^32: the bias is negligible here)
    chance: (p) => next() / 4294967296 < p,
    pick: (xs) => xs[next() % xs.length],
    u64: () => (BigInt(next()) << 32n) | BigInt(next()),
    s32: () => next() | 0,
  };
}
