/** `replay --sequence`: a sequence record replayed as one batch; bad records are usage errors. */
import { describe, expect, it } from 'vitest';
import { sequenceRecord } from '../../runner/sequence.js';
import { sqeFromHex } from '../../spec/sqe.js';
import { runCli } from '../helpers/run-cli.js';

const efault = { sqe: sqeFromHex('41' + '00'.repeat(27) + '00004000' + '00'.repeat(32)), ctx: { setupFlags: 1 << 20, nrBufs: 0, bufSize: 4096, ops: [], personalities: 0 } };
const eacces = { sqe: sqeFromHex('41' + '00'.repeat(63)), ctx: { setupFlags: 0, nrBufs: 0, bufSize: 4096, ops: [], personalities: 0 } };
const record = JSON.stringify(sequenceRecord({ cases: [efault, eacces], differs: 1 }));

describe('uring-spec replay --sequence', () => {
  it('replays every case of the sequence, labelled, and agrees on the model', async () => {
    const r = await runCli(['replay', '--spec', 'bpf@v1', '--backend', 'model', '--sequence', record]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/agrees {2}sequence 1 \(one batch\) case 1\/2: /);
    expect(r.out).toMatch(/agrees {2}sequence 1 \(one batch\) case 2\/2: /);
    expect(r.out).toContain('2 agree, 0 differ');
  });

  it.each([
    ['{', /replay: --sequence: sequence: not JSON/],
    [JSON.stringify({ ...JSON.parse(record), differs: 5 }), /replay: --sequence: sequence: differs is 5, but there are 2 cases/],
    [JSON.stringify({ ...JSON.parse(record), cases: [{ sqe: '00'.repeat(64), ctx: {} }], differs: 0 }), /replay: --sequence: sequence case 0: opcode 0 is outside bpf@v1/],
  ])('%s is bad usage: exit 2, one line', async (arg, message) => {
    const r = await runCli(['replay', '--spec', 'bpf@v1', '--backend', 'model', '--sequence', arg]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('takes one source only', async () => {
    const r = await runCli(['replay', '--spec', 'bpf@v1', '--backend', 'model', '--sequence', record, '--sqe', '41' + '00'.repeat(63)]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/give exactly one of --sqe HEX, --sequence JSON, --corpus FILE, --report FILE/);
  });
});
