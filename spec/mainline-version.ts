/**
 * A version of a mainline spec as data: its catalogue, the kernel version's generic layer and the
 * io_issue_defs of its opcodes. The model (model/nop.ts, model/fixed-buf.ts) and the generators
 * (properties/nop/, properties/fixed-buf/) are functions of it, so a kernel version is a new
 * table, not new code.
 */
import type { GenericLayer, OpDef } from './generic-layer.js';
import type { SpecDefinition } from './rule.js';

export interface MainlineVersion<Id extends string> {
  readonly definition: SpecDefinition<Id>;
  /** The generic io_init_req layer of the kernel version. */
  readonly layer: GenericLayer;
  /** The spec's opcodes and what the generic layer asks of each. */
  readonly ops: Readonly<Record<number, OpDef>>;
}

/** The op def of `opcode`, which the version's domain has already admitted. */
export function opDefOf(v: MainlineVersion<string>, opcode: number): OpDef {
  const def = v.ops[opcode];
  if (!def) throw new Error(`${v.definition.id}: opcode ${opcode} is outside the spec (see its domain)`);
  return def;
}

/** The version's 128-byte ops (IORING_OP_NOP128 on 7.2), which need an IORING_SETUP_SQE128 ring. */
export function ops128(v: MainlineVersion<string>): number[] {
  return Object.entries(v.ops).filter(([, d]) => d.is128).map(([op]) => Number(op));
}
