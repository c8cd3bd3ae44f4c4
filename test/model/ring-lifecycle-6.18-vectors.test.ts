/**
 * ring-lifecycle@6.18 against its known-answer sequences (test/vectors/ring-lifecycle-6.18.json):
 * every step's res and rule were worked out by hand from the 6.18 source and each sequence was run
 * on the live 6.18.44 kernel (test/backends/kernel-sequences.test.ts runs them there again), so a
 * model that drifts from the kernel fails here naming the sequence and the step.
 */
import { describe, expect, it } from 'vitest';
import { RING_LIFECYCLE_618_MODEL, ringLifecycle618Domain, ringLifecycle618RingDomain } from '../../model/ring-lifecycle-6.18.js';
import { runModel } from '../../model/stateful.js';
import { negErrno, resName } from '../../spec/errno.js';
import { RING_LIFECYCLE_6_18 } from '../../spec/ring-lifecycle-6.18/rules.js';
import { ruleById } from '../../spec/rule.js';
import { sequenceToJson } from '../../spec/stateful/step-json.js';
import type { Step } from '../../spec/stateful/step.js';
import { zeroSqe, type Sqe } from '../../spec/sqe-layout.js';
import { loadParsedVectors } from '../helpers/stateful-vectors.js';

const vectors = loadParsedVectors('ring-lifecycle-6.18.json');

describe('ring-lifecycle@6.18 known-answer sequences', () => {
  it('names are unique and every rule of the catalogue is expected by some step', () => {
    const names = vectors.map((v) => v.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    const expected = new Set(vectors.flatMap((v) => v.expected.map((e) => e.rule)));
    expect(RING_LIFECYCLE_6_18.rules.map((r) => r.id).filter((id) => !expected.has(id))).toEqual([]);
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    expect(ringLifecycle618RingDomain(v.sequence.ring), 'ring').toBeNull();
    v.sequence.steps.forEach((s, i) => expect(ringLifecycle618Domain(s), `${v.name} step ${i}`).toBeNull());
    const got = runModel(RING_LIFECYCLE_618_MODEL, v.sequence);
    const json = sequenceToJson(v.sequence);
    v.expected.forEach((e, i) => {
      const where = `${v.name} step ${i} ${JSON.stringify(json.steps[i])} (${v.why})`;
      const rule = ruleById(RING_LIFECYCLE_6_18, e.rule as never);
      // the row is consistent with its rule: a failure rule's -errno, a success rule's res >= 0 (NOP's injected result aside)
      if (rule.errno !== 'OK') expect(e.res, `${where}: row res vs its rule's errno`).toBe(negErrno(rule.errno));
      else if (rule.id !== 'nop.inject-result') expect(e.res, `${where}: a success row`).toBeGreaterThanOrEqual(0);
      expect({ res: got[i]!.res, name: resName(got[i]!.res), rule: got[i]!.rule }, where).toEqual({ res: e.res, name: resName(e.res), rule: e.rule });
      expect(got[i]!.posted, where).toBe(true);
    });
  });

  it('the model never mutates the state it is given', () => {
    for (const v of vectors) {
      let state = RING_LIFECYCLE_618_MODEL.initial(v.sequence.ring);
      for (const step of v.sequence.steps) {
        const before = JSON.stringify(state, (_k, x) => (x instanceof Map ? [...x] : x instanceof Set ? [...x] : x));
        const next = RING_LIFECYCLE_618_MODEL.step(state, step).state;
        expect(JSON.stringify(state, (_k, x) => (x instanceof Map ? [...x] : x instanceof Set ? [...x] : x)), v.name).toBe(before);
        state = next;
      }
    }
  });
});

describe('ring-lifecycle@6.18 domain', () => {
  const reg = (opcode: number, fields: Record<string, unknown> = {}) => ({ kind: 'register' as const, opcode, nrArgs: 0, arg: 'none' as const, offset: 0, flags: 0, nr: 0, resv: 0, resv2: 0, tags: false, entries: [], ...fields });
  const sqe = (fields: Partial<Sqe>): Step => ({ kind: 'submit', sqe: { ...zeroSqe(), ...fields } });

  it.each([
    ['an opcode the spec does not describe', reg(4), /register opcode 4/],
    ['an array kind another opcode takes', reg(0, { arg: 'fds', nrArgs: 1, entries: [{ value: 100, len: 0, tag: 0 }] }), /takes 'iovecs'/],
    ['an array with no entries', reg(2, { arg: 'fds', nrArgs: 1 }), /no entries/],
    ['tags without a tags pointer', reg(0, { arg: 'iovecs', nrArgs: 1, tags: true, entries: [{ value: 1, len: 4096, tag: 1 }] }), /tags pointer/],
    ['a field the struct does not have', reg(6, { arg: 'rsrc_update', nrArgs: 1, nr: 1, entries: [{ value: 100, len: 0, tag: 0 }] }), /no nr/],
    ['an iovec past one stride', reg(0, { arg: 'iovecs', nrArgs: 1, entries: [{ value: 1, len: 0x100001, tag: 0 }] }), /stride/],
    ['an fd that may be open', reg(2, { arg: 'fds', nrArgs: 1, entries: [{ value: 1, len: 0, tag: 0 }] }), /fd 1:/],
    ['an array read past 1024 slots', reg(0, { arg: 'iovecs', nrArgs: 2000, entries: [{ value: 1, len: 4096, tag: 0 }] }), /2000 slots/],
    ['a file table past 1024 (RLIMIT_NOFILE)', reg(13, { arg: 'rsrc_register', nrArgs: 32, nr: 2048, flags: 1 }), /RLIMIT_NOFILE/],
    ['IO_LINK', sqe({ opcode: 0, flags: 4 }), /reach across SQEs/],
    ['CQE_SKIP_SUCCESS', sqe({ opcode: 0, flags: 0x40 }), /reach across SQEs/],
    ['NOP_CQE32', sqe({ opcode: 0, op_flags: 32 }), /CQE32/],
    ['another opcode', sqe({ opcode: 22 }), /opcode 22/],
    ['rw_flags', sqe({ opcode: 4, fd: 100, op_flags: 1 }), /rw_flags/],
    ['the file position', sqe({ opcode: 4, fd: 100, off: (1n << 64n) - 1n }), /file position/],
    ['a descriptor that may be open', sqe({ opcode: 5, fd: 3 }), /fd 3:/],
    ['a bpf_op step', { kind: 'bpf_op', action: 'register', id: 1, ringFd: 0x7ffffff0 } as Step, /no BPF ops/],
  ] as const)('refuses %s, saying why', (_what, step, why) => {
    expect(ringLifecycle618Domain(step as Step)).toMatch(why);
  });

  it('describes the steps the vectors take and the rings they run on, and no other ring', () => {
    expect(ringLifecycle618Domain(reg(13, { arg: 'rsrc_register', nrArgs: 32, nr: 16384, flags: 1 }))).toMatch(/RLIMIT_NOFILE/);
    expect(ringLifecycle618Domain(reg(15, { arg: 'rsrc_register', nrArgs: 32, nr: 16384, flags: 1 }))).toBeNull();
    expect(ringLifecycle618Domain(sqe({ opcode: 200, flags: 0xff }))).toBeNull();
    expect(ringLifecycle618RingDomain({ setupFlags: 1 << 11 })).toMatch(/setupFlags 0x800/);
  });
});
