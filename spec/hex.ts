/** Hex text <-> bytes, strict: the harness never guesses what malformed hex meant. */

/** Lower-case hex of the bytes, two digits each, no separators. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/**
 * Bytes of a hex string of exactly `size` bytes. Spaces, `:` and `_` between digits and a
 * leading `0x` are allowed, since people paste hexdumps. Throws a message naming the problem.
 */
export function fromHex(text: string, size: number, what = 'hex'): Uint8Array {
  const clean = text.trim().replace(/^0x/i, '').replace(/[\s:_]/g, '');
  if (!/^[0-9a-fA-F]*$/.test(clean)) {
    const bad = clean.match(/[^0-9a-fA-F]/)?.[0];
    throw new Error(`${what}: not hex (found '${bad}')`);
  }
  if (clean.length !== size * 2) {
    throw new Error(`${what}: expected ${size * 2} hex digits (${size} bytes), got ${clean.length}`);
  }
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}
