/**
 * The kernel adapter's probe and the IORING_OP_BPF series, on made-up kernels (test/c/kernel/
 * probe-hello.c compiles probe.c with a probe result of our choosing): a stock kernel skips every
 * version with the reason; a kernel with the series offers all four; rebased onto 7.2 (bit 20
 * refused, 21 taken) it reports the moved flags in "constants" for the versions posted at bit 20.
 */
import { describe, expect, it } from 'vitest';
import { probeHello as hello } from '../helpers/probe-hello.js';

const SERIES = ['bpf@v1-base', 'bpf@v1', 'bpf@v2', 'bpf@v3'];

describe('kernel adapter probe: the IORING_OP_BPF series', () => {
  it('a stock kernel: every version skipped, naming its flag and bit', () => {
    const h = hello('stock');
    expect(h.specs.filter((s) => s.startsWith('bpf@'))).toEqual([]);
    expect(Object.keys(h.unsupported).filter((s) => s.startsWith('bpf@')).sort()).toEqual([...SERIES].sort());
    expect(h.unsupported['bpf@v2']).toMatch(/IORING_SETUP_BPF_OP \(1 << 20\).*IORING_OP_BPF \(65\) not supported/);
    expect(h.unsupported['bpf@v3']).toMatch(/IORING_SETUP_BPF_EXT \(1 << 21\)/);
    expect(h.constants).toBeUndefined();
  });

  it('the flags at their posted bits: every version offered, nothing to map', () => {
    const h = hello('posted');
    expect(h.specs).toEqual(expect.arrayContaining(SERIES.filter((s) => s !== 'bpf@v3')));
    // V3's flag is bit 21, which this kernel refuses
    expect(h.unsupported['bpf@v3']).toMatch(/IORING_SETUP_BPF_EXT \(1 << 21\)/);
    expect(h.constants).toBeUndefined();
  });

  it('rebased onto 7.2 (bit 20 refused, 21 taken): every version offered, V1 and V2 flags mapped to bit 21', () => {
    const h = hello('rebased');
    expect(h.specs).toEqual(expect.arrayContaining(SERIES));
    expect(h.constants).toEqual({ IORING_SETUP_BPF: 1 << 21, IORING_SETUP_BPF_OP: 1 << 21 });
  });
});

describe('kernel adapter probe: ring-lifecycle@6.18', () => {
  it('offered where the resource register calls work, and never a bpf-ops spec (no BPF program here)', () => {
    for (const kind of ['stock', 'posted', 'rebased']) {
      const h = hello(kind);
      expect(h.specs, kind).toContain('ring-lifecycle@6.18');
      expect(h.specs.filter((s) => s.startsWith('bpf-ops')), kind).toEqual([]);
    }
  });

  it('left out, naming the call and its errno, where one fails', () => {
    const h = hello('no-rsrc2');
    expect(h.specs).not.toContain('ring-lifecycle@6.18');
    expect(h.specs).toEqual(expect.arrayContaining(['nop@6.18', 'fixed-buf@6.15']));
    expect(h.unsupported['ring-lifecycle@6.18']).toBe('IORING_REGISTER_BUFFERS2 (sparse, 1 slot) failed with -EINVAL (22)');
  });
});
