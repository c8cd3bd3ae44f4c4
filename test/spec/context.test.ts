/** parseContext: defaults, JSON text, and rejections whose message names the offending key. */
import { describe, expect, it } from 'vitest';
import { IORING_SETUP_BPF, IORING_SETUP_IOPOLL } from '../../spec/constants.js';
import { canonicalContext, defaultContext, parseContext } from '../../spec/context.js';

/**
 * The part of a parseContext error that says what is wrong: every message ends with a list of all
 * valid keys, so "names the key" must be checked before that list.
 */
function complaint(input: unknown, what?: string): string {
  try {
    parseContext(input, what);
  } catch (e) {
    return (e as Error).message.split(' (keys: ')[0]!;
  }
  throw new Error(`complaint: parseContext accepted ${JSON.stringify(input)}`);
}

describe('parseContext accepts', () => {
  it('an empty object: the defaults', () => {
    expect(parseContext({})).toEqual({ setupFlags: 0, nrBufs: 0, bufSize: 4096, ops: [], personalities: 0 });
    expect(defaultContext()).toEqual(parseContext({}));
  });

  it('JSON text, and gives the canonical form (ops sorted)', () => {
    const text = JSON.stringify({ setupFlags: IORING_SETUP_BPF | IORING_SETUP_IOPOLL, nrBufs: 2, bufSize: 8192, ops: [255, 3, 0, 128], personalities: 4 });
    expect(parseContext(text)).toEqual({ setupFlags: 0x100001, nrBufs: 2, bufSize: 8192, ops: [0, 3, 128, 255], personalities: 4 });
    expect(parseContext('  {}  ')).toEqual(defaultContext());
  });

  it('the ends of each range', () => {
    expect(parseContext({ setupFlags: 0xffffffff, nrBufs: 16384, bufSize: 0x100000, ops: [0, 255], personalities: 0xffff })).toEqual({
      setupFlags: 0xffffffff,
      nrBufs: 16384,
      bufSize: 0x100000,
      ops: [0, 255],
      personalities: 0xffff,
    });
    expect(parseContext({ bufSize: 1 }).bufSize).toBe(1);
  });

  it('a context already canonical is unchanged by canonicalContext', () => {
    const c = parseContext({ ops: [9, 1] });
    expect(canonicalContext(c)).toEqual(c);
  });
});

describe('parseContext rejects, naming the key', () => {
  it.each([
    ['an unknown key', { nrbufs: 2 }, /Unrecognized key: "nrbufs"/],
    ['negative nrBufs', { nrBufs: -1 }, /^ctx: nrBufs: /],
    ['nrBufs above IORING_MAX_REG_BUFFERS', { nrBufs: 16385 }, /^ctx: nrBufs: /],
    ['fractional nrBufs', { nrBufs: 1.5 }, /^ctx: nrBufs: /],
    ['bufSize 0', { bufSize: 0 }, /^ctx: bufSize: /],
    ['bufSize above 0x100000', { bufSize: 0x100001 }, /^ctx: bufSize: /],
    ['duplicate ops', { ops: [3, 4, 3] }, /^ctx: ops: .*unique/],
    ['op 256', { ops: [1, 256] }, /^ctx: ops\.1: /],
    ['op -1', { ops: [-1] }, /^ctx: ops\.0: /],
    ['ops not an array', { ops: 3 }, /^ctx: ops: /],
    ['negative setupFlags', { setupFlags: -1 }, /^ctx: setupFlags: /],
    ['setupFlags above u32', { setupFlags: 2 ** 32 }, /^ctx: setupFlags: /],
    ['personalities above u16', { personalities: 0x10000 }, /^ctx: personalities: /],
    ['a string where a number is expected', { nrBufs: '2' }, /^ctx: nrBufs: /],
  ])('%s', (_what, input, message) => {
    expect(complaint(input)).toMatch(message);
    expect(complaint(JSON.stringify(input))).toMatch(message);
  });

  it('names only the offending key', () => {
    const c = complaint({ bufSize: 0 });
    for (const other of ['setupFlags', 'nrBufs', 'ops', 'personalities']) expect(c).not.toContain(other);
  });

  it('names every offending key when several are wrong', () => {
    const c = complaint({ nrBufs: -1, bufSize: 0 });
    expect(c).toMatch(/nrBufs: /);
    expect(c).toMatch(/bufSize: /);
  });

  it('non-JSON text, saying so', () => {
    expect(() => parseContext('{nrBufs: 2}')).toThrow(/^ctx: not JSON/);
    expect(() => parseContext('')).toThrow(/^ctx: not JSON/);
  });

  it('JSON that is not an object', () => {
    expect(complaint('[]')).toMatch(/^ctx: \(root\): /);
    expect(complaint(null)).toMatch(/^ctx: \(root\): /);
  });

  it('messages start with the caller-given name', () => {
    expect(complaint({ nrBufs: -1 }, '--ctx')).toMatch(/^--ctx: nrBufs: /);
  });

  it('the message lists the valid keys', () => {
    expect(() => parseContext({ x: 1 })).toThrow(/keys: setupFlags, nrBufs, bufSize, ops, personalities/);
  });
});
