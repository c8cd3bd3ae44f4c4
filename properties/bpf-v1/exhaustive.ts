/**
 * Exhaustive mode for bpf@v1: every combination of the equivalence classes the rules distinguish,
 * one representative case each, in a fixed order. Classes: the seven generic checks (each broken or
 * not: 128 combinations, DRAIN+CQE_SKIP_SUCCESS included), IORING_SETUP_BPF present or not, custom flags zero / one bit / many,
 * buffer-1 and buffer-2 types 0-7, table empty / one / many, buf_index below / at / above nr and
 * 65535, op registered or not. Representatives rotate through boundary values (op 0/127/128/255,
 * each custom bit) by combination number, so the whole run still visits the edges.
 */
import { IORING_BPF_OP_FLAGS } from '../../spec/bpf-op-flags.js';
import { BPF_GENERIC_LAYER } from '../../spec/bpf/common.js';
import { IORING_SETUP_BPF_V1 } from '../../spec/bpf-v1/index.js';

const BPF_V1_OP_LAST = BPF_GENERIC_LAYER.opLast;
const IORING_SETUP_BPF = IORING_SETUP_BPF_V1.value;
import { IORING_OP_BPF, IORING_SETUP_IOPOLL, IOSQE_BUFFER_SELECT, IOSQE_CQE_SKIP_SUCCESS, IOSQE_IO_DRAIN, canonicalBufAddr } from '../../spec/constants.js';
import { zeroSqe } from '../../spec/sqe-layout.js';
import type { Case } from '../case.js';

const GENERIC = ['opcode', 'bit7', 'buffer-select', 'drain-skip', 'ioprio', 'iopoll', 'personality'] as const;
const CUSTOM = ['zero', 'one', 'many'] as const;
const TABLE = [0, 1, 16] as const;
const INDEX = ['below', 'at', 'above', 'max'] as const;
const OPS = [0, 127, 128, 255] as const;

/** How many combinations there are (128 * 2 * 3 * 8 * 8 * 3 * 4 * 2). */
export const BPF_V1_CLASS_COUNT = 128 * 2 * CUSTOM.length * 8 * 8 * TABLE.length * INDEX.length * 2;

/** Every class combination with its representative case. */
export function* bpfV1Exhaustive(): Generator<{ classes: string; case: Case }> {
  let n = 0;
  for (let generic = 0; generic < 128; generic++)
    for (const setup of [true, false])
      for (const custom of CUSTOM)
        for (let buf1 = 0; buf1 < 8; buf1++)
          for (let buf2 = 0; buf2 < 8; buf2++)
            for (const nr of TABLE)
              for (const index of INDEX)
                for (const registered of [true, false]) {
                  const op = OPS[n % OPS.length]!;
                  const customBits = custom === 'zero' ? 0 : custom === 'one' ? 1 << n % 18 : 0x3ffff - (n % 7);
                  const bufIndex = index === 'below' ? Math.max(0, nr - 1) : index === 'at' ? nr : index === 'above' ? nr + 1 : 0xffff;
                  const broken = GENERIC.filter((_, bit) => generic & (1 << bit));
                  const sqe = zeroSqe();
                  sqe.opcode = broken.includes('opcode') ? [BPF_V1_OP_LAST, 127, 128, 255][n % 4]! : IORING_OP_BPF;
                  sqe.flags = (broken.includes('bit7') ? 0x80 : 0) | (broken.includes('buffer-select') ? IOSQE_BUFFER_SELECT : 0) | (broken.includes('drain-skip') ? IOSQE_IO_DRAIN | IOSQE_CQE_SKIP_SUCCESS : 0);
                  sqe.ioprio = broken.includes('ioprio') ? 1 : 0;
                  sqe.personality = broken.includes('personality') ? 2 : 1; // one personality registered
                  sqe.op_flags = IORING_BPF_OP_FLAGS(op, buf1, buf2, customBits);
                  sqe.addr = canonicalBufAddr(0) + BigInt(n % 4096);
                  sqe.len = 1 + (n % 4096);
                  sqe.buf_index = bufIndex;
                  sqe.addr3 = 0x7f0000000000n + BigInt(n);
                  sqe.splice_fd_in = n;
                  sqe.user_data = BigInt(n);
                  const setupFlags = ((setup ? IORING_SETUP_BPF : 0) | (broken.includes('iopoll') ? IORING_SETUP_IOPOLL : 0)) >>> 0;
                  const classes = `generic=${broken.join('+') || 'ok'} setup=${setup ? 'bpf' : 'none'} custom=${custom} buf1=${buf1} buf2=${buf2} table=${nr} index=${index} op=${registered ? 'registered' : 'unregistered'}`;
                  yield { classes, case: { sqe, ctx: { setupFlags, nrBufs: nr, bufSize: 4096, ops: registered ? [op] : [], personalities: 1 } } };
                  n++;
                }
}
