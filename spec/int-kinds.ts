/**
 * The integer kinds a binary layout is made of, with their size, range and little-endian
 * accessors. 64-bit kinds are bigint so no bit is lost in JavaScript.
 */
export type IntKind = 'u8' | 'u16' | 'u32' | 's32' | 'u64';

/** The JavaScript type a kind decodes to. */
export type IntValue<K extends IntKind> = K extends 'u64' ? bigint : number;

interface KindInfo {
  readonly size: number;
  readonly signed: boolean;
  readonly min: number | bigint;
  readonly max: number | bigint;
  read(view: DataView, offset: number): number | bigint;
  write(view: DataView, offset: number, value: number | bigint): void;
}

/** Size, range and accessors of each kind; the layouts and their codecs are derived from this. */
export const INT_KINDS: Readonly<Record<IntKind, KindInfo>> = {
  u8: { size: 1, signed: false, min: 0, max: 0xff, read: (v, o) => v.getUint8(o), write: (v, o, x) => v.setUint8(o, Number(x)) },
  u16: { size: 2, signed: false, min: 0, max: 0xffff, read: (v, o) => v.getUint16(o, true), write: (v, o, x) => v.setUint16(o, Number(x), true) },
  u32: { size: 4, signed: false, min: 0, max: 0xffffffff, read: (v, o) => v.getUint32(o, true), write: (v, o, x) => v.setUint32(o, Number(x), true) },
  s32: { size: 4, signed: true, min: -0x80000000, max: 0x7fffffff, read: (v, o) => v.getInt32(o, true), write: (v, o, x) => v.setInt32(o, Number(x), true) },
  u64: { size: 8, signed: false, min: 0n, max: 0xffffffffffffffffn, read: (v, o) => v.getBigUint64(o, true), write: (v, o, x) => v.setBigUint64(o, BigInt(x), true) },
};

/** Whether value is an integer of the kind's type and range. */
export function fitsKind(kind: IntKind, value: unknown): boolean {
  const k = INT_KINDS[kind];
  if (kind === 'u64') return typeof value === 'bigint' && value >= (k.min as bigint) && value <= (k.max as bigint);
  return typeof value === 'number' && Number.isInteger(value) && value >= (k.min as number) && value <= (k.max as number);
}
