/** Constants that move: a backend reporting another bit for a spec's setup flag gets every case mapped. */
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../model/outcome.js';
import type { Case } from '../../properties/case.js';
import { getSpec } from '../../registry/specs.js';
import type { Backend, Capabilities } from '../../runner/backend.js';
import { constantMappings, mapCase, withConstantMap } from '../../runner/constant-map.js';
import { zeroSqe } from '../../spec/sqe-layout.js';

const v1 = getSpec('bpf@v1').definition;
const ctx = { setupFlags: (1 << 20) | 1, nrBufs: 0, bufSize: 4096, ops: [0], personalities: 0 };

function recording(constants?: Record<string, number>): Backend & { seen: Case[] } {
  const seen: Case[] = [];
  const caps: Capabilities = { name: 'rec', specs: ['bpf@v1'], unsupported: {}, data: false, maxBatch: 8, info: {}, ...(constants ? { constants } : {}) };
  return {
    name: 'rec',
    seen,
    probe: async () => caps,
    run: async (cases) => {
      seen.push(...cases);
      return cases.map((): Outcome => ({ res: 0, posted: true, data: null }));
    },
    close: async () => {},
  };
}

describe('constant map', () => {
  it('maps only constants whose reported value differs', () => {
    expect(constantMappings(v1, undefined)).toEqual([]);
    expect(constantMappings(v1, { IORING_SETUP_BPF: 1 << 20 })).toEqual([]);
    expect(constantMappings(v1, { IORING_SETUP_BPF: 1 << 21, OTHER: 3 })).toEqual([{ name: 'IORING_SETUP_BPF', posted: 1 << 20, backend: 1 << 21 }]);
  });

  it('moves the bit and keeps the other flags', () => {
    const m = constantMappings(v1, { IORING_SETUP_BPF: 1 << 21 });
    expect(mapCase({ sqe: zeroSqe(), ctx }, m).ctx.setupFlags).toBe((1 << 21) | 1);
    expect(mapCase({ sqe: zeroSqe(), ctx: { ...ctx, setupFlags: 1 } }, m).ctx.setupFlags).toBe(1);
  });

  it('a wrapped backend receives mapped cases and reports the mapping', async () => {
    const inner = recording({ IORING_SETUP_BPF: 1 << 21 });
    const b = withConstantMap(inner, v1);
    const caps = await b.probe();
    expect(caps.info.constantMap).toBe('IORING_SETUP_BPF 0x100000 (as posted) -> 0x200000 (backend)');
    await b.run([{ sqe: zeroSqe(), ctx }]);
    expect(inner.seen[0]!.ctx.setupFlags).toBe((1 << 21) | 1);
  });

  it('without a reported value nothing changes', async () => {
    const inner = recording();
    const b = withConstantMap(inner, v1);
    expect((await b.probe()).info.constantMap).toBeUndefined();
    await b.run([{ sqe: zeroSqe(), ctx }]);
    expect(inner.seen[0]!.ctx).toEqual(ctx);
  });
});

describe('constants in an exec hello', () => {
  it('are parsed, checked and passed on to the capabilities', async () => {
    const { parseHello } = await import('../../backends/exec/hello.js');
    const h = parseHello('{"protocol":"uring-spec/1","name":"x","specs":["bpf@v1"],"data":false,"constants":{"IORING_SETUP_BPF":2097152}}');
    expect(h.constants).toEqual({ IORING_SETUP_BPF: 2097152 });
    expect(h.info).toEqual({});
    expect(() => parseHello('{"protocol":"uring-spec/1","name":"x","specs":[],"data":false,"constants":{"IORING_SETUP_BPF":-1}}')).toThrow(/^hello: constants/);
  });
});
