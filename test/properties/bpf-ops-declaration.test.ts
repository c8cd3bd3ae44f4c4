/**
 * The bpf-ops declarations on their own: drawn sequences stay inside the spec, reach every rule
 * within a few hundred sequences, registrations naming another ring never touch this one, the
 * domain refuses what the spec does not describe, and every built-in mutant is caught by a short
 * sequence (shrunk to at most 6 steps) that fails again when replayed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runModel } from '../../model/stateful.js';
import { bpfOpsRingDomain, bpfSubmitSqe } from '../../properties/bpf-ops/declaration.js';
import { BPF_OPS_V2_DECLARATION } from '../../properties/bpf-ops-v2/declaration.js';
import { BPF_OPS_V3_DECLARATION } from '../../properties/bpf-ops-v3/declaration.js';
import { BPF_OPS_V2_VERSION } from '../../spec/bpf-ops-v2/index.js';
import { BPF_OPS_V3_VERSION } from '../../spec/bpf-ops-v3/index.js';
import { sequenceFromJson, sequenceToJson } from '../../spec/stateful/step-json.js';
import { FD_OTHER_RING, FD_SELF, type StepSequence } from '../../spec/stateful/step.js';
import { sequenceOf } from '../helpers/stateful-sequences.js';

/** The most sequences a fixed seed may take to reach every rule (measured: at most 88 over 50 seeds). */
const REACH_BUDGET = 300;

/** Whether two models give every step of a sequence the same res and completion: what a backend is compared on (it reports no rules). */
function agree(a: ReturnType<typeof runModel>, b: ReturnType<typeof runModel>): boolean {
  return a.every((x, i) => x.res === b[i]!.res && x.posted === b[i]!.posted);
}

describe.each([
  ['bpf-ops@v2', BPF_OPS_V2_DECLARATION, BPF_OPS_V2_VERSION],
  ['bpf-ops@v3', BPF_OPS_V3_DECLARATION, BPF_OPS_V3_VERSION],
] as const)('%s declaration', (_id, decl, version) => {
  it('draws rings and steps inside the spec, at most maxSteps (16) long', () => {
    expect(decl.maxSteps).toBe(16);
    fc.assert(
      fc.property(sequenceOf(decl), (seq) => {
        expect(bpfOpsRingDomain(version)(seq.ring)).toBeNull();
        for (const s of seq.steps) expect(decl.domain(s)).toBeNull();
        expect(seq.steps.length).toBeLessThanOrEqual(decl.maxSteps);
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it(`reaches every rule within ${REACH_BUDGET} sequences`, () => {
    const all = decl.definition.rules.map((r) => r.id);
    const seen = new Set<string>();
    for (const seq of fc.sample(sequenceOf(decl), { numRuns: REACH_BUDGET, seed: 11 })) for (const o of runModel(decl.model, seq)) seen.add(o.rule);
    expect(all.filter((r) => !seen.has(r))).toEqual([]);
  });

  it('a bpf_op step naming the other ring, a file or a closed descriptor leaves this ring as it was', () => {
    const foreign = fc.record({ kind: fc.constant('bpf_op' as const), action: fc.constantFrom('register' as const, 'unregister' as const), id: fc.integer({ min: 0, max: 20 }), ringFd: fc.constantFrom(FD_OTHER_RING, 100, 1000, -1) });
    fc.assert(
      fc.property(sequenceOf(decl), foreign, (seq, step) => {
        let state = decl.model.initial(seq.ring);
        for (const s of seq.steps) state = decl.model.step(state, s).state;
        const after = decl.model.step(state, step);
        expect(after.outcome.res).toBeLessThan(0);
        expect(after.state.self).toEqual(state.self);
      }),
      { numRuns: 300, seed: 13 },
    );
  });

  it('the domain refuses register steps, unknown selectors, ids past a u16 and SQEs beyond bpf_op_flags', () => {
    const reg = { kind: 'register', opcode: 0, nrArgs: 0, arg: 'none', offset: 0, flags: 0, nr: 0, resv: 0, resv2: 0, tags: false, entries: [] } as const;
    expect(decl.domain({ ...reg, entries: [] })).toMatch(/no io_uring_register steps/);
    expect(decl.domain({ kind: 'bpf_op', action: 'register', id: 0, ringFd: 5 })).toMatch(/selectors/);
    expect(decl.domain({ kind: 'bpf_op', action: 'register', id: 0x10000, ringFd: FD_SELF })).toMatch(/unsigned short/);
    expect(decl.domain({ kind: 'bpf_op', action: 'unregister', id: 0xffff, ringFd: -1 })).toBeNull();
    expect(decl.domain({ kind: 'submit', sqe: { ...bpfSubmitSqe(0, 0), flags: 1 } })).toMatch(/field flags/);
    expect(decl.domain({ kind: 'submit', sqe: { ...bpfSubmitSqe(0, 0), opcode: 0 } })).toMatch(/opcode 0/);
    expect(decl.domain({ kind: 'submit', sqe: { ...bpfSubmitSqe(3, 0xffffff), user_data: 7n } })).toBeNull();
    expect(bpfOpsRingDomain(version)({ setupFlags: 1 })).toMatch(/setupFlags 1/);
  });

  it('has at least two mutants, each with its own name', () => {
    expect(decl.mutants.length).toBeGreaterThanOrEqual(2);
    expect(new Set(decl.mutants.map((m) => m.name)).size).toBe(decl.mutants.length);
  });

  it.each(decl.mutants.map((m) => [m.name, m] as const))('mutant %s is caught by a sequence of at most 6 steps that fails again on replay', (_name, m) => {
    const disagrees = (seq: StepSequence) => !agree(runModel(decl.model, seq), runModel(m.model, seq));
    const r = fc.check(
      fc.property(sequenceOf(decl), (seq) => !disagrees(seq)),
      { numRuns: 1000, seed: 17 },
    );
    expect(r.failed, `${m.name} was not caught`).toBe(true);
    const seq = r.counterexample![0];
    expect(seq.steps.length, JSON.stringify(sequenceToJson(seq))).toBeLessThanOrEqual(6);
    // the reported sequence, through its JSON form, still tells the mutant from the reference
    const replayed = JSON.parse(JSON.stringify(sequenceToJson(seq))) as unknown;
    expect(disagrees(sequenceFromJson(replayed, 'replay'))).toBe(true);
  });
});

