/**
 * `uring-spec diff`: the rule, layout and constant changes between versions of the series, and
 * every example it prints replayed through `run` on both specs, giving the two results it claims.
 */
import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../../runner/diff.js';
import { getSpec } from '../../registry/specs.js';
import { resName } from '../../spec/errno.js';
import { runCli } from '../helpers/run-cli.js';

interface JsonDiff {
  a: string;
  b: string;
  added: { id: string }[];
  removed: { id: string }[];
  changed: { id: string; errno?: [string, string]; condition?: [string, string] }[];
  constants: { name: [string | null, string | null]; value: [number | null, number | null] }[];
  examples: { rule: string; sqe: string; ctxA: unknown; ctxB: unknown; a: { res: number; rule: string }; b: { res: number; rule: string } }[];
  unexampled: string[];
}

async function diff(a: string, b: string): Promise<JsonDiff> {
  const r = await runCli(['diff', a, b, '--json', '--samples', '4000']);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as JsonDiff;
}

/** What `run --backend model` answers for one case: "res <n> <ERRNO> (<rule>)". */
async function run(spec: string, sqe: string, ctx: unknown): Promise<string> {
  const r = await runCli(['run', '--spec', spec, '--backend', 'model', '--sqe', sqe, '--ctx', JSON.stringify(ctx)]);
  expect(r.code, r.err).toBe(0);
  return r.out.trim();
}

describe('uring-spec diff', () => {
  it('bpf@v1 -> bpf@v2: custom flags stop being rejected, the missing setup flag turns -EACCES into -EOPNOTSUPP, op ids get a range', async () => {
    const d = await diff('bpf@v1', 'bpf@v2');
    expect(d.removed.map((r) => r.id)).toContain('bpf.custom-flags.set');
    expect(d.added.map((r) => r.id)).toEqual(['bpf.op.out-of-range']);
    expect(d.changed.find((c) => c.id === 'bpf.setup.missing')?.errno).toEqual(['EACCES', 'EOPNOTSUPP']);
    expect(d.constants[0]!.name).toEqual(['IORING_SETUP_BPF', 'IORING_SETUP_BPF_OP']);
    const custom = d.examples.find((e) => e.rule === 'bpf.custom-flags.set')!;
    expect(resName(custom.a.res)).toBe('EINVAL');
    expect(custom.b.rule).not.toBe('bpf.custom-flags.set');
    expect(d.unexampled).toEqual([]);
  });

  it('every printed example gives, through run, the two results it claims', async () => {
    for (const [a, b] of [['bpf@v1', 'bpf@v2'], ['bpf@v1-base', 'bpf@v1'], ['bpf@v1', 'bpf@v3']] as const) {
      const d = await diff(a, b);
      expect(d.examples.length, `${a} -> ${b}`).toBeGreaterThan(0);
      for (const e of d.examples) {
        expect(await run(a, e.sqe, e.ctxA), `${a} ${e.rule}`).toBe(`res ${e.a.res} ${resName(e.a.res)} (${e.a.rule})`);
        expect(await run(b, e.sqe, e.ctxB), `${b} ${e.rule}`).toBe(`res ${e.b.res} ${resName(e.b.res)} (${e.b.rule})`);
        expect(e.a.res === e.b.res && e.a.rule === e.b.rule, e.rule).toBe(false);
      }
    }
  });

  it('bpf@v2 -> bpf@v3: only the setup flag moves (bit 20 -> 21), and with the bit mapped no result changes', () => {
    const d = diffSpecs(getSpec('bpf@v2'), getSpec('bpf@v3'), { samples: 3000 });
    expect(d.constants).toEqual([{ name: ['IORING_SETUP_BPF_OP', 'IORING_SETUP_BPF_EXT'], value: [1 << 20, 1 << 21] }]);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.changed.map((c) => c.id)).toEqual(['bpf.setup.missing']);
    expect(d.examples).toEqual([]);
    expect(d.unexampled).toEqual(['bpf.setup.missing']);
  });

  it('a spec against itself has no difference', () => {
    const d = diffSpecs(getSpec('nop@6.18'), getSpec('nop@6.18'), { samples: 10 });
    expect([d.added, d.removed, d.changed, d.examples, d.constants]).toEqual([[], [], [], [], []]);
  });

  it('usage errors: one spec, an unknown spec', async () => {
    expect((await runCli(['diff', 'bpf@v1'])).code).toBe(2);
    const r = await runCli(['diff', 'bpf@v1', 'bpf@v9']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown spec 'bpf@v9'/);
  });
});
