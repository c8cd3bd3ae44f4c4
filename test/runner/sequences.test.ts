/** The sequence record (runner/sequence.ts, docs/sequences.md), delta debugging, and sequences in the corpus. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendCorpus, corpusCases, corpusEntry, corpusSequences, readCorpus } from '../../corpus/corpus.js';
import { modelBackend } from '../../backends/model-backend.js';
import { checkSpec } from '../../runner/check.js';
import { ddmin } from '../../runner/ddmin.js';
import { parseSequenceRecord, sequenceRecord, type Sequence } from '../../runner/sequence.js';
import { getSpec } from '../../registry/specs.js';
import { sqeFromHex } from '../../spec/sqe.js';
import { leakingBackend } from '../helpers/faulty-backends.js';
import { tempDir } from '../helpers/temp-dir.js';

const spec = getSpec('bpf@v1');
// IORING_OP_BPF with a fixed buffer 1 in a BPF ring with no table: -EFAULT
const efault = { sqe: sqeFromHex('41' + '00'.repeat(27) + '00004000' + '00'.repeat(32)), ctx: { setupFlags: 1 << 20, nrBufs: 0, bufSize: 4096, ops: [], personalities: 0 } };
// IORING_OP_BPF in a ring without IORING_SETUP_BPF: -EACCES
const eacces = { sqe: sqeFromHex('41' + '00'.repeat(63)), ctx: { setupFlags: 0, nrBufs: 0, bufSize: 4096, ops: [], personalities: 0 } };
const leak: Sequence = { cases: [efault, eacces], differs: 1 };

describe('the sequence record', () => {
  it('round-trips through JSON, contexts canonical', () => {
    const json = JSON.parse(JSON.stringify(sequenceRecord(leak)));
    expect(json).toMatchObject({ version: 1, run: 'batch', differs: 1 });
    expect(json.cases[0].sqe).toMatch(/^[0-9a-f]{128}$/);
    expect(parseSequenceRecord(json, 'test')).toEqual(leak);
    expect(parseSequenceRecord(JSON.stringify(json), 'test')).toEqual(leak);
  });

  it('keeps keys it does not know (a stateful spec may add some)', () => {
    expect(parseSequenceRecord({ ...sequenceRecord(leak), ringState: { sqHead: 3 } }, 'test')).toEqual(leak);
  });

  it.each([
    ['not json', /^where: sequence: not JSON/],
    [{ version: 2, run: 'batch', cases: [], differs: 0 }, /^where: sequence: version: /],
    [{ version: 1, run: 'batch', cases: [], differs: 0 }, /^where: sequence: cases: /],
    [{ ...sequenceRecord(leak), differs: 2 }, /^where: sequence: differs is 2, but there are 2 cases/],
    [{ ...sequenceRecord(leak), cases: [{ sqe: 'zz', ctx: {} }], differs: 0 }, /^where: sequence case 0: /],
  ])('rejects %j, naming where and what', (input, message) => {
    expect(() => parseSequenceRecord(input, 'where')).toThrow(message);
  });
});

describe('ddmin', () => {
  it('finds the two items that fail together, order kept', async () => {
    const items = [...Array(50).keys()];
    const r = await ddmin(items, async (xs) => xs.includes(7) && xs.includes(31), { stopAt: Infinity, maxTests: 10_000 });
    expect(r.items).toEqual([7, 31]);
  });

  it('stops at its test budget with a subsequence that still fails', async () => {
    let calls = 0;
    const r = await ddmin([...Array(64).keys()], async (xs) => (calls++, xs.includes(5)), { stopAt: Infinity, maxTests: 3 });
    expect(calls).toBe(3);
    expect(r.items).toContain(5);
  });
});

describe('sequences in the corpus', () => {
  it('are written, deduplicated and read back apart from single cases', () => {
    const file = join(tempDir(), 'corpus.jsonl');
    const entry = corpusEntry('bpf@v1', eacces, { property: 'p', sequence: sequenceRecord(leak) });
    expect(appendCorpus(file, [entry, entry, corpusEntry('bpf@v1', eacces, {})])).toBe(2);
    const entries = readCorpus(file);
    expect(corpusSequences(entries, 'bpf@v1')).toEqual([leak]);
    expect(corpusCases(entries, 'bpf@v1')).toEqual([eacces]);
  });

  it('are replayed as one batch first: order-dependent on a leaking backend, passing on the model', async () => {
    const bad = await checkSpec(spec, leakingBackend(), { seed: 1, runs: 1, only: [], corpusSequences: [leak] });
    const f = bad.properties[0]!.failure!;
    expect([bad.properties[0]!.name, f.kind]).toEqual(['corpus-replay', 'violation']);
    expect(f.sequence).toEqual(leak);
    const good = await checkSpec(spec, modelBackend('bpf@v1', { 'bpf@v1': spec.model }), { seed: 1, runs: 1, only: [], corpusSequences: [leak] });
    expect(good.properties[0]).toMatchObject({ name: 'corpus-replay', status: 'passed', cases: 2 });
  });
});
