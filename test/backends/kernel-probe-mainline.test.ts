/**
 * The kernel adapter's probe and the mainline specs' kernel versions, on made-up kernels (test/c/
 * kernel/probe-hello.c compiles probe.c with a probe result of our choosing): nop@6.18 and
 * fixed-buf@6.15 are offered wherever their ops are; nop@7.2 and fixed-buf@7.2 only where the op
 * table is 7.2's (IORING_OP_URING_CMD128 the last op), each left out with the probe's reason.
 */
import { describe, expect, it } from 'vitest';
import { probeHello as hello } from '../helpers/probe-hello.js';

const V6 = ['nop@6.18', 'fixed-buf@6.15'];
const V7 = ['nop@7.2', 'fixed-buf@7.2'];

describe('kernel adapter probe: the mainline specs by kernel version', () => {
  it('a 6.18 op table (last op 62): the 6.18 specs, not the 7.2 ones, which name the last op', () => {
    const h = hello('stock');
    expect(h.specs).toEqual(expect.arrayContaining(V6));
    for (const s of V7) {
      expect(h.specs).not.toContain(s);
      expect(h.unsupported[s]).toMatch(/probe: last_op 62 on made-up, the 7.2 specs describe Linux 7.2, whose last op is IORING_OP_URING_CMD128 \(64\)/);
    }
    expect(h.unsupported['nop@7.2']).toMatch(/IORING_OP_NOP128 \(63\) not supported/);
  });

  it('a 7.2 op table (last op 64, NOP128 there): both versions of both specs', () => {
    const h = hello('7.2');
    expect(h.specs).toEqual(expect.arrayContaining([...V6, ...V7]));
    for (const s of [...V6, ...V7]) expect(h.unsupported[s]).toBeUndefined();
  });

  it('7.2 with the IORING_OP_BPF series (last op 65): opcode 65 is valid there, so no 7.2 spec', () => {
    const h = hello('rebased');
    expect(h.specs).toEqual(expect.arrayContaining(V6));
    for (const s of V7) expect(h.unsupported[s]).toMatch(/probe: last_op 65 on made-up/);
    expect(h.unsupported['nop@7.2']).not.toMatch(/NOP128/);
  });
});
