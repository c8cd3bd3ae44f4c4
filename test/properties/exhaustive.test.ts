/** Exhaustive mode covers every equivalence class of bpf@v1, each once, and fires every rule. */
import { describe, expect, it } from 'vitest';
import { BPF_V1_CLASS_COUNT, bpfV1Exhaustive } from '../../properties/bpf-v1/exhaustive.js';
import { getSpec } from '../../registry/specs.js';
import { decodeBpfOpFlags } from '../../spec/bpf-op-flags.js';

const spec = getSpec('bpf@v1');

describe('bpf@v1 exhaustive classes', () => {
  const all = [...bpfV1Exhaustive()];

  it('has every combination once', () => {
    expect(all.length).toBe(BPF_V1_CLASS_COUNT);
    expect(new Set(all.map((x) => x.classes)).size).toBe(all.length);
  });

  it('reaches every class value of every dimension', () => {
    const seen = new Map<string, Set<string>>();
    for (const x of all) {
      for (const part of x.classes.split(' ')) {
        const [k, v] = part.split('=') as [string, string];
        if (!seen.has(k)) seen.set(k, new Set());
        seen.get(k)!.add(v);
      }
    }
    expect(seen.get('generic')!.size).toBe(128);
    expect([...seen.get('buf1')!].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
    expect([...seen.get('buf2')!].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
    expect([...seen.get('custom')!].sort()).toEqual(['many', 'one', 'zero']);
    expect([...seen.get('index')!].sort()).toEqual(['above', 'at', 'below', 'max']);
    expect([...seen.get('table')!].sort()).toEqual(['0', '1', '16']);
  });

  it('labels tell the truth about the representative case', () => {
    for (const x of all.filter((_, i) => i % 997 === 0)) {
      const f = decodeBpfOpFlags(x.case.sqe.op_flags);
      expect(x.classes).toContain(`buf1=${f.buf1_type} buf2=${f.buf2_type}`);
      expect(x.classes).toContain(`table=${x.case.ctx.nrBufs}`);
      expect(x.classes.includes('custom=zero')).toBe(f.custom === 0);
    }
  });

  it('fires every rule of the catalogue', () => {
    const fired = new Set(all.map((x) => spec.model(x.case).rule));
    expect([...fired].sort()).toEqual(spec.definition.rules.map((r) => r.id).sort());
  });
});
