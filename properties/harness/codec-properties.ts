/**
 * Properties of the harness's own codecs: they submit no case, so they run once per check whatever
 * the backend. A codec that loses a bit would make every other verdict meaningless.
 */
import fc from 'fast-check';
import { BPF_OP_FLAGS_LAYOUT, decodeBpfOpFlags, encodeBpfOpFlags, IORING_BPF_OP_FLAGS } from '../../spec/bpf-op-flags.js';
import { toHex } from '../../spec/hex.js';
import { sqeCodec } from '../../spec/sqe.js';
import type { Sqe } from '../../spec/sqe-layout.js';
import { property, type Property } from '../property.js';
import { anySqe, anySqeBytes } from '../arbitraries/sqe.js';

function sameSqe(a: Sqe, b: Sqe): boolean {
  return (Object.keys(a) as (keyof Sqe)[]).every((k) => a[k] === b[k]);
}

const sqeBytesRoundTrip = property<Uint8Array<ArrayBuffer>>({
  name: 'sqe-codec-bytes-roundtrip',
  description: 'encode(decode(bytes)) gives back the same 64 bytes',
  rules: [],
  arbitrary: anySqeBytes,
  cases: () => [],
  check: (bytes) => {
    const again = sqeCodec.encode(sqeCodec.decode(bytes));
    return toHex(again) === toHex(bytes) ? null : `sqe codec: ${toHex(bytes)} came back as ${toHex(again)}`;
  },
});

const sqeFieldsRoundTrip = property<Sqe>({
  name: 'sqe-codec-fields-roundtrip',
  description: 'decode(encode(sqe)) gives back every field',
  rules: [],
  arbitrary: anySqe,
  cases: () => [],
  check: (sqe) => (sameSqe(sqeCodec.decode(sqeCodec.encode(sqe)), sqe) ? null : `sqe codec: fields changed for ${toHex(sqeCodec.encode(sqe))}`),
});

const opFlagsRoundTrip = property<number>({
  name: 'bpf-op-flags-roundtrip',
  description: 'encode(decode(x)) == x for every u32 bpf_op_flags',
  rules: [],
  arbitrary: fc.integer({ min: 0, max: 0xffffffff }),
  cases: () => [],
  check: (x) => {
    const y = encodeBpfOpFlags(decodeBpfOpFlags(x));
    return y === x ? null : `bpf_op_flags 0x${x.toString(16)} re-encoded as 0x${y.toString(16)}`;
  },
});

const macroSemantics = property<[number, number, number, number]>({
  name: 'bpf-op-flags-macro',
  description: 'IORING_BPF_OP_FLAGS masks each field like the C macro and is always an unsigned 32-bit value',
  rules: [],
  arbitrary: fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffffffff })),
  cases: () => [],
  check: ([op, b1, b2, flags]) => {
    const v = IORING_BPF_OP_FLAGS(op, b1, b2, flags);
    if (!(v >= 0 && v <= 0xffffffff && Number.isInteger(v))) return `IORING_BPF_OP_FLAGS(${op}, ${b1}, ${b2}, ${flags}) = ${v} is not a u32`;
    const d = decodeBpfOpFlags(v);
    const want = { op: op & 0xff, buf1_type: b1 & 7, buf2_type: b2 & 7, custom: flags & 0x3ffff };
    for (const f of BPF_OP_FLAGS_LAYOUT) {
      if (d[f.name] !== want[f.name]) return `IORING_BPF_OP_FLAGS(${op}, ${b1}, ${b2}, ${flags}): ${f.name} is ${d[f.name]}, expected ${want[f.name]}`;
    }
    return null;
  },
});

/** Codec properties, run once per check. */
export const HARNESS_PROPERTIES: readonly Property<unknown>[] = [sqeBytesRoundTrip, sqeFieldsRoundTrip, opFlagsRoundTrip, macroSemantics];
