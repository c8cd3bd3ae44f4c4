/**
 * Exhaustive mode's enumeration, shared by the mainline specs. Spec-agnostic (named dimensions of
 * string classes), hence common/. bpf@v1's enumeration predates it and rotates its representatives
 * by combination number, which an odometer over labels does not reproduce, so it keeps its loops.
 */

/**
 * An odometer over named dimensions, last dimension fastest, in a fixed order: every combination
 * of one class per dimension, labelled "name=class ...".
 */
export function* classProduct<D extends Record<string, readonly string[]>>(dims: D): Generator<{ label: string; pick: { [K in keyof D]: D[K][number] } }> {
  const names = Object.keys(dims) as (keyof D & string)[];
  const idx = names.map(() => 0);
  if (names.some((n) => dims[n]!.length === 0)) return;
  for (;;) {
    const pick = {} as { [K in keyof D]: D[K][number] };
    for (let i = 0; i < names.length; i++) (pick as Record<string, string>)[names[i]!] = dims[names[i]!]![idx[i]!]!;
    yield { label: names.map((n) => `${n}=${(pick as Record<string, string>)[n]}`).join(' '), pick };
    let i = names.length - 1;
    for (; i >= 0; i--) {
      idx[i]!++;
      if (idx[i]! < dims[names[i]!]!.length) break;
      idx[i] = 0;
    }
    if (i < 0) return;
  }
}
