/** `uring-spec decode HEX`: the SQE's fields and, for IORING_OP_BPF, its bpf_op_flags. */
import { BPF_OP_FLAGS_LAYOUT, decodeBpfOpFlags } from '../../spec/bpf-op-flags.js';
import { IORING_OP_BPF } from '../../spec/constants.js';
import { sqeFromHex } from '../../spec/sqe.js';
import { sqeFieldLines } from '../../report/sqe-fields.js';
import { hexBigints } from '../../report/json-fields.js';
import { parse } from '../args.js';
import { asUsage, UsageError } from '../usage-error.js';

export const DECODE_USAGE = `uring-spec decode HEX [--json]
  Prints the 64-byte SQE's fields (128 hex digits); for opcode ${IORING_OP_BPF} also the decoded bpf_op_flags.`;

/** Runs the command; returns the exit code. */
export async function decodeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse('decode', argv, { json: { type: 'boolean' } }, true);
  if (positionals.length !== 1) throw new UsageError('decode: give exactly one SQE as 128 hex digits');
  const sqe = asUsage('decode', () => sqeFromHex(positionals[0]!));
  const bpf = sqe.opcode === IORING_OP_BPF ? decodeBpfOpFlags(sqe.op_flags) : null;
  if (values.json) {
    process.stdout.write(JSON.stringify({ sqe: hexBigints(sqe), bpf_op_flags: bpf }) + '\n');
    return 0;
  }
  process.stdout.write(sqeFieldLines(sqe).join('\n') + '\n');
  if (bpf) {
    process.stdout.write(`bpf_op_flags 0x${(sqe.op_flags >>> 0).toString(16).padStart(8, '0')}:\n`);
    for (const f of BPF_OP_FLAGS_LAYOUT) {
      const bits = `${f.shift + f.width - 1}-${f.shift}`;
      process.stdout.write(`  ${f.name.padEnd(10)} bits ${bits.padEnd(6)} = ${bpf[f.name]}  ${f.doc}\n`);
    }
  }
  return 0;
}
