/** Seeds: one run seed, one derived seed per property, so adding a property moves no other's cases. */

/** FNV-1a of a string, 32-bit. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The seed a property's generator starts from. */
export function propertySeed(runSeed: number, propertyName: string): number {
  return (runSeed ^ fnv1a(propertyName)) | 0;
}

/** A fresh run seed when none was given (printed in every report, so any run can be replayed). */
export function freshSeed(): number {
  // unsigned, so the printed seed pastes back as `--seed N` (a leading '-' reads as an option)
  return (Date.now() ^ (Math.random() * 0x100000000)) >>> 0;
}

/**
 * fast-check's bias schedule (runIdToFrequency): early trials lean harder on small values and
 * boundaries, later ones spread out.
 */
export function biasFor(trialIndex: number): number {
  return 2 + Math.floor(Math.log10(trialIndex + 1));
}
