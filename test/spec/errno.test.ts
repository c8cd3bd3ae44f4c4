/** errno names and numbers, and the sanity of the bpf@v1 rule catalogue built on them. */
import { describe, expect, it } from 'vitest';
import { BPF_V1 } from '../../spec/bpf-v1/index.js';
import { ERRNO, errnoByName, negErrno, resName } from '../../spec/errno.js';
import { GENERIC_RULE_IDS } from '../../spec/generic-layer.js';
import { ruleById } from '../../spec/rule.js';

describe('errno', () => {
  it('the numbers the specs use match asm-generic/errno*.h', () => {
    expect(ERRNO).toMatchObject({ EPERM: 1, EACCES: 13, EFAULT: 14, EBUSY: 16, EINVAL: 22, EOPNOTSUPP: 95 });
  });

  it('numbers are unique', () => {
    const nums = Object.values(ERRNO);
    expect(new Set(nums).size).toBe(nums.length);
  });

  it('negErrno', () => {
    expect(negErrno('EINVAL')).toBe(-22);
    expect(negErrno('EACCES')).toBe(-13);
    expect(negErrno('EFAULT')).toBe(-14);
    expect(negErrno('EOPNOTSUPP')).toBe(-95);
  });

  it('resName', () => {
    expect(resName(0)).toBe('OK');
    expect(resName(4096)).toBe('OK');
    expect(resName(-22)).toBe('EINVAL');
    expect(resName(-95)).toBe('EOPNOTSUPP');
    expect(resName(-13)).toBe('EACCES');
    expect(resName(-14)).toBe('EFAULT');
    expect(resName(-4095)).toBe('E?4095');
    for (const [name, n] of Object.entries(ERRNO)) expect(resName(-n)).toBe(name);
  });

  it('errnoByName', () => {
    expect(errnoByName('EINVAL')).toBe(22);
    expect(errnoByName('EFAULT')).toBe(14);
    expect(errnoByName('einval')).toBeUndefined();
    expect(errnoByName('OK')).toBeUndefined();
  });

  // regression: errnoByName once indexed the ERRNO object directly, so inherited names such as
  // 'toString' returned Object.prototype members instead of undefined
  it.each(['toString', 'constructor', 'hasOwnProperty', '__proto__'])('errnoByName(%s) is undefined, not an Object.prototype member', (name) => {
    const got: unknown = errnoByName(name);
    expect(typeof got, `errnoByName('${name}') returned a ${typeof got}`).toBe('undefined');
  });
});

describe('bpf@v1 rule catalogue', () => {
  const rules = BPF_V1.rules;

  it('ids are unique', () => {
    const ids = rules.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('orders are non-decreasing in catalogue order', () => {
    for (let i = 1; i < rules.length; i++) {
      expect(rules[i]!.order, `${rules[i - 1]!.id} (${rules[i - 1]!.order}) then ${rules[i]!.id}`).toBeGreaterThanOrEqual(rules[i - 1]!.order);
    }
  });

  it('every errno name is known', () => {
    for (const r of rules) {
      if (r.errno !== 'OK') expect(errnoByName(r.errno), r.id).toBeTypeOf('number');
    }
  });

  it('exactly one OK rule, and it comes last', () => {
    const ok = rules.filter((r) => r.errno === 'OK');
    expect(ok.map((r) => r.id)).toEqual(['bpf.prep.ok']);
    expect(rules.at(-1)!.id).toBe('bpf.prep.ok');
  });

  it('every source and summary is non-empty', () => {
    for (const r of rules) {
      expect(r.source.trim(), r.id).not.toBe('');
      expect(r.summary.trim(), r.id).not.toBe('');
    }
  });

  it('the catalogue is the one the brief lists, generic layer first', () => {
    expect(rules.map((r) => r.id)).toEqual([
      // IORING_OP_BPF is no 128-byte op: the generic layer's 128-byte check never fires for it
      ...GENERIC_RULE_IDS.filter((id) => id !== 'generic.sqe128.required'),
      'bpf.setup.missing',
      'bpf.custom-flags.set',
      'bpf.buf1.fixed.empty-table',
      'bpf.buf1.fixed.index-out-of-range',
      'bpf.buf1.type.reserved',
      'bpf.buf2.type.fixed',
      'bpf.buf2.type.reserved',
      'bpf.op.unregistered',
      'bpf.prep.ok',
    ]);
  });

  it('errnos follow SPEC-NOTES sections 2 and 3', () => {
    expect(Object.fromEntries(rules.map((r) => [r.id, r.errno]))).toEqual({
      'generic.opcode.invalid': 'EINVAL',
      'generic.flags.undefined': 'EINVAL',
      'generic.buffer-select.unsupported': 'EOPNOTSUPP',
      'generic.drain.skip-success': 'EOPNOTSUPP',
      'generic.ioprio.unsupported': 'EINVAL',
      'generic.iopoll.unsupported': 'EINVAL',
      'generic.personality.unregistered': 'EINVAL',
      'bpf.setup.missing': 'EACCES',
      'bpf.custom-flags.set': 'EINVAL',
      'bpf.buf1.fixed.empty-table': 'EFAULT',
      'bpf.buf1.fixed.index-out-of-range': 'EINVAL',
      'bpf.buf1.type.reserved': 'EINVAL',
      'bpf.buf2.type.fixed': 'EINVAL',
      'bpf.buf2.type.reserved': 'EINVAL',
      'bpf.op.unregistered': 'EOPNOTSUPP',
      'bpf.prep.ok': 'OK',
    });
  });

  it('the bpf rules cite the patch by Message-ID', () => {
    for (const r of rules.filter((x) => x.id.startsWith('bpf.'))) expect(r.source, r.id).toMatch(/lore\.kernel\.org\/r\//);
  });

  it('ruleById finds each rule and throws, naming itself, for an unknown id', () => {
    for (const r of rules) expect(ruleById(BPF_V1, r.id)).toBe(r);
    // @ts-expect-error a misspelt id does not compile; at run time it throws
    expect(() => ruleById(BPF_V1, 'bpf.nope')).toThrow(/^ruleById: spec bpf@v1 has no rule 'bpf.nope'/);
  });
});
